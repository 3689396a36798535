/// Why a condition's NRQL could not be read: which condition, where, and what.
///
/// Conditions come from a user's export or Terraform, so the message names the condition and
/// the column of the offending construct, the two things needed to find and fix it.
public struct NRQLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The condition's name, as given to `NRQLQuery.parse`.
    public var condition: String
    /// 1-based position in the query text, counted in Unicode scalars; one past the end
    /// when the query ends too soon.
    public var column: Int
    /// What is wrong, in lower-case English (`unsupported construct TIMESERIES`).
    public var message: String
    /// The query is NRQL but beyond one of LogTriage's limits (``NRQLQuery/maximumLength``
    /// and the others): its condition is refused as too large, not as unreadable.
    public var isBeyondLimit: Bool

    public init(condition: String, column: Int, message: String, isBeyondLimit: Bool = false) {
        self.condition = condition
        self.column = column
        self.message = message
        self.isBeyondLimit = isBeyondLimit
    }

    /// `condition 'pump failures': unsupported construct TIMESERIES at column 87`.
    public var description: String { "condition '\(condition)': \(message) at column \(column)" }
}
