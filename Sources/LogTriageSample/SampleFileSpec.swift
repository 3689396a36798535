/// Where and how one file of the sample is written.
struct SampleFileSpec {
    enum Framing: String {
        case jsonLines = "jsonl"
        case historicalExport = "export"
        case logAPI = "logapi"
    }

    var relativePath: String
    let framing: Framing
    var compressed = true
    /// Start a new gzip member at every hour boundary (streaming-export style).
    var memberPerHour = false
    /// Cut the finished file at 90% of its compressed size.
    var truncate = false
    /// Plant damaged lines (JSON-lines files, when the options ask for damage).
    var damage = false
}
