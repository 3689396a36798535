import Foundation
import LogTriageAnalysis

/// A fresh, empty directory for one test's spool, removed by ``remove()``.
struct ScratchDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("stale-invoices-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A directory made elsewhere, to list it.
    init(existing path: String) { self.path = path }

    var contents: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// What a detector run reported: verdicts in the order given, and the summary.
struct DetectorRun {
    var verdicts: [(reference: Int64, stale: Bool)]
    var summary: StaleInvoiceSummary

    var staleReferences: [Int64] { verdicts.filter(\.stale).map(\.reference) }
    var verdictPairs: [[Int64]] { verdicts.map { [$0.reference, $0.stale ? 1 : 0] } }

    /// The first verdict that differs from `expected`'s, described; nil when all agree. Keeps a
    /// failure message short where comparing thousands of verdicts whole would not.
    func firstDifference(from expected: DetectorRun) -> String? {
        for (index, (actual, wanted)) in zip(verdicts, expected.verdicts).enumerated()
        where actual.reference != wanted.reference || actual.stale != wanted.stale {
            return "verdict \(index): got \(actual), expected \(wanted)"
        }
        return verdicts.count == expected.verdicts.count ? nil : "\(verdicts.count) verdicts, expected \(expected.verdicts.count)"
    }

    /// Feeds `batches` in order (each an export "file"), then finishes; checks the spool is gone.
    static func run(_ batches: [[InvoiceObservation]], gap: Int64 = 600_000, maxRowsInMemory: Int = 1 << 18,
                    threads: Int = 1, in scratch: ScratchDirectory) throws -> DetectorRun {
        let detector = try StaleInvoiceDetector(loopGapMilliseconds: gap, temporaryDirectory: scratch.path,
                                                maxRowsInMemory: maxRowsInMemory, threads: threads)
        for batch in batches {
            for observation in batch { try detector.observe(observation) }
        }
        var verdicts: [(reference: Int64, stale: Bool)] = []
        let summary = try detector.finish { verdicts.append(($0, $1)) }
        return DetectorRun(verdicts: verdicts, summary: summary)
    }
}

/// The loop rules written the plain way, all in memory, as the reference the spooled detector
/// must agree with.
enum StaleInvoiceReference {
    static func run(_ observations: [InvoiceObservation], gap: Int64) -> DetectorRun {
        var summary = StaleInvoiceSummary(observations: observations.count)
        var verdicts: [(reference: Int64, stale: Bool)] = []
        let byAccount = Dictionary(grouping: observations) { $0.account }
        summary.accounts = byAccount.count
        for (_, group) in byAccount {
            let sorted = group.sorted { ($0.time, $0.invoiceDay, $0.outcome.rawValue, $0.reference)
                < ($1.time, $1.invoiceDay, $1.outcome.rawValue, $1.reference) }
            var loops: [[InvoiceObservation]] = []
            for observation in sorted {
                if let last = loops.last?.last, observation.time - last.time <= gap {
                    loops[loops.count - 1].append(observation)
                } else {
                    loops.append([observation])
                }
            }
            summary.loops += loops.count
            for loop in loops {
                let newestDay = loop.map(\.invoiceDay).max()!
                let newest = loop.filter { $0.invoiceDay == newestDay }
                let latest = newest.map(\.time).max()!
                let rank: [InvoiceOutcome: Int] = [.success: 0, .otherFailure: 1, .invoiceStateFailure: 2]
                let newestOutcome = newest.filter { $0.time == latest }.max { rank[$0.outcome]! < rank[$1.outcome]! }!.outcome
                var anyStale = false
                for observation in loop where observation.outcome != .success {
                    let stale = observation.outcome == .invoiceStateFailure && observation.invoiceDay < newestDay
                        && newestOutcome != .invoiceStateFailure
                    verdicts.append((observation.reference, stale))
                    if stale { summary.staleFailures += 1; anyStale = true } else { summary.recentFailures += 1 }
                }
                if anyStale { summary.loopsWithStaleFailures += 1 }
            }
        }
        verdicts.sort { ($0.reference, $0.stale ? 1 : 0) < ($1.reference, $1.stale ? 1 : 0) }
        return DetectorRun(verdicts: verdicts, summary: summary)
    }
}

/// SplitMix64: a seeded generator, so a failing random case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
