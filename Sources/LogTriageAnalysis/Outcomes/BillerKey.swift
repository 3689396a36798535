/// One biller integration as billers.csv counts it: a biller reached through one source.
///
/// A missing source stays nil (shown as `(none)`) rather than being folded into a literal, so a
/// real source named `(none)` cannot merge with records that have none.
public struct BillerKey: Sendable, Hashable, Codable {
    public var billerId: String
    public var sourceId: String?

    public init(billerId: String, sourceId: String?) {
        self.billerId = billerId
        self.sourceId = sourceId
    }

    /// How a missing source is shown.
    public static let noSource = "(none)"

    /// The source as shown in reports.
    public var sourceText: String { sourceId ?? Self.noSource }
}
