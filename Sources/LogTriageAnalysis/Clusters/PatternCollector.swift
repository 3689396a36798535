import LogTriageBasics
import LogTriageIngest

/// Log patterns over every message, not only errors: New Relic's log patterns, computed
/// with the same template miner as the error clusters.
public final class PatternCollector {
    private let templater: MessageTemplater
    private var miner: TemplateMiner { templater.miner }
    private var accumulators: [TemplateID: PatternAccumulator] = [:]
    private(set) public var records = 0

    /// Levels and services kept per pattern; more are counted but not named.
    static let maxNames = 16

    public init(miner: TemplateMinerConfiguration = .default) {
        templater = MessageTemplater(configuration: miner)
    }

    /// Mines `record`'s message; returns its provisional template (resolve with `finish`).
    public func consume(_ record: RecordView) -> TemplateID {
        records += 1
        let template = templater.template(of: record)
        accumulators[template, default: PatternAccumulator()].add(
            time: record.timestampMilliseconds, message: TextLimits.example(ClusterMessage.text(of: record)),
            level: record.level ?? "(none)", service: record.string(.service) ?? "(none)")
        return template
    }

    /// The patterns, most frequent first, and each provisional template's pattern index.
    public func finish() -> PatternResult {
        var merged: [TemplateID: PatternAccumulator] = [:]
        for (template, accumulator) in accumulators {
            let final = template.isOverflow ? template : miner.finalID(of: template)
            merged[final, default: PatternAccumulator()].merge(accumulator)
        }
        var patterns = merged.map { template, accumulator in
            let text = miner.template(of: template)
            return LogPattern(id: LogPattern.stableID(text), template: text, count: accumulator.count,
                              levels: accumulator.levels.keys.sorted(), services: accumulator.services.keys.sorted(),
                              example: accumulator.example?.message ?? "")
        }
        patterns.sort { $0.count != $1.count ? $0.count > $1.count : $0.id < $1.id }
        let position = Dictionary(uniqueKeysWithValues: patterns.enumerated().map { ($1.id, $0) })
        var index: [TemplateID: Int] = [:]
        for template in accumulators.keys {
            let final = template.isOverflow ? template : miner.finalID(of: template)
            index[template] = position[LogPattern.stableID(miner.template(of: final))]
        }
        return PatternResult(patterns: patterns, patternIndex: index, overflowRecords: miner.overflowCount)
    }
}

/// Counts of one pattern while records stream in.
struct PatternAccumulator {
    var count = 0
    var levels: [String: Int] = [:]
    var services: [String: Int] = [:]
    var example: (time: Int64, message: String)?

    mutating func add(time: Int64?, message: @autoclosure () -> String, level: String, service: String) {
        count += 1
        if levels[level] != nil || levels.count < PatternCollector.maxNames { levels[level, default: 0] += 1 }
        if services[service] != nil || services.count < PatternCollector.maxNames { services[service, default: 0] += 1 }
        let exampleTime = time ?? .max
        if example.map({ exampleTime <= $0.time }) ?? true {
            let text = message()
            if example.map({ exampleTime < $0.time || text < $0.message }) ?? true { example = (exampleTime, text) }
        }
    }

    mutating func merge(_ other: PatternAccumulator) {
        count += other.count
        for (level, number) in other.levels where levels[level] != nil || levels.count < PatternCollector.maxNames {
            levels[level, default: 0] += number
        }
        for (service, number) in other.services where services[service] != nil || services.count < PatternCollector.maxNames {
            services[service, default: 0] += number
        }
        if let theirs = other.example,
           example.map({ theirs.time < $0.time || (theirs.time == $0.time && theirs.message < $0.message) }) ?? true {
            example = theirs
        }
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
