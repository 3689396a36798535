/// Splits a class name into lower-case words, the way its author composed it.
///
/// The package or module (`java.net.`, `Net::`, `psycopg2.`) is dropped; `$`, `_`, `-` and
/// digits separate words; an upper-case letter after a lower-case one starts a word, and a run
/// of capitals is one word (`HTTPRequestException` → http, request, exception;
/// `SSLHandshakeException` → ssl, handshake, exception).
public enum ClassNameWords {
    public static func words(of className: String) -> [String] {
        var name = Substring(className)
        if let separator = name.range(of: "::", options: .backwards) { name = name[separator.upperBound...] }
        if let dot = name.lastIndex(of: ".") { name = name[name.index(after: dot)...] }
        var words: [String] = []
        var current: [Character] = []
        func flush() {
            if !current.isEmpty { words.append(String(current).lowercased()) }
            current.removeAll(keepingCapacity: true)
        }
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            guard character.isLetter else {
                flush()
                continue
            }
            if character.isUppercase, let previous = current.last {
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                // `readTimeout` → read|Timeout; `HTTPRequest` → HTTP|Request (the R starts a word).
                if previous.isLowercase || (previous.isUppercase && nextIsLower) { flush() }
            }
            current.append(character)
        }
        flush()
        return words
    }
}
