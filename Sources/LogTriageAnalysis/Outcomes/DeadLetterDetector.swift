import LogTriageBasics
import LogTriageModel

/// Finds dead-lettered messages per service, what failed just before each, and retry-policy
/// mismatches: messages given up on after a retryable error with no or few retries, which a
/// better retry policy would likely have delivered.
///
/// A dead letter is tied to its cause through the message id in the text (``MessageIdentifier``)
/// or the record's trace id: errors and warnings with a category are remembered per id in a
/// bounded map (``RecentErrorMap``), so memory stays flat however long the run.
public struct DeadLetterDetector: Sendable {
    public let policy: RetryPolicy
    private let scanner: RetryEvidence.Scanner
    private var recent: RecentErrorMap
    /// Distinct mismatch groups kept; further groups are counted but not kept as examples.
    public let maxExampleGroups: Int
    public private(set) var services: [String: DeadLetterFigures] = [:]
    private var examples: [ExampleKey: RetryMismatchExample] = [:]

    private struct ExampleKey: Hashable, Sendable {
        var service: String
        var category: Category
        var retries: Int
    }

    /// The longest example message kept.
    static let maxExampleLength = 500

    /// - Parameters:
    ///   - recentErrorCapacity: ids remembered at most; the oldest-written are dropped first.
    ///   - recentErrorWindowMs: an error older than this before the dead letter is not its cause.
    public init(policy: RetryPolicy, recentErrorCapacity: Int = 100_000, recentErrorWindowMs: Int64 = 3_600_000,
                maxExampleGroups: Int = 1_000) {
        self.policy = policy
        scanner = RetryEvidence.Scanner(policy: policy)
        recent = RecentErrorMap(capacity: recentErrorCapacity, windowMs: recentErrorWindowMs)
        self.maxExampleGroups = maxExampleGroups
    }

    /// How many ids are remembered now (bounded by the capacity).
    public var rememberedIds: Int { recent.count }

    /// Reads one record; only records with a message matter.
    @discardableResult
    public mutating func consume(_ facts: RecordFacts) -> DeadLetterEvent? {
        guard let message = facts.message else { return nil }
        let event = DeadLetterEvent(facts: facts, evidence: scanner.scan(message), message: message,
                                    exampleLength: Self.maxExampleLength)
        return apply(event) ? event : nil
    }

    /// Takes in what another run's record told its detector (a partial run's, replayed in read
    /// order): the same as reading that record here.
    package mutating func replay(_ event: DeadLetterEvent) {
        _ = apply(event)
    }

    /// Whether the event changed anything: only those need replaying.
    private mutating func apply(_ event: DeadLetterEvent) -> Bool {
        let evidence = event.evidence
        let keys = event.keys
        if evidence.isDeadLetter {
            deadLetter(event, keys: keys)
            return true
        }
        if evidence.isRetry { services[event.service, default: DeadLetterFigures()].retries += 1 }
        let isCause = (event.isError || event.isWarning) && event.category != nil
        guard isCause || evidence.isRetry else { return false }
        for key in keys {
            var entry = recent.lookup(key, at: event.time) ?? RecentErrorMap.Entry()
            if isCause {
                entry.category = event.category
                entry.retryable = event.retryable
            }
            if evidence.isRetry {
                let counted = evidence.retryCount ?? ((entry.retries ?? 0) + 1)
                entry.retries = max(entry.retries ?? 0, counted)
            }
            if let time = event.time { entry.time = max(entry.time ?? time, time) }
            recent.store(key, entry)
        }
        return evidence.isRetry || !keys.isEmpty
    }

    private mutating func deadLetter(_ event: DeadLetterEvent, keys: DeadLetterEvent.Keys) {
        let recent = self.recent
        let evidence = event.evidence
        let preceding = keys.lazy.compactMap { recent.lookup($0, at: event.time) }.first
        let precedingCategory = preceding?.category
        let category = precedingCategory ?? event.category
        let retryable = (precedingCategory != nil ? preceding?.retryable : event.retryable)
            ?? category.map(Self.isRetryable) ?? false
        let retries = evidence.retryCount ?? preceding?.retries
        let day = event.time.map(UTCDay.of)
        var figures = services[event.service, default: DeadLetterFigures()]
        figures.deadLetters += 1
        if let day { figures.deadLettersByDay[day, default: 0] += 1 }
        if let category { figures.causes[category, default: 0] += 1 } else { figures.unknownCauses += 1 }
        if let category, let retries, retryable, retries <= policy.maxRetriesForMismatch {
            figures.retryMismatches += 1
            if let day { figures.mismatchesByDay[day, default: 0] += 1 }
            addExample(service: event.service, category: category, retries: retries, time: event.time,
                       messageId: evidence.messageId, message: event.message ?? "", fromPreceding: precedingCategory != nil)
        }
        services[event.service] = figures
    }

    /// The categories whose errors retrying usually cures, used when no `retryable` was given.
    static func isRetryable(_ category: Category) -> Bool { category == .transient || category == .rateLimited }

    private mutating func addExample(service: String, category: Category, retries: Int, time: Int64?,
                                     messageId: String?, message: String, fromPreceding: Bool) {
        let key = ExampleKey(service: service, category: category, retries: retries)
        let example = RetryMismatchExample(service: service, category: category, retries: retries, count: 1, time: time,
                                           messageId: messageId, message: String(message.prefix(Self.maxExampleLength)),
                                           causeFromPrecedingError: fromPreceding)
        if var existing = examples[key] {
            existing.count += 1
            if Self.isEarlier(example, than: existing) { existing = Self.replacing(existing, with: example) }
            examples[key] = existing
        } else if examples.count < maxExampleGroups {
            examples[key] = example
        }
    }

    private static func isEarlier(_ lhs: RetryMismatchExample, than rhs: RetryMismatchExample) -> Bool {
        (lhs.time ?? .max, lhs.message) < (rhs.time ?? .max, rhs.message)
    }

    /// `example`'s details with `group`'s count.
    private static func replacing(_ group: RetryMismatchExample, with example: RetryMismatchExample) -> RetryMismatchExample {
        var result = example
        result.count = group.count
        return result
    }

    /// The most frequent mismatch groups, most first (ties by service, category, retries).
    public func topMismatches(limit: Int = 20) -> [RetryMismatchExample] {
        Array(examples.values.sorted {
            if $0.count != $1.count { return $0.count > $1.count }
            return ($0.service, $0.category.rawValue, $0.retries) < ($1.service, $1.category.rawValue, $1.retries)
        }.prefix(limit))
    }

    public var totalDeadLetters: Int { services.values.reduce(0) { $0 + $1.deadLetters } }
    public var totalMismatches: Int { services.values.reduce(0) { $0 + $1.retryMismatches } }

    /// Adds `other`'s counts and examples, and its remembered errors (the later per id), so a
    /// dead letter in one file can still find its cause in another read before it.
    public mutating func merge(_ other: DeadLetterDetector) {
        for (service, figures) in other.services { services[service, default: DeadLetterFigures()].merge(figures) }
        for (key, theirs) in other.examples {
            if var mine = examples[key] {
                mine.count += theirs.count
                if Self.isEarlier(theirs, than: mine) { mine = Self.replacing(mine, with: theirs) }
                examples[key] = mine
            } else if examples.count < maxExampleGroups {
                examples[key] = theirs
            }
        }
        recent.merge(other.recent)
    }
}
