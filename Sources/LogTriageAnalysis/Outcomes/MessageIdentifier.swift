/// Finds the id that ties a dead-letter message to the error that preceded it: the first UUID
/// or `id=`-style token (`messageId=…`, `msg_id: …`, `id=…`) in the text.
///
/// Consumers log the same message id on the failed attempt and on the dead-letter line, while
/// a trace id is often missing on the latter, so the text itself is the most reliable link.
public enum MessageIdentifier {
    /// The longest id kept; longer values are cut, so a runaway token cannot bloat the map.
    static let maxLength = 128

    /// The first UUID or id token, scanning left to right; nil when there is none.
    public static func first(in message: String) -> String? {
        var message = message
        return message.withUTF8 { first(in: $0) }
    }

    /// The same over a message's UTF-8 bytes: what the retry evidence scans, with no copy.
    static func first(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // Each candidate's first test is made here, so most positions cost no call: a UUID has
        // its dashes 8 and 13 bytes on, an id token starts with `i` or `I`.
        let count = bytes.count
        var index = 0
        while index < count {
            if index + 36 <= count, bytes[index + 8] == 0x2D, bytes[index + 13] == 0x2D,
               let uuid = uuid(in: bytes, at: index) { return uuid }
            if bytes[index] | 0x20 == 0x69, let token = idToken(in: bytes, at: index) { return token }
            index += 1
        }
        return nil
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte)
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) }

    /// An 8-4-4-4-12 hex UUID starting at `index` and not inside a longer token; lower-cased so
    /// the same id logged in either case links.
    private static func uuid(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> String? {
        // The dashes first: at most positions of a message there is none, and this runs at every one.
        guard bytes.count - index >= 36, bytes[index + 8] == 0x2D, bytes[index + 13] == 0x2D,
              index == 0 || !isAlphanumeric(bytes[index - 1]) else { return nil }
        for offset in 0..<36 {
            let byte = bytes[index + offset]
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard byte == 0x2D else { return nil }
            } else {
                guard isHex(byte) else { return nil }
            }
        }
        if index + 36 < bytes.count, isAlphanumeric(bytes[index + 36]) { return nil }
        return String(decoding: bytes[index..<(index + 36)], as: UTF8.self).lowercased()
    }

    /// A value after `id=` / `id:` where `id` ends a key: lower-case `id` after a non-letter
    /// (`id=`, `msg_id=`), or `Id`/`ID` after a letter (`messageId=`), which rules out words
    /// such as `valid:` and `paid=`.
    private static func idToken(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> String? {
        guard bytes.count - index >= 3, bytes[index] | 0x20 == 0x69 else { return nil }
        let first = bytes[index], second = bytes[index + 1]
        let previous: UInt8? = index > 0 ? bytes[index - 1] : nil
        let isKeyEnd: Bool
        if first == 0x69, second == 0x64 { // "id"
            isKeyEnd = previous.map { !isLetter($0) } ?? true
        } else if first == 0x49, second == 0x64 || second == 0x44 { // "Id", "ID"
            isKeyEnd = previous.map { isLetter($0) || !isAlphanumeric($0) } ?? true
        } else {
            return nil
        }
        guard isKeyEnd else { return nil }
        var position = index + 2
        if position < bytes.count, bytes[position] == 0x22 || bytes[position] == 0x27 { position += 1 } // closing quote of a JSON key
        guard position < bytes.count, bytes[position] == 0x3D || bytes[position] == 0x3A else { return nil }
        position += 1
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x22 || bytes[position] == 0x27 {
            position += 1
        }
        let start = position
        while position < bytes.count, position - start < maxLength,
              isAlphanumeric(bytes[position]) || bytes[position] == 0x2D || bytes[position] == 0x5F || bytes[position] == 0x2E {
            position += 1
        }
        var end = position
        while end > start, bytes[end - 1] == 0x2E { end -= 1 } // a sentence's full stop
        guard end > start else { return nil }
        let token = String(decoding: bytes[start..<end], as: UTF8.self)
        return end - start == 36 && uuid(in: bytes, at: start) != nil ? token.lowercased() : token
    }
}
