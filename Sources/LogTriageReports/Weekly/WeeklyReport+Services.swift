import LogTriageBasics
import LogTriageIngest

extension WeeklyReport {
    /// Instrumentation gaps, dead letters and retry-policy mismatches per service.
    func services() -> String {
        var text = MarkdownText.heading(Self.sectionTitles[4], level: 2) + "\n"
        let outcomes = context.result.outcomes
        let services = outcomes.services.sortedServices()
        guard !services.isEmpty else { return text + "No records.\n" }
        var table = MarkdownTable(columns: [
            .init("Service"), .init("Records", alignment: .right), .init("Errors", alignment: .right),
            .init("Stale", alignment: .right), .init("Dead letters", alignment: .right),
            .init("Retry mismatches", alignment: .right), .init("No sourceId", alignment: .right),
            .init("No billerId", alignment: .right), .init("Errors without stack", alignment: .right),
        ])
        for (service, figures) in services {
            let letters = outcomes.deadLetters.services[service]
            table.append([
                .text(service), .text(ReadableNumber.count(figures.records)), .text(ReadableNumber.count(figures.errors)),
                .text(ReadableNumber.count(figures.staleFailures)), .text(ReadableNumber.count(letters?.deadLetters ?? 0)),
                .text(ReadableNumber.count(letters?.retryMismatches ?? 0)),
                .text(ReadableNumber.percent(part: figures.missingSourceId, of: figures.records)),
                .text(ReadableNumber.percent(part: figures.missingBillerId, of: figures.records)),
                .text(ReadableNumber.count(figures.errorsWithoutStack)),
            ])
        }
        text += table.rendered() + "\n"
        var notes: [String] = []
        for gap in context.result.sourceIdGaps {
            notes.append("\(MarkdownText.code(gap.service)) \(gap.missingSourceId == gap.records ? "never sends" : "rarely sends") `sourceId`: \(ReadableNumber.count(gap.unattributedFailures)) failures cannot be attributed to a source.")
        }
        for (service, figures) in outcomes.deadLetters.services.sorted(by: { $0.key < $1.key }) where figures.deadLetters > 0 {
            let causes = figures.causes.sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }
                .map { "\($0.key.rawValue) \(ReadableNumber.count($0.value))" }
            var line = "\(MarkdownText.code(service)) dead-lettered \(ReadableNumber.count(figures.deadLetters)) messages"
            if !causes.isEmpty { line += " (causes: \(causes.joined(separator: ", ")))" }
            if figures.retryMismatches > 0 {
                line += "; **\(ReadableNumber.count(figures.retryMismatches)) after a retryable error with few or no retries**: retry them instead"
            }
            notes.append(line + ".")
        }
        if !notes.isEmpty { text += MarkdownText.bulletList(notes) }
        return text
    }

    static func damageName(_ kind: SkipKind) -> String {
        switch kind {
        case .invalidJson: "invalid JSON"
        case .notJson: "not JSON"
        case .blank: "blank line"
        case .oversized: "oversized line"
        }
    }

    /// Files, records, and damaged lines by kind with the first place of each.
    func input() -> String {
        var text = MarkdownText.heading(Self.sectionTitles[5], level: 2) + "\n"
        let ingest = context.result.ingest
        text += "\(ReadableNumber.count(ingest.files.count)) files, \(ReadableNumber.count(ingest.records)) records"
        text += ", \(ReadableNumber.count(ingest.skipped.total)) lines skipped, \(ReadableNumber.count(ingest.repairedRecords)) records repaired"
        text += ", \(ReadableNumber.count(ingest.untimedRecords)) without a time"
        if ingest.recordsOutsideWeek > 0 {
            text += ", \(ReadableNumber.count(ingest.recordsOutsideWeek)) dated more than \(RecordDays.weekGapDays) days from the week's "
                + "other records (counted, but in no per-day figure, chart or alert window)"
        }
        if ingest.incidentEvents > 0 {
            text += "; \(ReadableNumber.count(ingest.incidentEvents)) New Relic incident events set aside (not records)"
        }
        text += ".\n\n"
        var table = MarkdownTable(columns: [
            .init("File", maxWidth: 60), .init("Compression"), .init("Framing"), .init("Records", alignment: .right),
            .init("Skipped", alignment: .right), .init("Problem", maxWidth: 40),
        ])
        for file in ingest.files.sorted(by: { $0.path < $1.path }) {
            let problem = file.error ?? (file.truncated ? "truncated" : "")
            table.append([
                .code(file.path), .text(file.compression?.rawValue ?? "—"), .text(file.framing ?? "—"),
                .text(ReadableNumber.count(file.records)), .text(ReadableNumber.count(file.skipped.total)), .text(problem),
            ])
        }
        text += table.rendered()
        text += "\n" + MarkdownText.heading("Damaged input", level: 3) + "\n"
        var damage = MarkdownTable(columns: [
            .init("Kind"), .init("Count", alignment: .right), .init("First place", maxWidth: 90),
        ])
        func first(_ matches: (DamagedPlace.Damage) -> Bool) -> MarkdownTable.Cell {
            ingest.firstDamage.first { matches($0.damage) }.map { .code($0.description) } ?? .text("—")
        }
        for kind in SkipKind.allCases {
            damage.append([.text("skipped: \(Self.damageName(kind))"), .text(ReadableNumber.count(ingest.skipped[kind])),
                           first { $0 == .skipped(kind) }])
        }
        damage.append([.text("repaired (invalid UTF-8 replaced)"), .text(ReadableNumber.count(ingest.repairedRecords)),
                       first { $0 == .repaired }])
        damage.append([.text("truncated file"), .text(ReadableNumber.count(ingest.files.filter(\.truncated).count)),
                       first { $0 == .truncatedInput }])
        damage.append([.text("unreadable file"), .text(ReadableNumber.count(ingest.files.filter { $0.error != nil && !$0.truncated }.count)),
                       first { $0 == .unreadable }])
        damage.append([.text("dated outside the week"), .text(ReadableNumber.count(ingest.recordsOutsideWeek)),
                       ingest.week.map { Self.outsideDays($0) } ?? .text("—")])
        text += damage.rendered()
        return text
    }

    /// The first days holding records dated outside the week, e.g. `0000-01-01, 9999-12-31`.
    static func outsideDays(_ week: RecordWeek) -> MarkdownTable.Cell {
        guard !week.outsideDays.isEmpty else { return .text("—") }
        let shown = week.outsideDays.prefix(3).map { ISO8601Time.string(milliseconds: $0.first).prefix(10) }
        let more = week.outsideDays.count - shown.count
        return .text(shown.joined(separator: ", ") + (more > 0 ? " and \(ReadableNumber.count(more)) more days" : ""))
    }
}
