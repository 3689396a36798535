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
        guard let base = bytes.baseAddress, (2...9).contains(bytes.count) else {
            return bytes.allSatisfy({ $0 < 0x80 }) ? .some(nil) : .none
        }
        // The bytes packed into one number, each with bit 5 set: that lower-cases a letter, and
        // only a letter becomes a lower-case letter, so the six words compare as numbers. A
        // ninth byte (`succeeded`) shifts the first out, so the first is compared on its own.
        var packed: UInt64 = 0, high: UInt8 = 0
        for offset in 0..<bytes.count {
            let byte = base[offset]
            high |= byte
            packed = packed << 8 | UInt64(byte | 0x20)
        }
        guard high < 0x80 else { return .none }
        switch (bytes.count, packed) {
        case (7, Words.success), (2, Words.ok): return .some(.success)
        case (9, Words.succeeded): return base[0] | 0x20 == UInt8(ascii: "s") ? .some(.success) : .some(nil)
        case (7, Words.failure), (6, Words.failed), (5, Words.error): return .some(.failure)
        default: return .some(nil)
        }
    }

    /// The words, packed as ``namedASCII(_:)`` packs bytes.
    private enum Words {
        static let success = packed("success"), succeeded = packed("succeeded"), ok = packed("ok")
        static let failure = packed("failure"), failed = packed("failed"), error = packed("error")

        private static func packed(_ word: String) -> UInt64 {
            word.utf8.reduce(0) { $0 << 8 | UInt64($1 | 0x20) }
        }
    }
}
