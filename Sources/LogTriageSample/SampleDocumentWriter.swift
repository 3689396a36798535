/// A writer of one whole gzip JSON document (a historical export, a Log API payload file):
/// what the router needs to describe the file once it is closed.
protocol SampleDocumentWriter: AnyObject {
    var spec: SampleFileSpec { get }
    var path: String { get }
    var records: Int { get }
    var members: Int { get }
    var uncompressedBytes: Int { get }
    var firstTimestamp: Int64? { get }
    var lastTimestamp: Int64? { get }
    var services: Set<SampleService> { get }
    var serviceCounts: [Int] { get }
    func close() throws
}

extension HistoricalExportSampleWriter: SampleDocumentWriter {}
extension LogAPISampleWriter: SampleDocumentWriter {}
