import LogTriageIngest

/// What placing a record in a cluster hashes from the record alone: its severity, whether it
/// is slow, and the keys of its evidence and of its template text.
///
/// None of it depends on the clusterer's state, so it can be worked out on another thread than
/// the clusterer's, before the record is handed over: the reading thread of a run that builds
/// its contexts behind the read works these out (``RecordContextWorker``), and the builder's
/// thread, the busier of the two, only looks them up. Hashing the evidence and the template
/// text was an eighth of the builder's thread on the bench week.
package struct PlacementKeys: Sendable {
    package let severity: RecordSeverity
    /// A record other than an error over the slow threshold (`durationMs`).
    let slow: Bool
    /// The evidence's key before its service is mixed in (``EvidenceKey/init(resuming:)``).
    let evidence: UInt64
    /// The key of the record's template text (its first line), as ``MessageTemplater`` caches it.
    let template: UInt64

    /// Whether the record goes into a cluster: an error, a warning, or slow.
    var isPlaced: Bool { severity != .other || slow }

    /// The keys of `record`; `severity` when the caller knows it already.
    package init(of record: RecordView, severity: RecordSeverity? = nil, slowThresholdMs: Int) {
        let severity = severity ?? RecordSeverity(record)
        self.severity = severity
        slow = severity != .error && Self.isSlow(record, thresholdMs: slowThresholdMs)
        guard severity != .other || slow else {
            evidence = 0
            template = 0
            return
        }
        // A message without exception class or stack is both the evidence and the template
        // text: its two keys come from one pass over it.
        // A JSON message's human text is built once, here, for both questions.
        let embeddedText = record.embeddedMessageText
        var messageKeys: (firstLine: UInt64, whole: UInt64)?
        if record.rawBytes(.errorClass) == nil, record.rawBytes(.errorStack) == nil, embeddedText == nil,
           let message = record.rawBytes(.message) {
            messageKeys = EvidenceKey.firstLineAndWhole(message)
        }
        evidence = Self.evidenceKey(of: record, messageKey: messageKeys?.whole)
        template = messageKeys?.firstLine ?? MessageTemplater.key(of: record, embeddedText: embeddedText)
    }

    private static func isSlow(_ record: RecordView, thresholdMs: Int) -> Bool {
        guard let duration = record.value(.durationMs), duration.kind == .number || duration.kind == .string,
              let milliseconds = DecimalText.value(duration.bytes) else { return false }
        return milliseconds > Double(thresholdMs)
    }

    /// The hash of what a classification depends on, blind to the variables in it; the
    /// service is mixed in by the clusterer.
    private static func evidenceKey(of record: RecordView, messageKey: UInt64?) -> UInt64 {
        var key = EvidenceKey()
        let errorClass = record.rawBytes(.errorClass)
        let stack = record.rawBytes(.errorStack)
        key.mix(errorClass)
        key.mix(record.rawBytes(.errorMessage))
        if let stack { key.mixStackOutline(stack) } else { key.mix(nil) }
        // A status field is a code, not a variable: a 503 and a 400 are different failures.
        key.mixExact(record.rawBytes(.httpStatus))
        // Without a class or stack, the evidence is in the message itself.
        if errorClass == nil, stack == nil, let message = record.rawBytes(.message) {
            key.mixKey(messageKey ?? Self.key(of: message))
        }
        return key.hash
    }

    private static func key(of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key = EvidenceKey()
        key.mix(bytes)
        return key.hash
    }
}
