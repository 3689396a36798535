import LogTriageIngest

/// Whether a record is an error, a warning, or neither, as triage counts them.
///
/// A record is an error when its level is ERROR, FATAL, SEVERE or CRITICAL, or it carries an
/// error class, or its `outcome` says it failed; agents disagree on which of these they set,
/// so any one is enough. A WARN record with none of them is a warning.
public enum RecordSeverity: Sendable, Equatable {
    case error, warning, other

    /// The record is borrowed: an initialiser takes its arguments owned, which retained and
    /// released the view around every record's severity.
    public init(_ record: borrowing RecordView) {
        // The level's bytes as `record.level` would normalise them, compared in place.
        let level = record.value(.level).flatMap { LevelNormalizer.known($0.bytes) }
        if let level, level != .warn {
            self = .error
            return
        }
        if let errorClass = record.value(.errorClass), errorClass.kind == .string, !errorClass.bytes.isEmpty {
            self = .error
            return
        }
        if let outcome = record.value(.outcome), Self.isFailure(outcome.bytes) { self = .error; return }
        self = level == .warn ? .warning : .other
    }

    /// `failure` or `failed`, in any case.
    static func isFailure(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let expected: StaticString = bytes.count == 7 ? "failure" : "failed"
        guard bytes.count == expected.utf8CodeUnitCount else { return false }
        for index in 0..<bytes.count where bytes[index] | 0x20 != expected.utf8Start[index] { return false }
        return true
    }
}
