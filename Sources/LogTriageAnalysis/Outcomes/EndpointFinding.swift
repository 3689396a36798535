import LogTriageBasics
import LogTriageModel

/// A biller integration whose every call failed the same way for a stretch of time while the
/// service's other billers succeeded: the endpoint changed (moved, or stopped accepting our
/// credentials), not the data of the calls.
public struct EndpointFinding: Sendable, Equatable {
    /// The calling service and the biller it called.
    public let service: String
    public let billerId: String
    /// The clusters the failing calls fell in (all of one category), most calls first.
    public let clusterIDs: [String]
    /// `endpoint_moved` or `endpoint_auth`.
    public let category: Category
    /// The HTTP status the failing calls had in common, when they had one.
    public let status: Int?
    /// The first and last failing call of the stretch (epoch milliseconds).
    public let started: Int64
    public let lastFailure: Int64
    /// Whether the stretch lasted to the end of the run (no success after it).
    public let ongoing: Bool
    /// Failed calls in the stretch.
    public let failures: Int
    /// Other billers of the same service that succeeded during the stretch.
    public let otherBillersSucceeding: Int
    /// Whether the cluster's category was changed to ``category`` on this evidence (its records
    /// were mostly this stretch's); otherwise the finding is reported beside the cluster.
    public internal(set) var reclassified: Bool

    /// The cluster most of the failing calls fell in.
    public var clusterID: String { clusterIDs[0] }

    /// The evidence in words, as the `reason` column and the report give it.
    public var reason: String {
        let statusText = status.map { " (HTTP \($0))" } ?? ""
        return "endpoint-evidence: every call of \(service) to biller \(billerId) failed this way\(statusText) "
            + "from \(ISO8601Time.string(milliseconds: started))\(ongoing ? " on" : " to \(ISO8601Time.string(milliseconds: lastFailure))") "
            + "(\(failures) calls) while \(otherBillersSucceeding) other biller\(otherBillersSucceeding == 1 ? "" : "s") succeeded"
    }
}
