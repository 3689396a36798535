/// One exception of a `Caused by:` chain: its class as logged and its message.
///
/// Kept as a pair so a rule's message condition and a report can say which exception in the
/// chain said what.
public struct ThrownException: Sendable, Hashable {
    /// The class as logged: fully qualified (`java.net.SocketTimeoutException`) when the log has
    /// it, nested classes with `$` (`HttpClientErrorException$Unauthorized`).
    public var className: String
    /// The exception's message, empty when it had none.
    public var message: String

    public init(className: String, message: String = "") {
        self.className = className
        self.message = message
    }

    /// The class without its package, e.g. `HttpClientErrorException$Unauthorized`; rules and
    /// reports use it because packages move between libraries and releases.
    public var simpleName: String {
        guard let dot = className.lastIndex(of: ".") else { return className }
        return String(className[className.index(after: dot)...])
    }

    /// Whether both name the same class, allowing one of them to lack its package (New Relic's
    /// `error.class` and a stack header do not always agree on that).
    func isSameClass(as other: String) -> Bool {
        if className == other { return true }
        let otherSimple = other.lastIndex(of: ".").map { String(other[other.index(after: $0)...]) } ?? other
        guard simpleName == otherSimple else { return false }
        return !className.contains(".") || !other.contains(".")
    }
}
