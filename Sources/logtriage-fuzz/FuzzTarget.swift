import Foundation
import LogTriageAlerts
import LogTriageAnalysis
import LogTriageIngest

/// The parsers that face whatever a team feeds them, each as a function of arbitrary bytes.
///
/// A harness must never crash or hang on any input; what it returns does not matter. Inputs
/// that once crashed one are kept under `Fuzz/Regressions/<target>/` and replayed by the tests.
enum FuzzTarget: String, CaseIterable {
    /// The JSON record scanner and the record parser (one line).
    case json
    /// Compression detection, inflate (gzip included), framing and the input reader, with the
    /// input inflated on a decode thread and on the reading thread, which must agree.
    case reader
    /// The NRQL of alert conditions.
    case nrql
    /// The alert conditions file given with `--alerts`.
    case conditions
    /// `triage.yml`, merged over the built-in defaults.
    case config

    /// The target named by `LOGTRIAGE_FUZZ_TARGET` (libFuzzer passes no argument of ours).
    static var selected: FuzzTarget {
        let name = ProcessInfo.processInfo.environment["LOGTRIAGE_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data(
                "set LOGTRIAGE_FUZZ_TARGET to one of: \(allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(64)
        }
        return target
    }

    private static let configuration = try! TriageConfiguration.defaults()
    /// libFuzzer and the replay driver call one input at a time, on one thread.
    nonisolated(unsafe) private static let parser = RecordParser(schema: configuration.schema())
    private static let scratch = NSTemporaryDirectory() + "/logtriage-fuzz-\(getpid())"

    func run(_ bytes: UnsafeRawBufferPointer) {
        switch self {
        case .json:
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            _ = Self.parser.parse(base, count: bytes.count) { view in
                _ = view.string(.message)
                _ = view.timestampMilliseconds
            }
        case .reader:
            guard let path = Self.write(bytes) else { return }
            // Inflated on a decode thread and on the reading thread (`--jobs 1`): both readings
            // must account for the input alike, whatever its damage.
            var reports: [FileIngestReport] = []
            for decodesAhead in [true, false] {
                let reader = InputReader(parser: Self.parser, maxLineBytes: 1 << 16)
                if let stream = try? DecodedInputStream(source: .file(path), chunkSize: 4096, bufferCount: 3,
                                                        decodesAhead: decodesAhead) {
                    reports.append(reader.read(stream, path: path, body: { _ = $0.string(.message) }, damage: { _ in }))
                }
            }
            precondition(reports.count != 2 || reports[0] == reports[1],
                         "the input was read differently when inflated on the reading thread")
        case .nrql:
            _ = try? NRQLQuery.parse(String(decoding: bytes, as: UTF8.self), condition: "fuzz")
        case .conditions:
            guard let path = Self.write(bytes) else { return }
            _ = try? AlertConditionsLoader.load(path: path)
        case .config:
            guard let path = Self.write(bytes) else { return }
            _ = try? TriageConfiguration.load(path: path)
        }
    }

    /// The input as a file, for the parts that read paths; the same file each time.
    private static func write(_ bytes: UnsafeRawBufferPointer) -> String? {
        let data = Data(bytes)
        return (try? data.write(to: URL(fileURLWithPath: scratch))) == nil ? nil : scratch
    }
}
