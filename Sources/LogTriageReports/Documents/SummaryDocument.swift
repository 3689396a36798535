import LogTriageBasics
import LogTriageIngest
import LogTriageModel
import LogTriageAlerts

/// `summary.json`: the run's totals for people and for other tools (a stable contract:
/// keys are only ever added).
public struct SummaryDocument {
    public let result: AnalysisResult
    private var ingest: IngestSummary { result.ingest }

    public init(result: AnalysisResult) { self.result = result }

    public func json() -> JSONText {
        var members: [(String, JSONText)] = [
            ("version", .integer(1)),
            ("records", .integer(ingest.records)),
            ("repairedRecords", .integer(ingest.repairedRecords)),
            ("untimedRecords", .integer(ingest.untimedRecords)),
            // New Relic incident events among the inputs: set aside, not records.
            ("incidentEvents", .integer(ingest.incidentEvents)),
            ("skippedLines", Self.skipped(ingest.skipped)),
        ]
        members.append(("files", .array(ingest.files.map(Self.file))))
        if let from = ingest.firstTimestamp, let to = ingest.lastTimestamp {
            members.append(("timeRange", .object([
                ("from", .string(ISO8601Time.string(milliseconds: from))),
                ("to", .string(ISO8601Time.string(milliseconds: to))),
            ])))
        } else {
            members.append(("timeRange", .null))
        }
        // Timed records dated far from the week: outside `timeRange` and every time figure.
        members.append(("recordsOutsideTimeRange", .integer(ingest.recordsOutsideWeek)))
        members.append(("firstDamage", .array(ingest.firstDamage.map { .string($0.description) })))
        let clustering = result.clustering
        let categories = clustering.categoryCounts
        members += [
            ("errorRecords", .integer(clustering.errorRecords)),
            ("warningRecords", .integer(clustering.warningRecords)),
            ("clusters", .integer(clustering.clusters.count)),
            ("clusterOverflowRecords", .integer(clustering.overflowRecords)),
            ("categories", .object(Category.allCases.map { ($0.rawValue, .integer(categories[$0] ?? 0)) })),
            // Error records in clusters no rule or evidence classified, and their share of all
            // error records: a team sees at once when the rules do not know its logs.
            ("unclassifiedRecords", .integer(clustering.unclassifiedErrorRecords)),
            ("unclassifiedShare", .number(Self.rounded(clustering.unclassifiedShare))),
            ("staleFailures", .integer(result.staleInvoices.staleFailures)),
            ("recentFailures", .integer(result.staleInvoices.recentFailures)),
            ("unjudgedFailures", .integer(result.unjudgedFailures)),
            ("invoiceLoops", .integer(result.staleInvoices.loops)),
            ("deadLetters", .integer(result.outcomes.deadLetters.totalDeadLetters)),
            ("retryMismatches", .integer(result.outcomes.deadLetters.totalMismatches)),
            ("sourceIdGaps", .array(result.sourceIdGaps.map { gap in
                .object([("service", .string(gap.service)), ("records", .integer(gap.records)),
                         ("missingSourceId", .integer(gap.missingSourceId)),
                         ("unattributedFailures", .integer(gap.unattributedFailures))])
            })),
            ("instrumentation", .array(result.outcomes.services.sortedServices().map { service, figures in
                .object([
                    ("service", .string(service)), ("records", .integer(figures.records)),
                    ("missingSourceId", .integer(figures.missingSourceId)),
                    ("missingBillerId", .integer(figures.missingBillerId)),
                    ("missingAccountId", .integer(figures.missingAccountId)),
                    ("missingInvoiceDate", .integer(figures.missingInvoiceDate)),
                    ("missingTraceId", .integer(figures.missingTraceId)),
                    ("errors", .integer(figures.errors)),
                    ("errorsWithoutStack", .integer(figures.errorsWithoutStack)),
                    ("unattributedFailures", .integer(figures.unattributedFailures)),
                ])
            })),
            ("deadLetterServices", .array(result.outcomes.deadLetters.services.sorted { $0.key < $1.key }
                .filter { $0.value.deadLetters > 0 }.map { service, figures in
                    .object([
                        ("service", .string(service)), ("deadLetters", .integer(figures.deadLetters)),
                        ("retryMismatches", .integer(figures.retryMismatches)),
                        ("byDay", .object(figures.deadLettersByDay.sorted { $0.key < $1.key }.map {
                            (ISO8601Time.string(milliseconds: Int64($0.key) * 86_400_000).prefix(10).description, .integer($0.value))
                        })),
                        ("causes", .object(figures.causes.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                            ($0.key.rawValue, .integer($0.value))
                        } + [("unknown", .integer(figures.unknownCauses))])),
                    ])
                })),
            ("alertReview", result.alerts.map(Self.alertReview) ?? .null),
        ]
        return .object(members)
    }

    /// The alert review's totals (null without `--alerts`); the rows are in alerts.csv.
    private static func alertReview(_ review: AlertReview) -> JSONText {
        func figures(_ rows: [ConditionReview]) -> JSONText {
            var total = BacktestFigures()
            for row in rows { total.merge(row.figures) }
            let episodes = rows.reduce(0) { $0 + $1.quality.episodes }
            return .object([
                ("conditions", .integer(rows.count)), ("incidents", .integer(total.incidents)),
                ("noiseIncidents", .integer(total.noiseIncidents)),
                ("flappingIncidents", .integer(total.flappingIncidents)),
                ("pages", .integer(rows.reduce(0) { $0 + $1.quality.pages })),
                ("episodesInScope", .integer(episodes)),
                ("episodesDetected", .integer(rows.reduce(0) { $0 + $1.quality.detected })),
                ("episodesMasked", .integer(rows.reduce(0) { $0 + $1.quality.masked })),
                ("redWithoutCauseMinutes", .integer(Int(rows.reduce(0) { $0 + $1.quality.redWithoutCauseMinutes }.rounded()))),
                ("noiseMinutes", .integer(Int(rows.reduce(0) { $0 + $1.quality.noiseMinutes }.rounded()))),
            ])
        }
        var actions: [(String, JSONText)] = []
        for action in ["keep", "change", "split", "remove", "add"] {
            actions.append((action, .integer(review.rows.filter { $0.action.rawValue == action && ($0.kind == .current || action == "add") }.count)))
        }
        return .object([
            ("current", figures(review.current)), ("proposed", figures(review.proposed)), ("actions", .object(actions)),
            ("failureEpisodes", .integer(review.episodes.count)),
            ("chronicFailures", .integer(review.chronic.count)),
            ("coverageGaps", .array(review.coverageGaps.map { gap in
                .object([("service", .string(gap.service)), ("category", .string(gap.category.rawValue)),
                         ("records", .integer(gap.records)), ("team", .string(gap.team))])
            })),
        ])
    }

    /// Four decimals: stable text across platforms, precise enough for a share.
    private static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    private static func skipped(_ counts: SkipCounts) -> JSONText {
        .object(SkipKind.allCases.map { ($0.rawValue, .integer(counts[$0])) })
    }

    private static func file(_ file: FileIngestReport) -> JSONText {
        .object([
            ("path", .string(file.path)),
            ("compression", file.compression.map { .string($0.rawValue) } ?? .null),
            ("framing", file.framing.map { .string($0) } ?? .null),
            ("records", .integer(file.records)),
            ("skippedLines", .integer(file.skippedLines)),
            ("skipped", skipped(file.skipped)),
            ("repairedRecords", .integer(file.repairedRecords)),
            ("untimedRecords", .integer(file.untimedRecords)),
            ("truncated", .bool(file.truncated)),
            ("error", file.error.map { .string($0) } ?? .null),
            ("compressedBytes", .integer(file.compressedBytes)),
            ("decompressedBytes", .integer(file.decompressedBytes)),
            ("incidentEvents", .integer(file.incidentEvents)),
        ])
    }
}
