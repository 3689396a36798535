import Foundation
import LogTriageModel

extension ErrorClusterer {
    /// What a partial run clustered, as it writes it down: its provisional clusters, the
    /// messages that built its templates, its endpoint evidence and its counts.
    package struct Snapshot: Codable {
        var accumulators: [ClusterAccumulator]
        /// Per provisional cluster, the partial run's index of the file of its first record.
        var firstFiles: [Int]
        var journal: [TemplateJournal.Entry]
        var endpoints: EndpointEvidence
        var errorRecords: Int
        var warningRecords: Int
        var overflowRecords: Int
        var classifiedEvidence: Int

        package var provisionalClusters: Int { accumulators.count }
    }

    /// Starts writing down the messages that build the templates, for ``snapshot()``.
    package func keepJournal() {
        miner.journal = TemplateJournal()
    }

    /// The clusterer's state for a partial; `keepJournal()` must have been called before the
    /// first record.
    package func snapshot() -> Snapshot {
        Snapshot(accumulators: accumulators, firstFiles: firstFiles, journal: miner.journal?.entries ?? [],
                 endpoints: endpoints, errorRecords: errorRecords, warningRecords: warningRecords,
                 overflowRecords: overflowRecords, classifiedEvidence: classifiedEvidence)
    }

    /// Takes in the partial runs' clusters as one run over all their files, read in the order
    /// `globalFile` gives (per part, its file indices in the merged run), would have made them.
    ///
    /// The template journals are replayed in that read order into this clusterer's miner, so
    /// the templates are the ones a single run builds; each part's provisional clusters then
    /// point at the replayed template their journal id stands for, and come in the order of
    /// their first record's file. Returns, per part, where each of its provisional clusters
    /// went (what its stale and assignment rows name).
    package func absorb(_ parts: [Snapshot], globalFile: [[Int]]) throws(PartialStateError) -> [[Int]] {
        precondition(accumulators.isEmpty, "a clusterer absorbs partial runs before any record of its own")
        var replay: [(file: Int, part: Int, entry: Int)] = []
        for (part, snapshot) in parts.enumerated() {
            for (position, entry) in snapshot.journal.enumerated() {
                guard globalFile[part].indices.contains(entry.file) else { throw .inconsistent("template journal names file \(entry.file)") }
                replay.append((globalFile[part][entry.file], part, position))
            }
        }
        replay.sort { ($0.file, $0.part, $0.entry) < ($1.file, $1.part, $1.entry) }
        var templates = Array(repeating: [TemplateID: TemplateID](), count: parts.count)
        for step in replay {
            let entry = parts[step.part].journal[step.entry]
            let id = entry.message.withUnsafeBytes { miner.add(utf8: $0.bindMemory(to: UInt8.self)) }
            if templates[step.part][entry.id] == nil { templates[step.part][entry.id] = id }
        }

        var order: [(file: Int, part: Int, index: Int)] = []
        for (part, snapshot) in parts.enumerated() {
            guard snapshot.firstFiles.count == snapshot.accumulators.count else { throw .inconsistent("cluster files") }
            for (index, file) in snapshot.firstFiles.enumerated() {
                guard globalFile[part].indices.contains(file) else { throw .inconsistent("a cluster names file \(file)") }
                order.append((globalFile[part][file], part, index))
            }
        }
        order.sort { ($0.file, $0.part, $0.index) < ($1.file, $1.part, $1.index) }
        var positions = parts.map { Array(repeating: 0, count: $0.accumulators.count) }
        for step in order {
            let theirs = parts[step.part].accumulators[step.index]
            let template: TemplateID
            if theirs.templateID.isOverflow {
                template = .overflow
            } else {
                guard let replayed = templates[step.part][theirs.templateID] else {
                    throw .inconsistent("a cluster's template \(theirs.templateID) is not in its journal")
                }
                template = replayed
            }
            var accumulator = ClusterAccumulator(service: theirs.service, templateID: template, refinement: theirs.refinement)
            accumulator.merge(theirs)
            accumulator.classificationOverride = theirs.classificationOverride
            positions[step.part][step.index] = accumulators.count
            accumulators.append(accumulator)
            firstFiles.append(step.file)
        }
        for (part, snapshot) in parts.enumerated() {
            endpoints.absorb(snapshot.endpoints, cluster: { positions[part][$0] })
            errorRecords += snapshot.errorRecords
            warningRecords += snapshot.warningRecords
            overflowRecords += snapshot.overflowRecords
            classifiedEvidence += snapshot.classifiedEvidence
        }
        return positions
    }
}

/// A partial whose parts do not fit together (it passed its checksum, so it was written so).
package enum PartialStateError: Error, CustomStringConvertible {
    case inconsistent(String)

    package var description: String {
        switch self {
        case let .inconsistent(what): "the partial is inconsistent: \(what)"
        }
    }
}
