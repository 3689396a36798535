import LogTriageIngest

/// Gives each record the template of its cluster text, mining only messages it has not
/// seen in another form.
///
/// Most error messages repeat with other ids, counts and durations. Those differ only in
/// words holding a digit, which the miner's masker turns into `<*>` anyway, so a hash of the
/// text with such words blinded (`EvidenceKey`) maps to the same template: the miner (and the
/// HTTP status masking before it) runs once per shape of message, not once per record.
final class MessageTemplater {
    let miner: TemplateMiner
    private var cache: [UInt64: TemplateID] = [:]
    static let cacheLimit = 1 << 16

    init(configuration: TemplateMinerConfiguration) {
        miner = TemplateMiner(configuration: configuration)
    }

    /// The provisional template of a cluster text already prepared (``ClusterMessage``): the
    /// key is its own first line, which the miner masks no finer than ``EvidenceKey`` blinds it.
    func template(ofClusterText text: UnsafeBufferPointer<UInt8>) -> TemplateID {
        var key = EvidenceKey()
        key.mixFirstLine(text)
        return template(key: key.hash) { miner.add(utf8: text) }
    }

    /// The key of `record`'s cluster text: its first line, as ``template(of:key:)`` caches it.
    /// `embeddedText` is the record's `embeddedMessageText`.
    static func key(of record: RecordView, embeddedText: String?) -> UInt64 {
        var key = EvidenceKey()
        if var embedded = embeddedText {
            embedded.withUTF8 { key.mixFirstLine($0) }
        } else {
            // The raw JSON text, escapes and all: hashing it needs no decoding.
            key.mixFirstLine(record.rawBytes(.message) ?? record.rawBytes(.errorMessage))
        }
        return key.hash
    }

    /// The provisional template of `record`'s cluster text, whose key (``key(of:embeddedText:)``, or the
    /// raw `message` field's first line, `EvidenceKey.firstLineAndWhole`) is `key`.
    func template(of record: RecordView, key: UInt64) -> TemplateID {
        template(key: key) { ClusterMessage.withText(of: record) { miner.add(utf8: $0) } }
    }

    /// The template cached under `key`, else the one `mine` finds, cached.
    private func template(key: UInt64, mine: () -> TemplateID) -> TemplateID {
        if let known = cache[key] { return known }
        let template = mine()
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = template
        return template
    }
}
