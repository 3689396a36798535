import Yams

/// YAML aliases let a few lines stand for a huge tree: ten anchors of ten aliases each are ten
/// billion values (the "billion laughs"). Yams composes such a file at once, since an alias
/// shares its anchor's node, but whatever walks the tree (a key described in an error, two keys
/// compared) walks every copy, for hours. A file whose tree, aliases expanded, holds more nodes
/// than a settings file ever needs is refused before anything walks it.
package enum YAMLExpansion {
    /// Far above any real file: the built-in rules compose to 2,047 nodes, and New Relic's 727
    /// quickstart conditions to 22,494 together (65 at most in one file).
    package static let maximumNodes = 1_000_000

    /// The most aliases a file may use. Yams itself compares a mapping's keys while it composes
    /// (looking for duplicates), so a key made of aliases is walked whole before any check of
    /// the composed tree can run: the aliases are counted in the text first. Sixteen aliases
    /// expand a tree at most some 350 times over (three levels of five, or four of four), and
    /// no settings file needs more.
    package static let maximumAliases = 16

    /// Why `text` is refused before it is composed, nil when it uses at most `limit` aliases.
    /// A `*` that starts a value, outside quotes and comments, is taken for an alias: a plain
    /// value that happens to hold ` *x` counts too, which errs on the side of refusing.
    package static func refusal(yaml text: String, limit: Int = maximumAliases) -> String? {
        var aliases = 0
        var refusal: String?
        scan(text) { mark in
            guard mark == .alias else { return true }
            aliases += 1
            if aliases > limit { refusal = "it uses more than \(limit) aliases (*name)" }
            return refusal == nil
        }
        return refusal
    }

    /// Why `text` is refused before it is composed, nil when no mapping key holds an alias.
    /// For files that may use many aliases (conditions sharing their thresholds), where only a
    /// key is walked whole while Yams composes: an alias followed by a key's `:` (on its line,
    /// with no `,` or bracket between), or any alias in a file that writes a key with `?` (a
    /// key that is a list or mapping, which conditions files refuse anyway), is refused.
    package static func keyRefusal(yaml text: String) -> String? {
        var aliasPending = false, anyAlias = false, explicitKey = false
        var refusal: String?
        scan(text) { mark in
            switch mark {
            case .alias: aliasPending = true; anyAlias = true
            case .explicitKey: explicitKey = true
            case .valueIndicator where aliasPending: refusal = "an alias (*name) is used in a mapping key"
            case .valueIndicator, .delimiter, .lineEnd: aliasPending = false
            }
            if refusal == nil, anyAlias && explicitKey {
                refusal = "a mapping key is written with '?' in a file that uses aliases (*name)"
            }
            return refusal == nil
        }
        return refusal
    }

    /// What ``scan(_:_:)`` reports, outside quotes and comments.
    private enum Mark {
        /// A `*` that starts a value.
        case alias
        /// A `?` that starts a key.
        case explicitKey
        /// A `:` followed by a space or the line's end: a key ends before it.
        case valueIndicator
        /// `,`, `[`, `]`, `{` or `}`: a flow collection's entry begins or ends.
        case delimiter
        case lineEnd
    }

    /// Walks `text` byte by byte, calling `body` at each mark until it returns false. Quoted
    /// text is skipped to its closing quote, even across lines (as YAML's flow scalars run).
    private static func scan(_ text: String, _ body: (Mark) -> Bool) {
        var quote: UInt8? = nil
        var inComment = false
        var previous: UInt8 = UInt8(ascii: "\n")
        let bytes = Array(text.utf8)
        for (position, byte) in bytes.enumerated() {
            defer { previous = byte }
            if byte == UInt8(ascii: "\n") {
                inComment = false
                if quote == nil, !body(.lineEnd) { return }
                continue
            }
            if inComment { continue }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            let startsValue = " \t\n[{,".utf8.contains(previous)
            let next = position + 1 < bytes.count ? bytes[position + 1] : UInt8(ascii: "\n")
            var mark: Mark?
            switch byte {
            case UInt8(ascii: "#") where startsValue: inComment = true
            case UInt8(ascii: "'") where startsValue, UInt8(ascii: "\"") where startsValue: quote = byte
            case UInt8(ascii: "*") where startsValue: mark = .alias
            case UInt8(ascii: "?") where startsValue && " \t\n".utf8.contains(next): mark = .explicitKey
            case UInt8(ascii: ":") where " \t\r\n".utf8.contains(next): mark = .valueIndicator
            case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): mark = .delimiter
            default: break
            }
            if let mark, !body(mark) { return }
        }
    }

    /// Why `node` is refused, nil when its expanded tree holds at most `limit` nodes.
    package static func refusal(_ node: Node, limit: Int = maximumNodes) -> String? {
        var sizes: [Place: Int] = [:]
        let count = expandedCount(node, limit: limit, sizes: &sizes)
        guard count > limit else { return nil }
        return "its aliases expand it to more than \(limit) values"
    }

    /// Where a collection starts in the text: an alias's copy of a node starts where the node
    /// does. With its kind, as a block mapping starts where its first key does (a key that is
    /// itself a mapping there can only be counted too large, never too small).
    private struct Place: Hashable {
        var line: Int
        var column: Int
        var isMapping: Bool
    }

    /// The nodes of `node`'s tree with aliases expanded, counted up to just past `limit`; each
    /// anchored collection is counted once and its size remembered, so this takes the time of
    /// the text, not of the expanded tree.
    private static func expandedCount(_ node: Node, limit: Int, sizes: inout [Place: Int]) -> Int {
        let place: Place?
        switch node {
        case .scalar, .alias: return 1
        case .mapping, .sequence: place = node.mark.map { Place(line: $0.line, column: $0.column, isMapping: node.mapping != nil) }
        }
        if let place, let known = sizes[place] { return known }
        var count = 1
        switch node {
        case .scalar, .alias:
            break
        case let .mapping(mapping):
            for (key, value) in mapping where count <= limit {
                count += expandedCount(key, limit: limit, sizes: &sizes)
                count += expandedCount(value, limit: limit, sizes: &sizes)
            }
        case let .sequence(sequence):
            for element in sequence where count <= limit {
                count += expandedCount(element, limit: limit, sizes: &sizes)
            }
        }
        count = min(count, limit + 1)
        if let place { sizes[place] = count }
        return count
    }
}
