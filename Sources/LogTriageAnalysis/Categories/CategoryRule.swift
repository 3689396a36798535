import LogTriageModel

/// One classification rule: a category and the conditions under which evidence belongs to it.
///
/// Each condition is a list whose entries are alternatives; every condition given must hold:
/// - `exception`: any class of the chain (wrappers and causes alike) matches any pattern, so a
///   rule on `SocketTimeoutException` also catches `ResourceAccessException` wrapping one;
/// - `code`: any token of the messages or class names is one of the codes (``CodePattern``);
/// - `words`: one class name holds all the words of an entry (``ClassWordsPattern``);
/// - `message`: any message of the evidence contains the substring or matches the `/regex/`;
/// - `status`: the HTTP status lies in one of the codes or ranges;
/// - `service`: the record's service matches one of the names (`*` wildcards allowed);
/// - `frame`: one of the in-app frames (`Class.method`) matches one of the patterns.
public struct CategoryRule: Sendable, Hashable {
    /// Shown with every classification it makes, so a reader can find the rule to change.
    public var name: String
    public var category: Category
    public var exception: [ClassPattern] {
        get { conditions.lists.exception }
        set { changeConditions { $0.exception = newValue } }
    }
    public var message: [MessagePattern] {
        get { conditions.lists.message }
        set { changeConditions { $0.message = newValue } }
    }
    public var status: [StatusPattern] {
        get { conditions.lists.status }
        set { changeConditions { $0.status = newValue } }
    }
    public var service: [WildcardPattern] {
        get { conditions.lists.service }
        set { changeConditions { $0.service = newValue } }
    }
    public var frame: [WildcardPattern] {
        get { conditions.lists.frame }
        set { changeConditions { $0.frame = newValue } }
    }
    public var code: [CodePattern] {
        get { conditions.lists.code }
        set { changeConditions { $0.code = newValue } }
    }
    public var words: [ClassWordsPattern] {
        get { conditions.lists.words }
        set { changeConditions { $0.words = newValue } }
    }

    /// The seven lists behind one reference: every rule is tried on every new kind of evidence
    /// no earlier rule decided, and a rule copied out of the list with seven arrays cost seven
    /// retains and seven releases, more than most of its tests.
    private var conditions: Conditions

    private final class Conditions: Sendable {
        let lists: Lists
        init(_ lists: Lists) { self.lists = lists }
    }

    private struct Lists: Sendable, Hashable {
        var exception: [ClassPattern]
        var message: [MessagePattern]
        var status: [StatusPattern]
        var service: [WildcardPattern]
        var frame: [WildcardPattern]
        var code: [CodePattern]
        var words: [ClassWordsPattern]
    }

    private mutating func changeConditions(_ change: (inout Lists) -> Void) {
        var lists = conditions.lists
        change(&lists)
        conditions = Conditions(lists)
    }

    /// A rule without conditions would swallow everything after it, so it is refused. A rule may
    /// decide `slow` too: `slow` is measured from `durationMs`, and a line whose only news is that
    /// something took long (a slow-query log, a GC pause report) can say so in words.
    public init(name: String, category: Category, exception: [ClassPattern] = [], message: [MessagePattern] = [],
                status: [StatusPattern] = [], service: [WildcardPattern] = [], frame: [WildcardPattern] = [],
                code: [CodePattern] = [], words: [ClassWordsPattern] = [])
        throws(CategoryRuleError) {
        guard !(exception.isEmpty && message.isEmpty && status.isEmpty && service.isEmpty && frame.isEmpty
            && code.isEmpty && words.isEmpty) else {
            throw .noConditions
        }
        self.name = name
        self.category = category
        conditions = Conditions(Lists(exception: exception, message: message, status: status, service: service,
                                      frame: frame, code: code, words: words))
    }

    public static func == (lhs: CategoryRule, rhs: CategoryRule) -> Bool {
        lhs.name == rhs.name && lhs.category == rhs.category
            && (lhs.conditions === rhs.conditions || lhs.conditions.lists == rhs.conditions.lists)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(category)
        hasher.combine(conditions.lists)
    }

    /// Whether the evidence from `service` satisfies every condition of this rule.
    public func matches(_ evidence: ExceptionEvidence, service: String?) -> Bool {
        match(PreparedEvidence(evidence), service: service) != nil
    }

    /// What satisfied each condition (`exception SocketTimeoutException`, `code ECONNRESET`),
    /// or nil when a condition does not hold: the evidence a report shows for the decision.
    func match(_ prepared: PreparedEvidence, service serviceName: String?) -> [String]? {
        // The lists read through the one reference; copying them out would retain all seven.
        let conditions = self.conditions
        var found: [String] = []
        if !conditions.lists.exception.isEmpty {
            let exception = conditions.lists.exception
            guard let thrown = prepared.evidence.chain.first(where: { thrown in exception.contains { $0.matches(thrown) } }) else {
                return nil
            }
            found.append("exception \(thrown.simpleName)")
        }
        if !conditions.lists.code.isEmpty {
            // A loop, not a lazy map: the map's closure captured (and so copied) the prepared
            // evidence for every rule with codes.
            var token: String?
            for pattern in conditions.lists.code {
                token = pattern.firstMatch(in: prepared.tokens)
                if token != nil { break }
            }
            guard let token else { return nil }
            found.append("code \(token)")
        }
        if !conditions.lists.words.isEmpty {
            var hit: (pattern: ClassWordsPattern, name: String)?
            for pattern in conditions.lists.words {
                if let name = prepared.tokens.classNames.first(where: { pattern.matches($0.words) })?.name {
                    hit = (pattern, name)
                    break
                }
            }
            guard let hit else { return nil }
            found.append("words '\(hit.pattern.text)' in \(hit.name)")
        }
        if !conditions.lists.status.isEmpty {
            guard let code = prepared.evidence.httpStatus, conditions.lists.status.contains(where: { $0.codes.contains(code) }) else {
                return nil
            }
            found.append("status \(code)")
        }
        if !conditions.lists.service.isEmpty {
            guard let serviceName, conditions.lists.service.contains(where: { $0.matches(serviceName) }) else { return nil }
            found.append("service \(serviceName)")
        }
        if !conditions.lists.frame.isEmpty {
            let frame = conditions.lists.frame
            guard let name = prepared.evidence.frames.first(where: { name in frame.contains { $0.matches(name) } }) else {
                return nil
            }
            found.append("frame \(name)")
        }
        if !conditions.lists.message.isEmpty {
            var hit: MessagePattern?
            for prepared in prepared.messages {
                if let pattern = conditions.lists.message.first(where: { $0.matches(prepared) }) {
                    hit = pattern
                    break
                }
            }
            guard let hit else { return nil }
            found.append("message \(hit.text)")
        }
        return found
    }
}
