#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input could not be read at all.
public enum InputError: Error, Equatable, CustomStringConvertible {
    /// Opening or first reading the input failed; `reason` is lower-case, e.g. "permission denied".
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open \(path): \(reason)"
        }
    }

    /// The C library's text for `code`, with a lower-case first letter to match our messages.
    package static func reason(errno code: Int32) -> String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return "error \(code)" }
        return first.lowercased() + text.dropFirst()
    }
}
