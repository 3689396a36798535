import Foundation

/// Records per service in each week that are not errors: the traffic a cluster's failures are
/// weighed against, so a cluster rises only when its failures grow faster than the calls of
/// its service. Errors are left out so a burst of failures does not raise its own yardstick.
///
/// This week's figures come from the run (`ServiceStats`); last week's from the baseline's
/// `summary.json` (`instrumentation[]`: `records` − `errors`). A service without such records
/// in either week has no traffic ratio, and its clusters are compared by covered time instead.
public struct ServiceTraffic: Sendable, Equatable {
    /// Records per service this week.
    public let current: [String: Int]
    /// Records per service last week.
    public let baseline: [String: Int]

    public init(current: [String: Int], baseline: [String: Int]) {
        self.current = current
        self.baseline = baseline
    }

    /// Records a service needs in each week before its traffic ratio is trusted; below it, a
    /// handful of records would swing the comparison.
    public static let minimumRecords = 50

    /// This week's records of `service` over last week's, when both weeks had at least
    /// ``minimumRecords``.
    public func ratio(of service: String) -> Double? {
        guard let now = current[service], let before = baseline[service],
              now >= Self.minimumRecords, before >= Self.minimumRecords else { return nil }
        return Double(now) / Double(before)
    }

    /// Services whose traffic moved by at least `factor` either way (3.0 = three times the
    /// calls, 0.5 = half), largest change first, ties by name.
    public func changes(factor: Double) -> [TrafficChange] {
        precondition(factor > 1, "a traffic change factor must be above 1")
        var changes: [TrafficChange] = []
        for service in Set(current.keys).intersection(baseline.keys) {
            guard let ratio = ratio(of: service), ratio >= factor || ratio <= 1 / factor else { continue }
            changes.append(TrafficChange(service: service, baselineRecords: baseline[service]!,
                                         records: current[service]!, ratio: ratio))
        }
        return changes.sorted {
            let (a, b) = (abs(log($0.ratio)), abs(log($1.ratio)))
            return a != b ? a > b : $0.service < $1.service
        }
    }
}

/// One service's records this week beside last week's.
public struct TrafficChange: Sendable, Equatable {
    public let service: String
    public let baselineRecords: Int
    public let records: Int
    /// `records` over `baselineRecords`.
    public let ratio: Double
}
