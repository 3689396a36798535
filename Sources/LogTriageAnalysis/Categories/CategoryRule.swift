import LogTriageModel

/// One classification rule: a category and the conditions under which evidence belongs to it.
///
/// Each condition is a list whose entries are alternatives; every condition given must hold:
/// - `exception`: any class of the chain (wrappers and causes alike) matches any pattern, so a
///   rule on `SocketTimeoutException` also catches `ResourceAccessException` wrapping one;
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

    /// A rule without conditions would swallow everything after it, so it is refused; so is a
    /// rule for `slow`, which is measured from `durationMs`, not read from an exception.
    public init(name: String, category: Category, exception: [ClassPattern] = [], message: [MessagePattern] = [],
                status: [StatusPattern] = [], service: [WildcardPattern] = [], frame: [WildcardPattern] = [])
        throws(CategoryRuleError) {
        guard !(exception.isEmpty && message.isEmpty && status.isEmpty && service.isEmpty && frame.isEmpty) else {
            throw .noConditions
        }
        guard category != .slow else { throw .slowIsNotRuleBased }
        self.name = name
        self.category = category
        self.exception = exception
        self.message = message
        self.status = status
        self.service = service
        self.frame = frame
    }

    /// Whether the evidence from `service` satisfies every condition of this rule.
    public func matches(_ evidence: ExceptionEvidence, service: String?) -> Bool {
        matches(PreparedEvidence(evidence), service: service)
    }

    func matches(_ prepared: PreparedEvidence, service serviceName: String?) -> Bool {
        let evidence = prepared.evidence
        if !exception.isEmpty,
           !evidence.chain.contains(where: { thrown in exception.contains { $0.matches(thrown) } }) {
            return false
        }
        if !status.isEmpty {
            guard let code = evidence.httpStatus, status.contains(where: { $0.codes.contains(code) }) else { return false }
        }
        if !service.isEmpty {
            guard let serviceName, service.contains(where: { $0.matches(serviceName) }) else { return false }
        }
        if !frame.isEmpty, !evidence.frames.contains(where: { name in frame.contains { $0.matches(name) } }) {
            return false
        }
        if !message.isEmpty {
            let found = zip(evidence.messages, prepared.lowercasedMessages).contains { original, lowered in
                message.contains { $0.matches(original, lowercased: lowered) }
            }
            if !found { return false }
        }
        return true
    }
}
