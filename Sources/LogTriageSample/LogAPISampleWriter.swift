/// Writes a Log API detailed-payload file: one JSON array of blocks
/// `{"common":{"attributes":{"appName":…,"hostname":…,"logtype":…}},"logs":[{"timestamp":…,"message":…,"attributes":{…}},…]}`.
///
/// Records are batched per host as a shipper would post them: a block closes after 100
/// logs or 10 minutes. `appName` and `hostname` travel in the common attributes only.
final class LogAPISampleWriter {
    let spec: SampleFileSpec
    private let output: SampleOutputFile
    private var batches: [[SampleRecord]]
    private var bytes: [UInt8] = []
    private var blocks = 0
    private static let batchLimit = 100
    private static let batchSpan = 10 * SampleTime.minute
    private static let common: [StaticString] = ["appName", "hostname"]
    private(set) var records = 0
    private(set) var firstTimestamp: Int64?
    private(set) var lastTimestamp: Int64?
    private(set) var services = Set<SampleService>()
    /// Records written per service, by `SampleService.rawValue`.
    private(set) var serviceCounts = [Int](repeating: 0, count: SampleService.allCases.count)

    init(spec: SampleFileSpec, directory: String, level: Int32, hosts: Int) throws {
        self.spec = spec
        output = try SampleOutputFile(path: directory + "/" + spec.relativePath, compressed: spec.compressed, level: level)
        batches = Array(repeating: [], count: hosts)
    }

    var path: String { output.path }
    var uncompressedBytes: Int { output.uncompressedBytes }
    var members: Int { output.members }

    func write(_ record: SampleRecord) throws {
        if let first = batches[record.host].first, record.timestamp - first.timestamp >= Self.batchSpan {
            try flush(host: record.host)
        }
        batches[record.host].append(record)
        records += 1
        firstTimestamp = min(firstTimestamp ?? record.timestamp, record.timestamp)
        lastTimestamp = max(lastTimestamp ?? record.timestamp, record.timestamp)
        services.insert(record.service)
        serviceCounts[record.service.rawValue] += 1
        if batches[record.host].count >= Self.batchLimit { try flush(host: record.host) }
    }

    private func flush(host: Int) throws {
        let batch = batches[host]
        guard let first = batch.first else { return }
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: Array((blocks == 0 ? "[" : ",\n").utf8))
        SampleJSON.appendKey("common", to: &bytes, first: true)
        SampleJSON.appendKey("attributes", to: &bytes, first: true)
        SampleJSON.appendKey("appName", to: &bytes, first: true)
        SampleJSON.appendString(first.service.name, to: &bytes)
        SampleJSON.appendKey("hostname", to: &bytes)
        SampleJSON.appendString(SampleCatalog.host(first.service, host), to: &bytes)
        SampleJSON.appendKey("logtype", to: &bytes)
        SampleJSON.appendString("application", to: &bytes)
        bytes.append(contentsOf: Array("}}".utf8))
        SampleJSON.appendKey("logs", to: &bytes)
        bytes.append(UInt8(ascii: "["))
        for (index, record) in batch.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            SampleJSON.appendLogAPIEntry(record, excluding: Self.common, to: &bytes)
        }
        bytes.append(contentsOf: Array("]}".utf8))
        try output.append(bytes)
        blocks += 1
        batches[host].removeAll(keepingCapacity: true)
    }

    func close() throws {
        for host in batches.indices { try flush(host: host) }
        try output.append(blocks == 0 ? Array("[]".utf8) : Array("]".utf8))
        try output.close()
    }
}
