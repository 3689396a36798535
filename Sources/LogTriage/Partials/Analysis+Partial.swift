import LogTriageBasics
import LogTriageIngest
import LogTriageAnalysis
import LogTriageAlerts

extension Analysis {
    /// Reads the plan's inputs as `run` does and writes their mergeable state to `path`
    /// (``PartialRun``) instead of finishing: no verdicts, no report. `configurationText` is
    /// the `--config` file's text (nil for the defaults), kept so the merge analyses alike.
    /// `keepAssignments` keeps every clustered record's row, so that the merge can write an
    /// assignments file. Returns what was read, for the run's summary line and exit status.
    public func writePartial(_ plan: InputPlan, to path: String, configurationText: String?, keepAssignments: Bool = false,
                             progress: IngestProgress? = nil, damage: (DamagedPlace) -> Void = { _ in }) throws -> IngestSummary {
        precondition(clusters, "a partial holds the clustered analysis")
        var firstDamage = FirstDamageByFile()
        let assignments = keepAssignments ? try PartialAssignmentStage() : nil
        // The rows that grow with the input go to spools, not memory, until the file is written.
        let sections = try PartialSections()
        let read = try self.read(plan, progress: progress, assignments: nil, partial: sections,
                                 partialAssignments: assignments) { place in
            firstDamage.note(place)
            damage(place)
        }
        let summary = read.summary
        let inputs = summary.files.enumerated().map { index, report in
            let ordinals = read.ordinals[index]
            return PartialInput(report: report, damage: firstDamage[report.path],
                                firstOrdinal: ordinals?.first ?? 0, records: ordinals?.count ?? 0)
        }
        let observationCount = read.stale.observationCount
        let observations = try PartialSection(purpose: "partial-observations")
        // After the read, on two threads: they touch different stages, or different parts of
        // the alert stage, each read only (the rows' spools are each read by one thread). On
        // the 1 GB bench week with `--alerts`, sorting the observations and copying the alert
        // rows took about 0.25 s, and the other sections and the document about 0.17 s.
        let (run, _) = try concurrently(threads: jobs, { () throws -> PartialRun in
            try read.outcomes.forEachRow { row in try sections.outcomeRows.append { $0.outcomeRow(row) } }
            try read.clusterStale.forEachRow { reference, provisional in
                let row = PartialClusterStaleRow(reference: reference, provisional: provisional)
                try sections.clusterStaleRows.append { $0.clusterStaleRow(row) }
            }
            try read.alerts?.forEachSnapshotCell { cell in try sections.cubeCells.append { $0.cubeCell(cell) } }
            let figures = read.outcomes.figures
            return PartialRun(
                format: PartialRun.currentFormat, version: LogTriageVersion.description, configurationText: configurationText,
                maxLineBytes: configuration.maxLineBytes, conditions: alertConditions, problems: Array(inputs.prefix(plan.problems.count)),
                files: Array(inputs.dropFirst(plan.problems.count)), clusterer: read.contexts.clusterer.snapshot(),
                billers: figures.billers, services: figures.services, timeline: read.timeline.timeline,
                alerts: try read.alerts?.snapshot(), incidentEvents: read.incidentTexts, observations: observationCount,
                assignments: assignments?.count, outcomeNames: read.outcomes.rowNames)
        }, { () throws in
            try read.alerts?.forEachSnapshotRow { row in try sections.alertRows.append { $0.alertRow(row) } }
            try read.stale.drainObservations { observation in try observations.append { $0.observation(observation) } }
        })
        try PartialFile.write(run, sections: sections, to: path, observations: .encoded(observations),
                              assignments: { body in try assignments?.forEachRow(body) })
        return summary
    }
}
