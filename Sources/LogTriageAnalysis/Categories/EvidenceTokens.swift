/// The tokens `code` conditions look for and the class names `words` conditions split,
/// gathered once per classification from the evidence's messages and exception chain.
struct EvidenceTokens {
    /// Every token of the messages and of the chain's class names (package segments too).
    let codes: Set<String>
    /// The same, sorted, for wildcard patterns and so the reported match is deterministic.
    let sortedCodes: [String]
    /// Class names: the chain's, then class-like tokens of the messages (CamelCase names such
    /// as `ReadTimeout`, `ProvisionedThroughputExceededException`), each with its words.
    let classNames: [(name: String, words: [String])]

    /// Longest message prefix read for tokens; codes and class names come early in a message,
    /// and a pasted stack trace must not make one classification slow.
    static let maxScannedBytes = 4096

    init(chain: [ThrownException], messages: [String]) {
        var codes: Set<String> = []
        var classLike: [String] = []
        var seenClasses: Set<String> = []
        var classNames: [(String, [String])] = []
        for thrown in chain where seenClasses.insert(thrown.simpleName).inserted {
            classNames.append((thrown.simpleName, ClassNameWords.words(of: thrown.simpleName)))
        }
        for text in chain.map(\.className) + messages {
            for token in Self.tokens(of: text) {
                codes.insert(token)
                if Self.isClassLike(token) { classLike.append(token) }
            }
        }
        for token in classLike where seenClasses.insert(token).inserted {
            classNames.append((token, ClassNameWords.words(of: token)))
        }
        self.codes = codes
        sortedCodes = codes.sorted()
        self.classNames = classNames
    }

    static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
    }

    /// Runs of ASCII letters, digits and `_` in the first ``maxScannedBytes`` of `text`.
    static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var scanned = 0
        for scalar in text.unicodeScalars {
            scanned += 1
            if scanned > maxScannedBytes { break }
            if isTokenScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }

    /// A token that reads as a class name: starts upper case, has a lower-case letter followed
    /// by an upper-case one (CamelCase), and is long enough not to be an ordinary word.
    static func isClassLike(_ token: String) -> Bool {
        guard token.count >= 7, let first = token.unicodeScalars.first, first.properties.isUppercase else { return false }
        var previousLower = false
        for scalar in token.unicodeScalars {
            if previousLower && scalar.properties.isUppercase { return true }
            previousLower = scalar.properties.isLowercase
        }
        return false
    }
}
