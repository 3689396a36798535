import LogTriageBasics

/// The texts a field repeats from record to record (an `outcome`, an `invoiceDate`), each
/// built once with what is worked out from it, so that a record holding a known one builds no
/// string and parses nothing.
///
/// At most ``capacity`` texts are kept, the first seen: past them, a text is built and worked
/// out anew for each record, so memory stays bounded whatever values the input holds.
struct RepeatedTexts<Derived> {
    private var table = InternedTexts()
    private var derived: [Derived] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The text of `bytes` (decoded as `String(decoding:as:)` decodes them) and what `derive`
    /// works out from it.
    mutating func text(of bytes: UnsafeBufferPointer<UInt8>, derive: (String) -> Derived) -> (text: String, derived: Derived) {
        if let (id, text) = table.existingText(bytes) { return (text, derived[Int(id)]) }
        guard table.count < capacity else {
            let text = String(decoding: bytes, as: UTF8.self)
            return (text, derive(text))
        }
        let (_, text) = table.internedText(bytes)
        let value = derive(text)
        derived.append(value)
        return (text, value)
    }
}
