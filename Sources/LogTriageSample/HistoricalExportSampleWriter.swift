/// Writes a historical-data-export style file: gzip of one JSON array of
/// `{"attributes":{"eventType":"Log","timestamp":…,…}}` objects.
final class HistoricalExportSampleWriter {
    let spec: SampleFileSpec
    private let output: SampleOutputFile
    private var element: [UInt8] = []
    private(set) var records = 0
    private(set) var firstTimestamp: Int64?
    private(set) var lastTimestamp: Int64?
    private(set) var services = Set<SampleService>()
    /// Records written per service, by `SampleService.rawValue`.
    private(set) var serviceCounts = [Int](repeating: 0, count: SampleService.allCases.count)

    init(spec: SampleFileSpec, directory: String, level: Int32) throws {
        self.spec = spec
        output = try SampleOutputFile(path: directory + "/" + spec.relativePath, compressed: spec.compressed, level: level)
        element.reserveCapacity(16_384)
    }

    var path: String { output.path }
    var uncompressedBytes: Int { output.uncompressedBytes }
    var members: Int { output.members }

    func write(_ record: SampleRecord) throws {
        element.removeAll(keepingCapacity: true)
        element.append(records == 0 ? UInt8(ascii: "[") : UInt8(ascii: ","))
        SampleJSON.appendExportElement(record, to: &element)
        try output.append(element)
        records += 1
        if firstTimestamp == nil { firstTimestamp = record.timestamp }
        lastTimestamp = record.timestamp
        services.insert(record.service)
        serviceCounts[record.service.rawValue] += 1
    }

    func close() throws {
        try output.append(records == 0 ? Array("[]".utf8) : Array("]".utf8))
        try output.close()
    }
}
