/// One chronic failure of the previous week, as its `chronic.csv` row described it: a biller
/// (or a whole service) that failed one way through all of that week.
///
/// Category and service are kept as text, as ``BaselineCluster`` keeps them, so a baseline
/// written by another logtriage version still loads.
public struct BaselineChronicFailure: Sendable, Equatable, Hashable {
    public let service: String
    /// Empty when the failure belonged to the whole service.
    public let billerId: String
    public let category: String
    /// Failures that week.
    public let count: Int

    public init(service: String, billerId: String, category: String, count: Int) {
        self.service = service
        self.billerId = billerId
        self.category = category
        self.count = count
    }
}
