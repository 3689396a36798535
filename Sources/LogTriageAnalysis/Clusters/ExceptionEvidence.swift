/// What a record says about a failure, in the form classification rules and reports need: the
/// exception chain, the messages, the in-app frames and the HTTP status.
///
/// Built from the record's raw strings so it works whether the log has New Relic's structured
/// `error.*` fields, only a stack text, or only a message that starts with an exception
/// (`java.net.SocketTimeoutException: Read timed out`). Everything that changes between
/// releases (line numbers, jar versions, generated class suffixes) is removed, so the same
/// failure yields the same evidence before and after a deploy.
public struct ExceptionEvidence: Sendable, Hashable {
    /// The exception chain, outermost first: the logged exception, then each `Caused by:`.
    /// `Suppressed:` exceptions are left out; they did not cause the failure.
    public var chain: [ThrownException]
    /// In-app frames as `Class.method`, top of the stack first, at most ``maxFrames``; framework
    /// frames (see ``StackFrameFilter``) are skipped because they are the same for every failure.
    public var frames: [String]
    /// The HTTP status: the record's status field when it holds a code, otherwise one stated in
    /// a message (`503 Service Unavailable`, `status code 401`).
    public var httpStatus: Int?
    /// Every distinct message: those of the chain, then the record's error message and log
    /// message, each cut to ``TextLimits/ruleTextBytes``. Rules match message conditions
    /// against all of them.
    public var messages: [String]

    /// How many in-app frames are kept; the top few locate the failure, deeper ones add noise.
    public static let maxFrames = 5

    /// The class names of the chain, outermost first.
    public var classChain: [String] { chain.map(\.className) }

    /// The innermost exception, which says what actually went wrong: a wrapper such as Spring's
    /// `ResourceAccessException` and the `SocketTimeoutException` it wraps share it.
    public var rootCause: ThrownException? { chain.last }

    /// Whether there is anything to classify on.
    public var isEmpty: Bool { chain.isEmpty && messages.isEmpty && httpStatus == nil && frames.isEmpty }

    public init(chain: [ThrownException], frames: [String] = [], httpStatus: Int? = nil, messages: [String] = []) {
        self.chain = chain
        self.frames = frames
        self.httpStatus = httpStatus
        self.messages = messages
    }

    /// Gathers the evidence from a record's fields, each optional.
    ///
    /// - Parameters:
    ///   - errorClass: the logged exception's class (New Relic's `error.class`); it becomes the
    ///     outermost link when the stack text does not start with it.
    ///   - errorMessage: the logged exception's message (`error.message`).
    ///   - errorStack: the Java stack text (`error.stack`), header and `Caused by:` lines included.
    ///   - message: the log message; searched for an exception (at its start, or as an embedded
    ///     stack trace) only when the error fields have none.
    ///   - httpStatus: the status field as text.
    public init(errorClass: String? = nil, errorMessage: String? = nil, errorStack: String? = nil,
                message: String? = nil, httpStatus: String? = nil) {
        // A megabyte field costs what its first kilobytes do (``TextLimits``).
        let errorMessage = errorMessage.map { TextLimits.prefix($0, bytes: TextLimits.stackTextBytes) }
        let errorStack = errorStack.map { TextLimits.prefix($0, bytes: TextLimits.stackTextBytes) }
        let message = message.map { TextLimits.prefix($0, bytes: TextLimits.stackTextBytes) }
        let errorClass = errorClass.map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        var parser = StackTextParser()
        if let errorStack, !errorStack.isEmpty {
            parser.parse(errorStack, strictFirstHeader: false)
        }
        if parser.links.isEmpty, let errorMessage {
            parser.parse(errorMessage, strictFirstHeader: true)
        }
        if parser.links.isEmpty, errorClass == nil, let message {
            parser.parse(message, strictFirstHeader: true)
        }
        var chain = parser.links
        if let errorClass {
            if let first = chain.first, first.isSameClass(as: errorClass) {
                // Prefer the fully qualified spelling and fill a missing message.
                if errorClass.count > first.className.count { chain[0].className = errorClass }
                if chain[0].message.isEmpty, let errorMessage { chain[0].message = Self.trimmed(errorMessage) }
            } else if !chain.contains(where: { $0.isSameClass(as: errorClass) }) {
                chain.insert(ThrownException(className: errorClass, message: errorMessage.map(Self.trimmed) ?? ""), at: 0)
                // `new Wrapper(cause)` sets the message to `cause.toString()`; that names the cause.
                if parser.links.isEmpty, let errorMessage {
                    var causeParser = StackTextParser()
                    causeParser.parse(errorMessage, strictFirstHeader: true)
                    if let cause = causeParser.links.first, !chain[0].isSameClass(as: cause.className) {
                        chain.append(contentsOf: causeParser.links)
                    }
                }
            }
        }
        Self.appendNestedCauses(to: &chain)

        var messages: [String] = []
        for text in chain.map(\.message) + [errorMessage, message].compactMap({ $0 }) {
            let text = Self.trimmed(TextLimits.prefix(text, bytes: TextLimits.ruleTextBytes))
            if !text.isEmpty, !messages.contains(text) { messages.append(text) }
        }
        self.chain = chain
        self.frames = parser.frames
        self.messages = messages
        self.httpStatus = httpStatus.flatMap(HTTPStatusText.parseField)
            ?? messages.lazy.compactMap(HTTPStatusText.find(in:)).first
    }

    /// Adds the causes Spring 5 and older spell out in messages (`…; nested exception is
    /// java.net.SocketTimeoutException: Read timed out`) when no `Caused by:` line listed them.
    private static func appendNestedCauses(to chain: inout [ThrownException]) {
        let marker = "nested exception is "
        var index = 0
        while index < chain.count {
            let message = chain[index].message
            index += 1
            guard let found = message.range(of: marker) else { continue }
            var rest = message[found.upperBound...]
            if let next = rest.range(of: "; " + marker) { rest = rest[..<next.lowerBound] }
            guard let link = StackTextParser.header(rest, strict: true) else { continue }
            if chain.contains(where: { $0.isSameClass(as: link.className) }) { continue }
            chain.append(link)
        }
    }

    /// `text` without leading and trailing white space and line breaks (Unicode's White_Space,
    /// the set Foundation's `whitespacesAndNewlines` names), without bridging to `NSString`.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        guard scalars.first!.properties.isWhitespace || scalars.last!.properties.isWhitespace else { return text }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
