import Foundation
import LogTriageBasics

/// Sends each record, in time order, to the file it belongs in and describes the finished
/// files.
///
/// Layout (the same at every scale):
/// - `export/<date>/logs-000.json.gz`: one gzip JSON-lines file per day for rtd-gateway,
///   pump-worker, sync-consumer and export-consumer; Tuesday is split at 11:00Z into
///   `logs-000` and `logs-001`; Wednesday's file has one gzip member per hour; Friday from
///   23:00Z is `logs-001.json.gz` written uncompressed; Sunday's file is cut at 90% (when the
///   options ask for damage).
/// - `historical/autopay-runner-NNN.json.gz`: autopay-runner as a historical data export.
/// - `logapi/billpay-web-NNN.json.gz`: billpay-web as Log API detailed payloads.
/// The last two roll over to a new numbered file every 250,000 records.
final class SampleFileRouter {
    private let directory: String
    private let options: SampleExportOptions
    private var planRandom: SampleRandom
    private var segment = -1
    private var daily: JSONLinesSampleWriter?
    private var historical: HistoricalExportSampleWriter?
    private var historicalCount = 0
    private var logAPI: LogAPISampleWriter?
    private var logAPICount = 0
    private var files: [SampleFile] = []
    static let rollOverRecords = 250_000

    /// Daily JSON-lines files and the instant each one starts.
    static let dailySegments: [(start: Int64, spec: SampleFileSpec)] = [
        (SampleTime.at(day: 0, hour: 0), SampleFileSpec(relativePath: "logs/export/2026-11-09/logs-000.json.gz", framing: .jsonLines, damage: true)),
        (SampleTime.at(day: 1, hour: 0), SampleFileSpec(relativePath: "logs/export/2026-11-10/logs-000.json.gz", framing: .jsonLines, damage: true)),
        (SampleTime.at(day: 1, hour: 11), SampleFileSpec(relativePath: "logs/export/2026-11-10/logs-001.json.gz", framing: .jsonLines, damage: true)),
        (SampleTime.at(day: 2, hour: 0), SampleFileSpec(relativePath: "logs/export/2026-11-11/logs-000.json.gz", framing: .jsonLines,
                                                        memberPerHour: true, damage: true)),
        (SampleTime.at(day: 3, hour: 0), SampleFileSpec(relativePath: "logs/export/2026-11-12/logs-000.json.gz", framing: .jsonLines, damage: true)),
        (SampleTime.at(day: 4, hour: 0), SampleFileSpec(relativePath: "logs/export/2026-11-13/logs-000.json.gz", framing: .jsonLines, damage: true)),
        (SampleTime.at(day: 4, hour: 23), SampleFileSpec(relativePath: "logs/export/2026-11-13/logs-001.json.gz", framing: .jsonLines,
                                                         compressed: false, damage: true)),
        (SampleTime.at(day: 5, hour: 0), SampleFileSpec(relativePath: "logs/export/2026-11-14/logs-000.json.gz", framing: .jsonLines, damage: true)),
        (SampleTime.at(day: 6, hour: 0), SampleFileSpec(relativePath: "logs/export/2026-11-15/logs-000.json.gz", framing: .jsonLines,
                                                        truncate: true)),
    ]

    init(directory: String, options: SampleExportOptions) {
        self.directory = directory
        self.options = options
        planRandom = SampleRandom(seed: options.seed, stream: 9)
    }

    /// Routes `record` by its time in the sample week, and writes it `options.timeShift`
    /// earlier (the week before, when asked).
    func write(_ original: SampleRecord) throws {
        var record = original
        record.timestamp -= options.timeShift
        switch record.service {
        case .autopayRunner:
            if let writer = historical, writer.records >= Self.rollOverRecords { try closeHistorical() }
            if historical == nil {
                let spec = SampleFileSpec(relativePath: "logs/historical/autopay-runner-\(SampleTime.padded(historicalCount, width: 3)).json.gz",
                                          framing: .historicalExport)
                try makeDirectory(for: spec)
                historical = try HistoricalExportSampleWriter(spec: spec, directory: directory, level: options.compressionLevel)
                historicalCount += 1
            }
            try historical!.write(record)
        case .billpayWeb:
            if let writer = logAPI, writer.records >= Self.rollOverRecords { try closeLogAPI() }
            if logAPI == nil {
                let spec = SampleFileSpec(relativePath: "logs/logapi/billpay-web-\(SampleTime.padded(logAPICount, width: 3)).json.gz",
                                          framing: .logAPI)
                try makeDirectory(for: spec)
                logAPI = try LogAPISampleWriter(spec: spec, directory: directory, level: options.compressionLevel,
                                                hosts: SampleCatalog.hosts[SampleService.billpayWeb.rawValue].count)
                logAPICount += 1
            }
            try logAPI!.write(record)
        default:
            try advance(to: original.timestamp)
            try daily!.write(record)
        }
    }

    /// Closes every file (opening daily files no record reached, so the layout is complete)
    /// and returns their descriptions sorted by path.
    func finish() throws -> [SampleFile] {
        try advance(to: .max)
        try closeDaily()
        try closeHistorical()
        try closeLogAPI()
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    private func advance(to time: Int64) throws {
        while segment + 1 < Self.dailySegments.count, time >= Self.dailySegments[segment + 1].start {
            try closeDaily()
            segment += 1
            let spec = Self.shifted(Self.dailySegments[segment], by: options.timeShift)
            try makeDirectory(for: spec)
            let plan = options.includeDamage && spec.damage
                ? SampleDamagePlan(random: &planRandom, scale: options.scale) : SampleDamagePlan()
            daily = try JSONLinesSampleWriter(spec: spec, directory: directory, level: options.compressionLevel, plan: plan,
                                              random: SampleRandom(seed: options.seed, stream: 100 + UInt64(segment)))
        }
    }

    /// A daily file of the week shifted `shift` earlier: its folder named after its own date.
    private static func shifted(_ segment: (start: Int64, spec: SampleFileSpec), by shift: Int64) -> SampleFileSpec {
        guard shift != 0 else { return segment.spec }
        var spec = segment.spec
        let day = SampleTime.date(segment.start - segment.start % SampleTime.day)
        spec.relativePath = spec.relativePath.replacingOccurrences(
            of: day, with: SampleTime.date(segment.start - segment.start % SampleTime.day - shift))
        return spec
    }

    private func closeDaily() throws {
        guard let writer = daily else { return }
        daily = nil
        try writer.close()
        var file = SampleFile(relativePath: writer.spec.relativePath, records: writer.records,
                              compression: writer.spec.compressed ? "gzip" : "none", framing: writer.spec.framing.rawValue,
                              gzipMembers: writer.members, truncated: false, recordsWritten: writer.records,
                              damage: writer.damage, bytes: 0, uncompressedBytes: writer.uncompressedBytes,
                              firstTimestampMs: writer.firstTimestamp, lastTimestampMs: writer.lastTimestamp,
                              services: writer.services.sorted().map(\.name),
                              recordsWrittenByService: Self.byName(writer.serviceCounts))
        if writer.spec.truncate && options.includeDamage {
            let size = try Self.size(of: writer.path)
            guard truncate(writer.path, off_t(size * 9 / 10)) == 0 else {
                throw OutputError.writeFailed(path: writer.path, errno: errno)
            }
            let summary = try SampleGzipInspector.inspect(path: writer.path)
            file.truncated = true
            file.records = summary.completeLines - writer.damage.unusableLines
            file.uncompressedBytes = summary.bytes
            file.lastTimestampMs = summary.completeLines == 0 ? nil : SampleGzipInspector.leadingTimestamp(summary.lastCompleteLine)
            if summary.completeLines == 0 { file.firstTimestampMs = nil }
        }
        file.bytes = try Self.size(of: writer.path)
        files.append(file)
    }

    private func closeHistorical() throws {
        guard let writer = historical else { return }
        historical = nil
        try close(writer)
    }

    private func closeLogAPI() throws {
        guard let writer = logAPI else { return }
        logAPI = nil
        try close(writer)
    }

    /// Closes a whole-document file and lists it; such files are never damaged or cut.
    private func close(_ writer: some SampleDocumentWriter) throws {
        try writer.close()
        files.append(SampleFile(relativePath: writer.spec.relativePath, records: writer.records, compression: "gzip",
                                framing: writer.spec.framing.rawValue, gzipMembers: writer.members, truncated: false,
                                recordsWritten: writer.records, damage: SampleDamageCounts(),
                                bytes: try Self.size(of: writer.path), uncompressedBytes: writer.uncompressedBytes,
                                firstTimestampMs: writer.firstTimestamp, lastTimestampMs: writer.lastTimestamp,
                                services: writer.services.sorted().map(\.name),
                                recordsWrittenByService: Self.byName(writer.serviceCounts)))
    }

    private func makeDirectory(for spec: SampleFileSpec) throws {
        let parent = (directory + "/" + spec.relativePath).split(separator: "/", omittingEmptySubsequences: false)
            .dropLast().joined(separator: "/")
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotCreate(path: parent, errno: errno)
        }
    }

    private static func byName(_ counts: [Int]) -> [String: Int] {
        var named: [String: Int] = [:]
        for service in SampleService.allCases where counts[service.rawValue] > 0 { named[service.name] = counts[service.rawValue] }
        return named
    }

    static func size(of path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw OutputError.writeFailed(path: path, errno: errno) }
        return Int(info.st_size)
    }
}
