import LogTriageBasics
import LogTriageAnalysis

/// `patterns.csv`: one row per log pattern, most records first (ties by pattern id).
public enum PatternsTable {
    public static let header = ["pattern", "template", "count", "levels", "services", "example"]

    public static func table(for result: PatternResult) -> CSVTable {
        var table = CSVTable(header: header)
        for pattern in result.patterns {
            table.append([pattern.id, pattern.template, String(pattern.count), pattern.levels.joined(separator: ";"),
                          pattern.services.joined(separator: ";"), pattern.example])
        }
        return table
    }
}
