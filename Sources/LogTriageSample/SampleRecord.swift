/// One generated log record before it is framed into a file.
///
/// `message` is kept apart from the other fields because the Log API framing writes it
/// beside `timestamp` and the attributes in their own object.
struct SampleRecord {
    var timestamp: Int64
    var timestampStyle: SampleTimestampStyle = .milliseconds
    var service: SampleService
    /// Index of the emitting host in the service's host list (Log API batches group by it).
    var host: Int
    var message: SampleValue
    var fields: [SampleField]
    /// The episode the record belongs to, if any (set when emitted; damage avoids these).
    var episode: SampleEpisodeKind?
    /// Generation order, the tie-breaker that keeps equal timestamps in a stable order.
    var sequence: Int = 0

    init(timestamp: Int64, service: SampleService, host: Int, message: SampleValue,
         fields: [SampleField], timestampStyle: SampleTimestampStyle = .milliseconds) {
        self.timestamp = timestamp
        self.service = service
        self.host = host
        self.message = message
        self.fields = fields
        self.timestampStyle = timestampStyle
    }
}
