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
    public var exception: [ClassPattern]
    public var message: [MessagePattern]
    public var status: [StatusPattern]
    public var service: [WildcardPattern]
    public var frame: [WildcardPattern]
    public var code: [CodePattern]
    public var words: [ClassWordsPattern]

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
        self.exception = exception
        self.message = message
        self.status = status
        self.service = service
        self.frame = frame
        self.code = code
        self.words = words
    }

    /// Whether the evidence from `service` satisfies every condition of this rule.
    public func matches(_ evidence: ExceptionEvidence, service: String?) -> Bool {
        match(PreparedEvidence(evidence), service: service) != nil
    }

    /// What satisfied each condition (`exception SocketTimeoutException`, `code ECONNRESET`),
    /// or nil when a condition does not hold: the evidence a report shows for the decision.
    func match(_ prepared: PreparedEvidence, service serviceName: String?) -> [String]? {
        let evidence = prepared.evidence
        var found: [String] = []
        if !exception.isEmpty {
            guard let thrown = evidence.chain.first(where: { thrown in exception.contains { $0.matches(thrown) } }) else {
                return nil
            }
            found.append("exception \(thrown.simpleName)")
        }
        if !code.isEmpty {
            guard let token = code.lazy.compactMap({ $0.firstMatch(in: prepared.tokens) }).first else { return nil }
            found.append("code \(token)")
        }
        if !words.isEmpty {
            var hit: (pattern: ClassWordsPattern, name: String)?
            for pattern in words {
                if let name = prepared.tokens.classNames.first(where: { pattern.matches($0.words) })?.name {
                    hit = (pattern, name)
                    break
                }
            }
            guard let hit else { return nil }
            found.append("words '\(hit.pattern.text)' in \(hit.name)")
        }
        if !status.isEmpty {
            guard let code = evidence.httpStatus, status.contains(where: { $0.codes.contains(code) }) else { return nil }
            found.append("status \(code)")
        }
        if !service.isEmpty {
            guard let serviceName, service.contains(where: { $0.matches(serviceName) }) else { return nil }
            found.append("service \(serviceName)")
        }
        if !frame.isEmpty {
            guard let name = evidence.frames.first(where: { name in frame.contains { $0.matches(name) } }) else { return nil }
            found.append("frame \(name)")
        }
        if !message.isEmpty {
            var hit: MessagePattern?
            for prepared in prepared.messages {
                if let pattern = message.first(where: { $0.matches(prepared) }) {
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
