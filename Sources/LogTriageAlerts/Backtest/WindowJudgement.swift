import LogTriageModel

/// The clustered records a condition matched in an incident's opening window, by category,
/// with stale-invoice failures apart: what decides whether the incident was noise.
public struct WindowJudgement: Sendable, Equatable {
    /// Recent (not stale) clustered records by category.
    public var byCategory: [Category: Int]
    public var stale: Int
    /// Of the records in ``byCategory``, those of chronic failures (a biller failing all week):
    /// nobody can act on them now, so they weigh as stale ones do.
    public var chronic: Int

    public init(byCategory: [Category: Int] = [:], stale: Int = 0, chronic: Int = 0) {
        self.byCategory = byCategory
        self.stale = stale
        self.chronic = chronic
    }

    public var records: Int { byCategory.values.reduce(stale, +) }

    public mutating func add(_ other: WindowJudgement) {
        byCategory.merge(other.byCategory, uniquingKeysWith: +)
        stale += other.stale
        chronic += other.chronic
    }

    /// Noise by ``Backtester/isNoise(errors:stale:byCategory:nonActionable:)``.
    public func isNoise(nonActionable: Set<String>) -> Bool {
        Backtester.isNoise(errors: records, stale: stale + min(chronic, records - stale), byCategory: byCategoryName,
                           nonActionable: nonActionable)
    }

    /// Unknown by ``Backtester/isUnknown(errors:byCategory:)``: mostly errors no rule classifies,
    /// so neither noise nor a reason to remove the condition.
    public var isUnknown: Bool {
        Backtester.isUnknown(errors: records, byCategory: byCategoryName)
    }

    private var byCategoryName: [String: Int] {
        Dictionary(uniqueKeysWithValues: byCategory.map { ($0.key.rawValue, $0.value) })
    }

    /// The category with the most records (ties: `Category` order), `stale_invoice` when
    /// stale failures outnumber it, `chronic` when most are chronic failures; empty for a
    /// window without clustered records.
    public var topCategory: String {
        let best = Category.allCases.max { (byCategory[$0] ?? 0, -$0.index) < (byCategory[$1] ?? 0, -$1.index) }
        let bestCount = best.flatMap { byCategory[$0] } ?? 0
        if stale > 0 && stale >= bestCount { return Self.staleLabel }
        if chronic > 0 && 2 * chronic > records - stale { return Self.chronicLabel }
        return bestCount > 0 ? best!.rawValue : ""
    }

    /// How `topCategory` names stale-invoice failures.
    public static let staleLabel = "stale_invoice"
    /// How `topCategory` names a window whose failures are mostly chronic ones.
    public static let chronicLabel = "chronic"
}
