/// Literal texts one of which every match of a regular expression contains, read from the
/// expression's source: a cheap test before running the expression (`/\bcode = canceled\b/`
/// cannot match a message without `code = canceled`).
///
/// The reading is conservative: only plain constructs are understood (literal characters,
/// escaped punctuation, `\b` `\B` `\d` `\D` `\w` `\W` `\s` `\S` `\n` `\t`, `.`, character
/// classes, groups with `|`, the quantifiers `? * + {n} {n,} {n,m}` and their lazy or
/// possessive forms, `^` and `$`). Anything else (look-around, back-references, inline
/// flags, Unicode properties) gives no literals, and the expression always runs. Letters are
/// ASCII only and lower-cased, for a case-insensitive expression.
enum RegexLiterals {
    /// The literals (lower-cased, at least one byte each), or nil when none is certain.
    static func required(_ source: String) -> [[UInt8]]? {
        var parser = Parser(Array(source.unicodeScalars))
        guard let branches = parser.alternation(), parser.atEnd else { return nil }
        return best(ofAlternatives: branches)
    }

    /// One element of a sequence and how often it must occur at least.
    private indirect enum Item {
        case literal(UInt8, minimum: Int, exact: Bool)
        case zeroWidth
        case other(minimum: Int)
        case group([[Item]], minimum: Int)
    }

    /// For alternatives, every one of them must yield literals; their union is needed.
    private static func best(ofAlternatives branches: [[Item]]) -> [[UInt8]]? {
        var union: [[UInt8]] = []
        for branch in branches {
            guard let literals = best(ofSequence: branch) else { return nil }
            union += literals
        }
        return union.isEmpty ? nil : union
    }

    /// For a sequence, the most selective of its required literal runs and required groups:
    /// the candidate whose shortest literal is longest, then the one with fewer alternatives
    /// (in `"(get|post|put|…) [^"]*" (404|410)`, a status is rarer than any of seven verbs,
    /// whose three letters turn up somewhere in most long messages).
    private static func best(ofSequence items: [Item]) -> [[UInt8]]? {
        var candidates: [[[UInt8]]] = []
        var run: [UInt8] = []
        func endRun() {
            if !run.isEmpty { candidates.append([run]) }
            run = []
        }
        for item in items {
            switch item {
            case let .literal(byte, minimum, exact):
                if minimum == 0 { endRun(); continue }
                run.append(byte)
                // `a+` or `a{2,}`: the letter is there, but what follows may not be next to it.
                if !exact { endRun() }
            case .zeroWidth:
                continue
            case .other:
                endRun()
            case let .group(branches, minimum):
                endRun()
                if minimum > 0, let literals = best(ofAlternatives: branches) { candidates.append(literals) }
            }
        }
        endRun()
        return candidates.max { lhs, rhs in
            let left = lhs.map(\.count).min() ?? 0, right = rhs.map(\.count).min() ?? 0
            return left != right ? left < right : lhs.count > rhs.count
        }
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0
        /// Groups open around the current position; deeper nesting gives no literals rather
        /// than a deep recursion (a configuration file may hold any pattern).
        var depth = 0
        static let maxDepth = 32

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { index >= scalars.count }

        /// Branches separated by `|` up to the end or a closing `)`.
        mutating func alternation() -> [[Item]]? {
            var branches: [[Item]] = [[]]
            while index < scalars.count, scalars[index] != ")" {
                if scalars[index] == "|" {
                    branches.append([])
                    index += 1
                    continue
                }
                guard var item = atom() else { return nil }
                guard applyQuantifier(to: &item) else { return nil }
                branches[branches.count - 1].append(item)
            }
            return branches
        }

        mutating func atom() -> Item? {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "^", "$":
                return .zeroWidth
            case ".":
                return .other(minimum: 1)
            case "[":
                // `[...]`: a leading `]` or `^]` is a member; `\]` is escaped.
                if index < scalars.count, scalars[index] == "^" { index += 1 }
                if index < scalars.count, scalars[index] == "]" { index += 1 }
                while index < scalars.count, scalars[index] != "]" {
                    if scalars[index] == "[" { return nil }
                    index += scalars[index] == "\\" ? 2 : 1
                }
                guard index < scalars.count else { return nil }
                index += 1
                return .other(minimum: 1)
            case "(":
                // A lookaround (`(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`) matches no text of its
                // own: it is read to its end and requires nothing.
                var lookaround = false
                if index < scalars.count, scalars[index] == "?" {
                    let next = index + 1 < scalars.count ? scalars[index + 1] : " "
                    if next == ":" {
                        index += 2
                    } else if next == "=" || next == "!" {
                        lookaround = true
                        index += 2
                    } else if next == "<", index + 2 < scalars.count, scalars[index + 2] == "=" || scalars[index + 2] == "!" {
                        lookaround = true
                        index += 3
                    } else {
                        return nil
                    }
                }
                guard depth < Self.maxDepth else { return nil }
                depth += 1
                defer { depth -= 1 }
                guard let branches = alternation(), index < scalars.count, scalars[index] == ")" else { return nil }
                index += 1
                if lookaround {
                    // A quantifier after a lookaround changes nothing it requires.
                    return .zeroWidth
                }
                return .group(branches, minimum: 1)
            case "\\":
                guard index < scalars.count else { return nil }
                let escaped = scalars[index]
                index += 1
                switch escaped {
                case "b", "B": return .zeroWidth
                case "d", "D", "w", "W", "s", "S": return .other(minimum: 1)
                case "n": return .literal(0x0A, minimum: 1, exact: true)
                case "t": return .literal(0x09, minimum: 1, exact: true)
                case "x":
                    // `\xHH`, two hex digits: a character written by its code (`\x27` for `'`).
                    guard index + 1 < scalars.count, let high = Int(String(scalars[index]), radix: 16),
                          let low = Int(String(scalars[index + 1]), radix: 16) else { return nil }
                    index += 2
                    let value = high * 16 + low
                    guard value < 0x80 else { return .other(minimum: 1) }
                    let lowered = (0x41...0x5A).contains(value) ? value + 0x20 : value
                    return .literal(UInt8(lowered), minimum: 1, exact: true)
                default:
                    guard escaped.isASCII, !escaped.properties.isAlphabetic, !("0"..."9").contains(escaped) else { return nil }
                    return .literal(UInt8(escaped.value), minimum: 1, exact: true)
                }
            case "*", "+", "?", "{", "|", ")":
                return nil
            default:
                guard scalar.isASCII else { return .other(minimum: 1) }
                let lowered = ("A"..."Z").contains(scalar) ? scalar.value + 0x20 : scalar.value
                return .literal(UInt8(lowered), minimum: 1, exact: true)
            }
        }

        /// Applies a following quantifier; false when one cannot be read.
        mutating func applyQuantifier(to item: inout Item) -> Bool {
            guard index < scalars.count else { return true }
            var minimum = 1
            var exact = true
            switch scalars[index] {
            case "?": minimum = 0; index += 1
            case "*": minimum = 0; index += 1
            case "+": exact = false; index += 1
            case "{":
                var end = index + 1
                while end < scalars.count, scalars[end] != "}" { end += 1 }
                guard end < scalars.count else { return false }
                let body = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                let bounds = body.split(separator: ",", omittingEmptySubsequences: false)
                guard let low = bounds.first.flatMap({ Int($0) }), low >= 0, bounds.count <= 2 else { return false }
                minimum = low
                exact = bounds.count == 1 && low == 1
                index = end + 1
            default:
                return true
            }
            if index < scalars.count, scalars[index] == "?" || scalars[index] == "+" { index += 1 }
            switch item {
            case let .literal(byte, _, _): item = .literal(byte, minimum: minimum, exact: exact)
            case .zeroWidth: break
            case .other: item = .other(minimum: minimum)
            case let .group(branches, _): item = .group(branches, minimum: minimum)
            }
            return true
        }
    }
}
