/// One cluster of the previous week, as its `categories.csv` row described it.
///
/// Category and service are kept as the text the file held, not as `Category`, so a
/// baseline written by an older or newer logtriage still loads.
public struct BaselineCluster: Sendable, Equatable {
    /// The stable cluster id (`Ce99f0e82b0`), the same every week for the same error kind.
    public let id: String
    /// Records the cluster had that week.
    public let count: Int
    /// The `category` column's text (`validation`), empty when the file had no such column.
    public let category: String
    /// The `service` column's text, empty when missing.
    public let service: String
    /// The message template (`Failed to sync invoice <*> …`), empty when missing; lets a
    /// report still say what a `gone` cluster was.
    public let template: String

    /// A cluster row; `count` cannot be negative.
    public init(id: String, count: Int, category: String = "", service: String = "", template: String = "") {
        precondition(count >= 0, "a cluster's count cannot be negative")
        self.id = id
        self.count = count
        self.category = category
        self.service = service
        self.template = template
    }
}
