/// Matches an exception class: by simple name (`SocketTimeoutException`,
/// `HttpClientErrorException$Unauthorized`) unless the pattern has a package (`java.net.*`),
/// so rules survive libraries moving classes between packages.
public struct ClassPattern: Sendable, Hashable, CustomStringConvertible {
    public let pattern: WildcardPattern
    private let matchesFullName: Bool

    public init(_ text: String) {
        pattern = WildcardPattern(text)
        matchesFullName = text.contains(".")
    }

    public var description: String { pattern.text }

    public func matches(_ exception: ThrownException) -> Bool {
        matchesFullName ? pattern.matches(exception.className) : pattern.matches(exception.simpleName)
    }
}
