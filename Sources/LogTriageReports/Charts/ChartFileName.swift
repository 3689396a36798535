import LogTriageBasics

/// File names of the charts written next to `report.md`, so the report and the writer agree on
/// them and any condition name, however odd, yields a name safe on every file system and in
/// a Markdown link.
///
/// Names are lowercase `[a-z0-9-]` with a `.svg` extension. Names built from free text end in
/// a short stable hash of the original text, so two conditions that read the same once
/// simplified (`API errors` and `api-errors`) still get different files, and the same
/// condition gets the same file every week.
public enum ChartFileName {
    /// The stacked errors-per-hour chart.
    public static let hourlyCategories = "errors-by-hour.svg"
    /// The sheet of top clusters' sparklines.
    public static let clusterSparklines = "cluster-sparklines.svg"
    /// The longest readable part kept from each piece of free text.
    static let maxSlugLength = 40

    /// The backtest chart of `condition`; `kind` tells charts of one condition apart (`critical`,
    /// `warning`, a facet value).
    public static func backtest(condition: String, kind: String) -> String {
        "backtest-" + slug(condition) + "-" + slug(kind) + "-" + hash(condition + "\u{0}" + kind) + ".svg"
    }

    /// The standalone sparkline of one cluster.
    public static func sparkline(clusterID: String) -> String {
        "sparkline-" + slug(clusterID) + "-" + hash(clusterID) + ".svg"
    }

    /// `text` lowercased, with each run of characters outside `[a-z0-9]` as one `-`, no `-` at
    /// either end, cut to ``maxSlugLength``; `chart` when nothing is left.
    static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
            if slug.count > maxSlugLength { break }
        }
        slug = String(slug.prefix(maxSlugLength))
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "chart" : slug
    }

    /// Eight hex digits of ``StableID``'s hash of `text`.
    static func hash(_ text: String) -> String {
        String(StableID.make("", text).suffix(8))
    }
}
