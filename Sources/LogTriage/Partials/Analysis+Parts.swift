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
        guard clusters, readsFilesSideBySide, jobs > 2 else { return nil }
        return plan.parts(upTo: jobs, sharing: jobs)
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
        _ = try readPartsSideBySide(parts.count, stop: stop) { index in
            let part = Analysis(configuration: configuration, alertConditions: alertConditions, jobs: parts[index].jobs)
            part.stopSignal = stop
            _ = try part.writePartial(parts[index].plan, to: paths[index], configurationText: nil,
                                      keepAssignments: assignments != nil, progress: progress) { place in
                damageLock.withLock { damage(place) }
            }
        }
        let merge = try PartialMerge(paths: paths, configuration: configuration)
        return try merge.result(with: self, assignments: assignments)
    }
}

