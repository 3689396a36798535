/// Generates `sync-consumer`: a queue consumer of invoice events from `sync.invoices`.
///
/// Version 2.3.1 starts Monday 06:30Z; version 2.4.0 starts Thursday 2026-11-12 16:00:00Z
/// ("Started SyncConsumerApplication v2.4.0 …", INFO, one per host). From then on every
/// `invoice.updated.v2` message fails with Jackson's `InvalidTypeIdException` (ERROR) and is
/// followed a few milliseconds later by "Message <uuid> sent to DLQ sync.invoices.dlq
/// after 0 retries" (WARN): a silent failure. Before the release v2 messages succeed.
///
/// Host 1 logs its own structured JSON inside `message`; about one record in 400 carries
/// an ISO-8601 `timestamp`.
struct SyncConsumerSampleService {
    private var random: SampleRandom
    private let scale: Double
    /// False for the week before the sample week: its incidents are not planted.
    private let incidents: Bool
    /// Messages per minute at the weekday peak at scale 1.
    static let peakMessagesPerMinute = 0.71
    /// When each host of v2.4.0 logs "Started".
    static let releaseStarted: [Int64] = [
        SampleEpisodeKind.syncReleaseWindow.lowerBound + 412,
        SampleEpisodeKind.syncReleaseWindow.lowerBound + 913,
    ]
    static let firstStarted = SampleTime.at(day: 0, hour: 6, minute: 30)
    private static let types = ["invoice.created", "invoice.updated", "invoice.paid", "invoice.updated.v2"]
    private static let typeCumulative = SampleCatalog.cumulative([30, 35, 20, 15])

    init(seed: UInt64, scale: Double, incidents: Bool = true) {
        self.incidents = incidents
        random = SampleRandom(seed: seed, stream: 6)
        self.scale = scale
    }

    mutating func generate(minute start: Int64, into context: inout SampleGenerationContext) {
        let minute = start..<(start + SampleTime.minute)
        for host in 0..<2 {
            if minute.contains(Self.firstStarted) {
                started(version: "2.3.1", at: Self.firstStarted + Int64(host) * 1_250, host: host, into: &context)
            }
            if incidents, minute.contains(Self.releaseStarted[host]) {
                started(version: "2.4.0", at: Self.releaseStarted[host], host: host, into: &context)
            }
        }
        for _ in 0..<random.count(mean: Self.peakMessagesPerMinute * SampleTraffic.userLoad(at: start) * scale) {
            consume(at: start + Int64(random.below(60_000)), into: &context)
        }
    }

    private func version(host: Int, at time: Int64) -> String {
        incidents && time >= Self.releaseStarted[host] ? "2.4.0" : "2.3.1"
    }

    private mutating func started(version: String, at time: Int64, host: Int, into context: inout SampleGenerationContext) {
        let seconds = random.int(in: 9_000...12_500)
        let text = "Started SyncConsumerApplication v\(version) in \(seconds / 1_000).\(SampleTime.padded(seconds % 1_000, width: 3)) seconds (process running for \(seconds / 1_000 + 1).\(random.int(in: 100...999)))"
        var fields = header(host: host, level: "INFO", logger: "com.acme.sync.SyncConsumerApplication", version: version,
                            thread: "main")
        fields.append(SampleField("trace.id", .hex(random.next(), random.next())))
        context.emit(SampleRecord(timestamp: time, service: .syncConsumer, host: host, message: .string(text), fields: fields))
    }

    private mutating func consume(at time: Int64, into context: inout SampleGenerationContext) {
        let host = random.below(2)
        let version = version(host: host, at: time)
        let type = Self.types[random.weighted(Self.typeCumulative)]
        let id = (random.next(), random.next())
        let messageId = SampleJSON.uuidString(high: id.0, low: id.1)
        let trace = (random.next(), random.next())
        let duration = random.int(in: 4...60)
        let style: SampleTimestampStyle = random.chance(0.0025) ? .iso8601 : .milliseconds
        let failing = version == "2.4.0" && type == "invoice.updated.v2"

        var fields = header(host: host, level: failing ? "ERROR" : "INFO",
                            logger: "com.acme.sync.consumer.InvoiceEventListener", version: version)
        fields.append(SampleField("queue", "sync.invoices"))
        fields.append(SampleField("messageId", messageId))
        fields.append(SampleField("messageType", type))
        fields.append(SampleField("durationMs", duration))
        let message: String
        if failing {
            let text = "Could not resolve type id '\(type)' as a subtype of `com.acme.sync.event.InvoiceEvent`: known type ids = [invoice.created, invoice.paid, invoice.updated] (for POJO property 'type')\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 9]"
            fields.append(SampleField("error.class", "com.fasterxml.jackson.databind.exc.InvalidTypeIdException"))
            fields.append(SampleField("error.message", text))
            fields.append(SampleField("error.stack", SampleStackTraces.invalidTypeId(message: text)))
            message = "Failed to deserialize message \(messageId) from sync.invoices"
        } else {
            fields.append(SampleField("outcome", "success"))
            if host == 1 {
                message = "{\"msg\":\"Consumed message\",\"queue\":\"sync.invoices\",\"messageId\":\"\(messageId)\",\"type\":\"\(type)\",\"durationMs\":\(duration)}"
            } else {
                message = "Consumed message \(messageId) (type=\(type)) from sync.invoices in \(duration) ms"
            }
        }
        fields.append(SampleField("trace.id", .hex(trace.0, trace.1)))
        context.emit(SampleRecord(timestamp: time, service: .syncConsumer, host: host, message: .string(message),
                                  fields: fields, timestampStyle: style),
                     episode: failing ? .syncDeserialization : nil)
        guard failing else { return }

        var dlq = header(host: host, level: "WARN", logger: "com.acme.sync.consumer.DeadLetterPublisher", version: version)
        dlq.append(SampleField("queue", "sync.invoices"))
        dlq.append(SampleField("messageId", messageId))
        dlq.append(SampleField("messageType", type))
        dlq.append(SampleField("dlq", "sync.invoices.dlq"))
        dlq.append(SampleField("retries", 0))
        dlq.append(SampleField("outcome", "failure"))
        dlq.append(SampleField("trace.id", .hex(trace.0, trace.1)))
        context.emit(SampleRecord(timestamp: time + Int64(random.int(in: 3...15)), service: .syncConsumer, host: host,
                                  message: .string("Message \(messageId) sent to DLQ sync.invoices.dlq after 0 retries"),
                                  fields: dlq),
                     episode: .syncDeserialization)
    }

    private func header(host: Int, level: String, logger: String, version: String, thread: String? = nil) -> [SampleField] {
        var fields: [SampleField] = [
            SampleField("newrelic.source", "logs.APM"),
            SampleField("entity.name", "sync-consumer"),
            SampleField("entity.guid", SampleCatalog.entityGUID(.syncConsumer)),
            SampleField("hostname", SampleCatalog.host(.syncConsumer, host)),
            SampleField("level", level),
            SampleField("logger.name", logger),
            SampleField("thread.name", thread ?? "org.springframework.amqp.rabbit.RabbitListenerEndpointContainer#0-\(host + 1)"),
            SampleField("service.version", version),
        ]
        fields.reserveCapacity(18)
        return fields
    }
}
