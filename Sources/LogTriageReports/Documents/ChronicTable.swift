import LogTriageBasics
import LogTriageAnalysis
import LogTriageAlerts

/// `chronic.csv`: one row per chronic failure (a biller, or a whole service, failing one way
/// all week and, when last week is known, all last week too), by service, biller and
/// category: work for a ticket, not a page. `cluster` is the cluster most of its failures
/// fell in; `baseline_count` last week's failures when last week's chronic.csv listed it;
/// `owner` the team that owns the category for the service.
public enum ChronicTable {
    public static let header = ["service", "biller_id", "category", "cluster", "first_seen", "last_seen", "count",
                                "baseline_count", "owner"]

    public static func table(for review: AlertReview, clustering: ClusteringResult) -> CSVTable {
        var table = CSVTable(header: header)
        for failure in review.chronic {
            table.append([
                failure.service, failure.billerId ?? "", failure.category.rawValue,
                clusterID(failure, clustering: clustering) ?? "",
                ISO8601Time.string(milliseconds: failure.firstSeen), ISO8601Time.string(milliseconds: failure.lastSeen),
                String(failure.count), failure.baselineCount.map(String.init) ?? "", failure.owner,
            ])
        }
        return table
    }

    /// The stable id of the cluster most of the failure's records fell in.
    public static func clusterID(_ failure: ChronicFailure, clustering: ClusteringResult) -> String? {
        guard let provisional = failure.provisionalCluster, clustering.clusterIndex.indices.contains(provisional) else {
            return nil
        }
        let index = clustering.clusterIndex[provisional]
        return clustering.clusters.indices.contains(index) ? clustering.clusters[index].id : nil
    }
}
