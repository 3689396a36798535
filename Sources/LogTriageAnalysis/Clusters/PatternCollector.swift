import LogTriageBasics
import LogTriageIngest

/// Log patterns over every message, not only errors: New Relic's log patterns, computed
/// with the same template miner as the error clusters.
///
/// Several collectors can share a run: each mines some of its batches with a journal
/// (``keepJournal(byteLimit:)``), and ``finish(merging:configuration:)`` replays the journals
/// in read order into one miner, so the patterns are the ones a single collector finds.
public final class PatternCollector {
    private let templater: MessageTemplater
    private var miner: TemplateMiner { templater.miner }
    private var accumulators: [TemplateID: PatternAccumulator] = [:]
    private(set) public var records = 0

    /// Levels and services named per pattern: the first ones in read order. More are not named.
    static let maxNames = 16

    public init(miner: TemplateMinerConfiguration = .default) {
        templater = MessageTemplater(configuration: miner)
    }

    /// Writes down the messages that build the templates, for ``finish(merging:configuration:)``;
    /// each is noted with the batch being read (``batch``). Past `byteLimit` bytes of messages
    /// the journal is dropped and the merge refuses.
    package func keepJournal(byteLimit: Int = .max) {
        miner.journal = TemplateJournal(byteLimit: byteLimit)
    }

    /// The sequence number of the batch being read, when a journal is kept.
    package var batch = 0 {
        didSet { miner.journal?.file = batch }
    }

    /// Mines `record`'s message as the next record in read order; returns its provisional
    /// template (resolve with `finish`).
    public func consume(_ record: RecordView) -> TemplateID {
        ClusterMessage.withText(of: record) { text in
            consume(PatternRecord(text: text, level: record.level, service: record.string(.service),
                                  time: record.timestampMilliseconds, ordinal: Int64(records), file: 0,
                                  position: record.position))
        }
    }

    /// Mines `record`'s message; returns its provisional template (resolve with `finish`).
    package func consume(_ record: PatternRecord) -> TemplateID {
        records += 1
        let template = templater.template(ofClusterText: record.text)
        accumulators[template, default: PatternAccumulator()].add(
            time: record.time, message: TextLimits.example(String(decoding: record.text, as: UTF8.self)),
            level: record.level ?? "(none)", service: record.service ?? "(none)", ordinal: record.ordinal)
        return template
    }

    /// The patterns, most frequent first, and each provisional template's pattern index.
    public func finish() -> PatternResult {
        var merged: [TemplateID: PatternAccumulator] = [:]
        for (template, accumulator) in accumulators {
            let final = template.isOverflow ? template : miner.finalID(of: template)
            merged[final, default: PatternAccumulator()].merge(accumulator)
        }
        return Self.result(merged, miner: miner, provisional: Array(accumulators.keys))
    }

    /// The patterns of collectors that each mined some batches of one run, each with its
    /// journal: the patterns one collector reading every batch in sequence finds.
    ///
    /// A repeat of a masked form never changes a miner, so the journals, replayed in batch
    /// order, give one miner the messages that built a single collector's templates, in the
    /// order it got them. Every provisional id a collector handed out is one its journal
    /// noted (ids are roots when handed out, and a root is the id its creating message got),
    /// so each collector's counts land on the replayed template of that id. That is exact when
    /// the messages a collector put in one template are in one replayed template too, which
    /// is checked: at the template cap a collector may have kept apart, or sent to the
    /// overflow, what one pass would not. The result has no ``PatternResult/patternIndex``:
    /// provisional ids of several miners do not share a space.
    package static func finish(merging parts: [PatternCollector],
                               configuration: TemplateMinerConfiguration) throws(PatternMergeError) -> PatternResult {
        var journals: [[TemplateJournal.Entry]] = []
        for collector in parts {
            guard let journal = collector.miner.journal else { preconditionFailure("a merged collector keeps its journal") }
            if journal.isFull { throw .journalFull(byteLimit: journal.byteLimit) }
            journals.append(journal.entries)
        }
        var replay: [(batch: Int, part: Int, entry: Int)] = []
        for (part, entries) in journals.enumerated() {
            for (position, entry) in entries.enumerated() { replay.append((entry.file, part, position)) }
        }
        replay.sort { ($0.batch, $0.part, $0.entry) < ($1.batch, $1.part, $1.entry) }
        let miner = TemplateMiner(configuration: configuration)
        var replayedIDs = journals.map { Array(repeating: TemplateID.overflow, count: $0.count) }
        for step in replay {
            replayedIDs[step.part][step.entry] = journals[step.part][step.entry].message.withUnsafeBytes {
                miner.add(utf8: $0.bindMemory(to: UInt8.self))
            }
        }
        // Per part: each provisional id's replayed template (its first entry's), and the check
        // that every entry of one final template of the part replays into one final template.
        var replayed = Array(repeating: [TemplateID: TemplateID](), count: parts.count)
        for (part, entries) in journals.enumerated() {
            var finalOf: [TemplateID: TemplateID] = [:]
            for (position, entry) in entries.enumerated() {
                let global = replayedIDs[part][position]
                let final = global.isOverflow ? global : miner.finalID(of: global)
                let local = entry.id.isOverflow ? entry.id : parts[part].miner.finalID(of: entry.id)
                if let known = finalOf[local] ?? (local.isOverflow ? .overflow : nil), known != final {
                    throw .templatesDisagree(templates: miner.templateCount, cap: configuration.maxTemplates)
                }
                finalOf[local] = final
                if replayed[part][entry.id] == nil { replayed[part][entry.id] = final }
            }
        }
        var merged: [TemplateID: PatternAccumulator] = [:]
        for (part, collector) in parts.enumerated() {
            for (template, accumulator) in collector.accumulators {
                let final = template.isOverflow ? template : replayed[part][template] ?? .overflow
                merged[final, default: PatternAccumulator()].merge(accumulator)
            }
        }
        return result(merged, miner: miner, provisional: [])
    }

    /// The patterns of `merged` (final template → figures), most frequent first, and the
    /// pattern index of each `provisional` id of `miner`.
    private static func result(_ merged: [TemplateID: PatternAccumulator], miner: TemplateMiner,
                               provisional: [TemplateID]) -> PatternResult {
        var patterns = merged.map { template, accumulator in
            let text = miner.template(of: template)
            return LogPattern(id: LogPattern.stableID(text), template: text, count: accumulator.count,
                              levels: accumulator.levels.keys.sorted(), services: accumulator.services.keys.sorted(),
                              example: accumulator.example?.message ?? "")
        }
        patterns.sort { $0.count != $1.count ? $0.count > $1.count : $0.id < $1.id }
        let position = Dictionary(uniqueKeysWithValues: patterns.enumerated().map { ($1.id, $0) })
        var index: [TemplateID: Int] = [:]
        for template in provisional {
            let final = template.isOverflow ? template : miner.finalID(of: template)
            index[template] = position[LogPattern.stableID(miner.template(of: final))]
        }
        return PatternResult(patterns: patterns, patternIndex: index, overflowRecords: merged[.overflow]?.count ?? 0)
    }
}

/// Miners of one run that cannot be merged into the patterns one miner finds.
package enum PatternMergeError: Error, CustomStringConvertible {
    case templatesDisagree(templates: Int, cap: Int)
    case journalFull(byteLimit: Int)

    package var description: String {
        switch self {
        case let .journalFull(byteLimit):
            "the miners of several jobs met more new messages than their journals keep (\(byteLimit / (1 << 20)) MiB each); run with --jobs 2 or fewer, where one miner reads every message"
        case let .templatesDisagree(templates, cap):
            "the miners of several jobs grouped messages differently near the template cap (\(templates) templates, cap \(cap)); run with --jobs 2 or fewer, where one miner reads every message"
        }
    }
}

/// Counts of one pattern while records stream in.
struct PatternAccumulator {
    var count = 0
    /// Each named level and service with the read-order number of its first record: the
    /// ``PatternCollector/maxNames`` first ones are kept, so merged parts name what one pass names.
    var levels: [String: Int64] = [:]
    var services: [String: Int64] = [:]
    var example: (time: Int64, message: String)?

    mutating func add(time: Int64?, message: @autoclosure () -> String, level: String, service: String, ordinal: Int64) {
        count += 1
        if levels[level] == nil && levels.count < PatternCollector.maxNames { levels[level] = ordinal }
        if services[service] == nil && services.count < PatternCollector.maxNames { services[service] = ordinal }
        let exampleTime = time ?? .max
        if example.map({ exampleTime <= $0.time }) ?? true {
            let text = message()
            if example.map({ exampleTime < $0.time || text < $0.message }) ?? true { example = (exampleTime, text) }
        }
    }

    mutating func merge(_ other: PatternAccumulator) {
        count += other.count
        levels = Self.firstNames(levels, other.levels)
        services = Self.firstNames(services, other.services)
        if let theirs = other.example,
           example.map({ theirs.time < $0.time || (theirs.time == $0.time && theirs.message < $0.message) }) ?? true {
            example = theirs
        }
    }

    /// The names first seen earliest in either set, at most ``PatternCollector/maxNames``. A name
    /// a part left out came after that part's own first ones, so it cannot be among these.
    private static func firstNames(_ mine: [String: Int64], _ theirs: [String: Int64]) -> [String: Int64] {
        var all = mine
        for (name, ordinal) in theirs { all[name] = min(all[name] ?? .max, ordinal) }
        guard all.count > PatternCollector.maxNames else { return all }
        let kept = all.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(PatternCollector.maxNames)
        return Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
    }
}

/// One log pattern: a template and what it covers.
public struct LogPattern: Sendable, Equatable {
    /// Stable across runs: a hash of the template text.
    public let id: String
    public let template: String
    public let count: Int
    public let levels: [String]
    public let services: [String]
    public let example: String

    static func stableID(_ template: String) -> String {
        StableID.make("P", template)
    }
}

/// The patterns of a run, most frequent first.
public struct PatternResult: Sendable {
    public let patterns: [LogPattern]
    /// Provisional template → index in `patterns`.
    public let patternIndex: [TemplateID: Int]
    public let overflowRecords: Int
}
