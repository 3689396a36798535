import Foundation
import LogTriageBasics
import LogTriageIngest
import LogTriageAnalysis

extension PatternAnalysis {
    /// How `patterns` splits `plan` to read its files side by side, and the jobs of each part;
    /// nil to read them one after another.
    ///
    /// One read keeps less than two cores busy, whatever `jobs` says: its reading thread is
    /// the bottleneck, with the thread inflating ahead of it and the miners behind it waiting on
    /// it (on this machine, `--jobs 2` on one file spent 47%, 36% and 18% of a `perf` profile's
    /// samples on the three). With two jobs or more and several files, the files are split into
    /// parts of about the same text (``InputPlan/balanced(into:)``), one for every two jobs and
    /// at least two, each read by a pipeline of its own (inflating, reading, and
    /// `jobs / parts - 1` miners, at least one); the miners' journals then merge as the miners
    /// of one run do. On this 2-core machine two parts at two jobs took 1.18 to 1.29 s on the
    /// generated 1 GB week of 11 files, where one read took 1.43 to 1.70 s (four alternating
    /// rounds). Files named twice are read as one run reads them, twice in a row.
    package func parts(of plan: InputPlan, jobs: Int) -> [(plan: InputPlan, jobs: Int)]? {
        guard readsFilesSideBySide, jobs >= 2 else { return nil }
        return plan.parts(upTo: max(2, jobs / 2), sharing: jobs)
    }

    /// Reads each part with its miners, the parts side by side, then merges every part's
    /// miners into the patterns of one run and the parts' ingest into one run's, file by file
    /// in the plan's order. The first part to fail stops the others at their next record, and
    /// its error is the run's. Damaged places are reported as each part meets them.
    func readInParts(_ parts: [(plan: InputPlan, jobs: Int)], of plan: InputPlan, progress: IngestProgress?,
                     damage: (DamagedPlace) -> Void) throws -> (ingest: IngestSummary, patterns: PatternResult) {
        // Each source's place in the run's order, as its ingest summary counts files.
        var place: [String: Int] = [:]
        for (index, source) in plan.sources.enumerated() { place[source.displayName] = plan.problems.count + index }
        let miners = parts.reduce(0) { $0 + max(1, $1.jobs - 1) }
        let stop = stopSignal ?? StopSignal()
        let damageLock = NSLock()
        let read = try readPartsSideBySide(parts.count, stop: stop) { index in
            let part = parts[index]
            let fileOrder = part.plan.problems.map { _ in 0 } + part.plan.sources.map { place[$0.displayName]! }
            let workers = PatternWorkers(count: max(1, part.jobs - 1), sharing: miners, miner: miner, fileOrder: fileOrder)
            defer { workers.cancel() }
            var firstDamage = FirstDamageByFile()
            let reader = IngestRun(configuration: configuration, decodesAhead: true)
            let summary = try reader.read(part.plan, progress: progress, damage: { found in
                firstDamage.note(found)
                damageLock.withLock { damage(found) }
            }) { record, file in
                if stop.isRaised { throw StoppedByAnotherPart() }
                try workers.consume(record, file: file)
            }
            return (summary: summary, damage: firstDamage, collectors: try workers.finishMining())
        }

        var reports: [String: FileIngestReport] = [:]
        var firstDamage = FirstDamageByFile()
        for part in read {
            for report in part.summary.files { reports[report.path] = report }
            firstDamage.add(part.damage)
        }
        var ingest = IngestSummary()
        for path in plan.problems.map(\.path) + plan.sources.map(\.displayName) {
            ingest.add(reports[path]!, firstDamage: firstDamage[path])
        }
        let patterns = try PatternCollector.finish(merging: read.flatMap(\.collectors), configuration: miner)
        return (ingest, patterns)
    }
}
