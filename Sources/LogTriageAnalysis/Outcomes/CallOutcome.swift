/// Whether a record reports a successful or a failed call.
///
/// The explicit `outcome` attribute wins because services log failed calls at INFO or WARN as
/// often as at ERROR; the level decides only when `outcome` is missing or unrecognised.
public enum CallOutcome: Sendable, Hashable {
    case success, failure

    /// `success`/`succeeded`/`ok` → success, `failure`/`failed`/`error` → failure (any case);
    /// anything else falls back to `isError`.
    public init(outcome: String?, isError: Bool) {
        self = outcome.flatMap(Self.named) ?? (isError ? .failure : .success)
    }

    /// The outcome `text` names, compared without case. This runs several times per record, so
    /// ASCII text, all real outcomes, is compared byte by byte without making a lowercased copy;
    /// other text takes `lowercased()`, whose Unicode rules (a Kelvin sign is a `k`) decide.
    static func named(_ text: String) -> CallOutcome? {
        var text = text
        if let ascii = text.withUTF8(Self.namedASCII) { return ascii }
        switch text.lowercased() {
        case "success", "succeeded", "ok": return .success
        case "failure", "failed", "error": return .failure
        default: return nil
        }
    }

    /// The outcome ASCII `bytes` name, in any case: `.some(nil)` when they name none, nil when
    /// they are not all ASCII (the caller decides what such text names). The endpoint evidence
    /// reads a record's raw `outcome` bytes with it too.
    static func namedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> CallOutcome?? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return .none }
        guard (2...9).contains(bytes.count) else { return .some(nil) }
        func `is`(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == bytes.count else { return false }
            for offset in 0..<bytes.count {
                var byte = bytes[offset]
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte |= 0x20 }
                if byte != word.utf8Start[offset] { return false }
            }
            return true
        }
        if `is`("success") || `is`("succeeded") || `is`("ok") { return .some(.success) }
        if `is`("failure") || `is`("failed") || `is`("error") { return .some(.failure) }
        return .some(nil)
    }
}
