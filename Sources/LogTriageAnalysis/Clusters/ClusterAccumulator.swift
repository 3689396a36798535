import LogTriageModel

/// What is known about one cluster while records stream in: counts and bounded summaries,
/// never the records themselves. Mergeable, because template merges in the miner (and
/// future parallel readers) fold several accumulators into one.
struct ClusterAccumulator {
    let service: String
    let templateID: TemplateID
    /// Root cause and frames for generic messages, empty otherwise.
    let refinement: String
    var count = 0
    var errorCount = 0
    var warningCount = 0
    /// Error records judged stale-invoice noise (known only at the end of a run).
    var staleCount = 0
    var firstSeen: Int64?
    var lastSeen: Int64?
    var example: (time: Int64, message: String)?
    var exampleFrame: String?
    var rootCauses: [String: Int] = [:]
    var categoryVotes: [Category: Int] = [:]
    var classifications: [Category: Classification] = [:]
    var dailyCounts: [Int: Int] = [:]
    /// A category decided from evidence beyond the records' own (``EndpointEvidence``); wins
    /// over the records' votes.
    var classificationOverride: Classification?

    /// Distinct root causes kept per cluster; the rest are counted under the most frequent.
    static let maxRootCauses = 32

    init(service: String, templateID: TemplateID, refinement: String) {
        self.service = service
        self.templateID = templateID
        self.refinement = refinement
    }

    /// `message` is only built when the record becomes the cluster's example.
    /// `classification` is asked for only when it is the first of its `category` here: it is
    /// read where the clusterer keeps it, not copied for every record.
    mutating func add(time: Int64?, severity: RecordSeverity, message: @autoclosure () -> String, rootCause: String?,
                      frame: @autoclosure () -> String?, category: Category, classification: @autoclosure () -> Classification) {
        count += 1
        if severity == .error { errorCount += 1 } else if severity == .warning { warningCount += 1 }
        if let time {
            firstSeen = min(firstSeen ?? time, time)
            lastSeen = max(lastSeen ?? time, time)
            let day = Int(time.quotientAndRemainder(dividingBy: 86_400_000).quotient)
            dailyCounts[day, default: 0] += 1
        }
        let exampleTime = time ?? .max
        if example.map({ exampleTime <= $0.time }) ?? true {
            let text = message()
            if example.map({ exampleTime < $0.time || text < $0.message }) ?? true {
                example = (exampleTime, text)
                exampleFrame = frame()
            }
        }
        if let rootCause, rootCauses[rootCause] != nil || rootCauses.count < Self.maxRootCauses {
            rootCauses[rootCause, default: 0] += 1
        }
        categoryVotes[category, default: 0] += 1
        if classifications[category] == nil { classifications[category] = classification() }
    }

    mutating func merge(_ other: ClusterAccumulator) {
        count += other.count
        errorCount += other.errorCount
        warningCount += other.warningCount
        staleCount += other.staleCount
        if let time = other.firstSeen { firstSeen = min(firstSeen ?? time, time) }
        if let time = other.lastSeen { lastSeen = max(lastSeen ?? time, time) }
        if let theirs = other.example,
           example.map({ theirs.time < $0.time || (theirs.time == $0.time && theirs.message < $0.message) }) ?? true {
            example = theirs
            exampleFrame = other.exampleFrame
        }
        for (cause, number) in other.rootCauses where rootCauses[cause] != nil || rootCauses.count < Self.maxRootCauses {
            rootCauses[cause, default: 0] += number
        }
        for (category, votes) in other.categoryVotes { categoryVotes[category, default: 0] += votes }
        for (category, classification) in other.classifications where classifications[category] == nil {
            classifications[category] = classification
        }
        for (day, number) in other.dailyCounts { dailyCounts[day, default: 0] += number }
    }

    /// The category most of the cluster's records got (ties: the taxonomy's order).
    var winningClassification: Classification? {
        let winner = categoryVotes.max { lhs, rhs in
            lhs.value != rhs.value ? lhs.value < rhs.value
                : Category.allCases.firstIndex(of: lhs.key)! > Category.allCases.firstIndex(of: rhs.key)!
        }
        return winner.flatMap { classifications[$0.key] }
    }

    func cluster(template: String) -> ErrorCluster? {
        guard let classification = classificationOverride ?? winningClassification else { return nil }
        let causes = rootCauses.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        return ErrorCluster(
            id: ErrorCluster.stableID(service: service, template: template, refinement: refinement),
            service: service, template: template, classification: classification, exceptionClasses: causes,
            count: count, errorCount: errorCount, warningCount: warningCount, staleCount: staleCount, firstSeen: firstSeen,
            lastSeen: lastSeen, exampleMessage: example?.message ?? "", exampleFrame: exampleFrame,
            dailyCounts: dailyCounts)
    }
}
