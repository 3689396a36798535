/// One lexical unit of NRQL text.
struct NRQLToken: Equatable {
    enum Kind: Equatable {
        /// A bare word: a keyword, function or name (case kept; keywords match any case).
        case word(String)
        /// A `` `backticked` `` name: never a keyword.
        case quotedName(String)
        case string(String)
        case number(Double)
        /// Punctuation or an operator: `( ) , * = != <> < <= > >= - + /`.
        case symbol(String)
        case end
    }

    var kind: Kind
    /// 1-based column of the token's first scalar.
    var column: Int

    /// Whether this is the bare word `keyword`, in any case.
    func isKeyword(_ keyword: String) -> Bool {
        if case let .word(word) = kind { return word.uppercased() == keyword }
        return false
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }

    /// The token as a message quotes it: `'TIMESERIES'`, `string 'x'`, `end of query`.
    var quoted: String {
        switch kind {
        case let .word(word): "'\(word)'"
        case let .quotedName(name): "`\(name)`"
        case let .string(text): "string \(NRQLValue.string(text))"
        case let .number(number): "number \(NRQLValue.format(number))"
        case let .symbol(symbol): "'\(symbol)'"
        case .end: "end of query"
        }
    }
}

/// Splits NRQL text into tokens, reporting malformed strings and stray characters with their
/// column.
struct NRQLLexer {
    let scalars: [Unicode.Scalar]
    let condition: String

    init(_ text: String, condition: String) {
        scalars = Array(text.unicodeScalars)
        self.condition = condition
    }

    func tokens() throws(NRQLError) -> [NRQLToken] {
        var tokens: [NRQLToken] = []
        var index = 0
        while true {
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
            guard index < scalars.count else { break }
            let start = index
            let scalar = scalars[index]
            let kind: NRQLToken.Kind
            if NRQLName.isStart(scalar) {
                while index < scalars.count, NRQLName.isPart(scalars[index]) { index += 1 }
                kind = .word(String(String.UnicodeScalarView(scalars[start..<index])))
            } else if isDigit(index) {
                kind = .number(try number(from: &index))
            } else if scalar == "'" {
                kind = .string(try quoted(from: &index, by: "'", what: "string"))
            } else if scalar == "\u{2018}" || scalar == "\u{201C}" {
                // Typographic quotes, as word processors write them in published conditions.
                kind = .string(try quoted(from: &index, by: scalar == "\u{2018}" ? "\u{2019}" : "\u{201D}",
                                          what: "string"))
            } else if scalar == "`" {
                kind = .quotedName(try quoted(from: &index, by: "`", what: "backticked name"))
            } else {
                kind = .symbol(try symbol(from: &index))
            }
            tokens.append(NRQLToken(kind: kind, column: start + 1))
        }
        tokens.append(NRQLToken(kind: .end, column: scalars.count + 1))
        return tokens
    }

    private func isDigit(_ index: Int) -> Bool {
        index < scalars.count && scalars[index] >= "0" && scalars[index] <= "9"
    }

    /// Digits, an optional fraction and an optional exponent (`1e+15`, as Swift prints
    /// large doubles).
    private func number(from index: inout Int) throws(NRQLError) -> Double {
        let start = index
        while isDigit(index) { index += 1 }
        if index < scalars.count, scalars[index] == ".", isDigit(index + 1) {
            index += 1
            while isDigit(index) { index += 1 }
        }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            var next = index + 1
            if next < scalars.count, scalars[next] == "+" || scalars[next] == "-" { next += 1 }
            if isDigit(next) {
                index = next
                while isDigit(index) { index += 1 }
            }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        guard let value = Double(text), value.isFinite else {
            throw NRQLError(condition: condition, column: start + 1, message: "number \(text) is out of range")
        }
        return value
    }

    /// A `'string'` or `` `name` ``: the delimiter doubled inside stands for itself.
    private func quoted(from index: inout Int, by delimiter: Unicode.Scalar, what: String) throws(NRQLError) -> String {
        let start = index
        index += 1
        var content = String.UnicodeScalarView()
        while index < scalars.count {
            if scalars[index] == delimiter {
                if index + 1 < scalars.count, scalars[index + 1] == delimiter {
                    content.append(delimiter)
                    index += 2
                    continue
                }
                index += 1
                return String(content)
            }
            content.append(scalars[index])
            index += 1
        }
        throw NRQLError(condition: condition, column: start + 1, message: "unterminated \(what)")
    }

    private func symbol(from index: inout Int) throws(NRQLError) -> String {
        let scalar = scalars[index]
        let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
        switch (scalar, next) {
        case ("!", "="), ("<", "="), (">", "="), ("<", ">"):
            index += 2
            return String(scalar) + String(next!)
        case ("(", _), (")", _), (",", _), ("*", _), ("=", _), ("<", _), (">", _), ("-", _), ("+", _), ("/", _),
             (";", _), ("{", _), ("}", _), ("[", _), ("]", _), ("%", _), ("!", _), (":", _):
            index += 1
            return String(scalar)
        default:
            throw NRQLError(condition: condition, column: index + 1,
                            message: "unexpected character '\(scalar.escaped(asASCII: false))'")
        }
    }
}
