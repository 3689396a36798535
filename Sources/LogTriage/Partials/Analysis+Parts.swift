import Foundation
import LogTriageBasics
import LogTriageIngest
import LogTriageAnalysis
import LogTriageReports

extension Analysis {
    /// How the run splits `plan` to read its files side by side, and the jobs of each part;
    /// nil to read them one after another.
    ///
    /// One reading pipeline keeps about two cores busy whatever `jobs` says: the stages and the
    /// contexts need the records in read order, so a file is read by one thread. With three jobs
    /// or more and several files, the files are split into up to `jobs` parts of about the same
    /// text (``InputPlan/balanced(into:)``), each read as its own partial run on a thread of
    /// its own, then merged as `logtriage merge` merges partials, which gives the reports one
    /// run over all the files gives, byte for byte. On two cores the parts bring nothing: two
    /// `--shard` processes side by side and their merge took as long as one run with two jobs
    /// (2.37 to 2.40 s against 2.39 to 2.91 s on the generated 1 GB week of 11 files), so two
    /// jobs keep the one pipeline. Files named twice are read as one run reads them, twice in a row.
    package func parts(of plan: InputPlan) -> [(plan: InputPlan, jobs: Int)]? {
        guard clusters, readsFilesSideBySide, jobs > 2, plan.sources.count > 1 else { return nil }
        let names = plan.sources.map(\.displayName) + plan.problems.map(\.path)
        guard Set(names).count == names.count else { return nil }
        let parts = plan.balanced(into: jobs)
        return parts.enumerated().map { index, part in
            (part, jobs / parts.count + (index < jobs % parts.count ? 1 : 0))
        }
    }

    /// Reads each part as a partial run into a private folder, the parts side by side (the
    /// largest first), then merges them with this run's configuration, last week and incidents.
    /// The first part to fail stops the others at their next record, and its error is the
    /// run's (the first part's, when several fail). Damaged places are reported as each part
    /// meets them, one at a time: within a part in read order, between parts as they come.
    func runInParts(_ parts: [(plan: InputPlan, jobs: Int)], progress: IngestProgress?, assignments: AssignmentSpool?,
                     damage: (DamagedPlace) -> Void) throws -> AnalysisResult {
        let folder = try SpoolDirectory(in: NSTemporaryDirectory())
        defer { folder.remove() }
        let paths = parts.indices.map { folder.newFilePath("part-\($0).partial") }
        let stop = StopSignal()
        let damageLock = NSLock()
        let outcomes = mapConcurrently(Array(parts.indices), threads: parts.count) { index -> Result<Void, any Error> in
            let part = Analysis(configuration: configuration, alertConditions: alertConditions, jobs: parts[index].jobs)
            part.stopSignal = stop
            do {
                _ = try part.writePartial(parts[index].plan, to: paths[index], configurationText: nil,
                                          keepAssignments: assignments != nil, progress: progress) { place in
                    damageLock.withLock { damage(place) }
                }
                return .success(())
            } catch {
                stop.raise()
                return .failure(error)
            }
        }
        let failures = outcomes.compactMap { outcome -> (any Error)? in
            if case let .failure(error) = outcome { return error }
            return nil
        }
        if let failure = failures.first(where: { !($0 is StoppedByAnotherPart) }) ?? failures.first { throw failure }
        let merge = try PartialMerge(paths: paths, configuration: configuration)
        return try merge.result(with: self, assignments: assignments)
    }
}

/// Thrown by a part of a run read side by side when another part has failed.
struct StoppedByAnotherPart: Error, CustomStringConvertible {
    var description: String { "stopped: another part of the run failed" }
}
