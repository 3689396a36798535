/// A string literal of a condition with its UTF-8 bytes kept, so a record's value is
/// compared with it byte for byte instead of through a new `String`.
public struct NRQLStringLiteral: Sendable, Hashable {
    public let text: String
    let bytes: [UInt8]
    let isASCII: Bool

    public init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
        isASCII = bytes.allSatisfy { $0 < 0x80 }
    }

    /// Whether `candidate` (UTF-8) is the literal as Swift compares strings: equal bytes, or
    /// outside ASCII canonically equivalent text (`e` + U+0301 is `é`, U+212A is `K`).
    func equals(_ candidate: UnsafeBufferPointer<UInt8>) -> Bool {
        if candidate.count == bytes.count {
            var same = true
            for index in 0..<bytes.count where candidate[index] != bytes[index] {
                same = false
                break
            }
            if same { return true }
        }
        if isASCII && candidate.allSatisfy({ $0 < 0x80 }) { return false }
        return String(decoding: candidate, as: UTF8.self) == text
    }
}
