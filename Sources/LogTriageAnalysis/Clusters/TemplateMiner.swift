/// Groups log messages by the template that printed them, online, one message at a time.
///
/// Each message is masked by ``VariableMasker`` (ids, numbers, dates, URLs, quoted values … become
/// `<*>`), then matched against the templates that have the same token count and first token,
/// as in Drain's prefix tree. A template matches when every position is equal or `<*>`.
///
/// What remains unmasked are words that vary without digits (user names, host names, quoted
/// names, states, HTTP methods). Instead of a similarity threshold, which cannot tell
/// `cupsd startup succeeded` from `cupsd shutdown succeeded`, the miner counts distinct values
/// position by position, as Brain does: when templates that differ at one position (positions
/// where one side already has `<*>` aside) show
/// ``TemplateMinerConfiguration/distinctValuesForVariable`` different words there, that
/// position becomes `<*>` and the templates merge. Two positions that vary together do not merge
/// on their own: `illegal instruction` / `imprecise exception` are phrases, not two parameters.
/// Templates whose differences are all covered by a
/// `<*>` on one side or the other merge at once. The first token never generalises; it names
/// the event in most logs.
///
/// Merging revises earlier answers, so ids returned by ``add(_:)`` are provisional; resolve them
/// with ``finalID(of:)`` (a union-find lookup) after the last message. A caller that writes ids
/// while streaming keeps them and remaps at the end.
///
/// Memory is bounded by the number of live templates and their length: a template keeps at most
/// ``TemplateMinerConfiguration/maxTokens`` tokens, the rest of a longer message being one
/// `<*>`. Beyond
/// ``TemplateMinerConfiguration/maxTemplates`` new templates are not created, their messages go to
/// ``TemplateID/overflow`` and ``overflowCount`` counts them so the caller can warn.
///
/// Not thread-safe: one miner per ingest thread. Merge results from several miners by their
/// template text.
public final class TemplateMiner {
    public let configuration: TemplateMinerConfiguration

    private let masker = VariableMasker()
    private var scratch = MaskedTokens()

    /// Per template id (provisional ones included): union-find parent, token hashes, token texts.
    private var parent: [Int32] = []
    private var tokens: [[UInt64]] = []
    private var texts: [[String]] = []
    /// Per template, whether each token holds a `<*>` (only such a token can cover another):
    /// comparing two templates of plain words then needs no string work.
    private var holes: [[Bool]] = []
    /// Per template, how many of its tokens hold a `<*>`.
    private var holeCounts: [Int] = []
    private var counts: [Int] = []
    private var leafOf: [LeafKey] = []

    /// Live (root) templates grouped by token count and first token.
    private var leaves: [LeafKey: TemplateLeaf] = [:]
    /// Exact masked sequence → template id, so repeats skip matching.
    private var exactMatches: [UInt64: Int32] = [:]

    /// When set, every message that changed the miner (one not seen in this masked form
    /// before) is written down with the id it got: replayed in read order into one miner,
    /// the messages of several partial runs build the templates one run would have built.
    var journal: TemplateJournal?

    public private(set) var templateCount = 0
    public private(set) var overflowCount = 0
    /// Messages added, overflow included.
    public private(set) var messageCount = 0

    /// Leaves with fewer templates than this are scanned rather than searched through their
    /// postings (``TemplateLeaf``); tests set it out of reach to compare against plain scans.
    let indexLeavesFrom: Int

    public convenience init(configuration: TemplateMinerConfiguration = .default) {
        self.init(configuration: configuration, indexLeavesFrom: TemplateLeaf.defaultIndexFrom)
    }

    init(configuration: TemplateMinerConfiguration, indexLeavesFrom: Int) {
        self.configuration = configuration
        self.indexLeavesFrom = indexLeavesFrom
    }

    /// Adds one message and returns its (provisional) template id.
    @discardableResult
    public func add(_ message: String) -> TemplateID {
        var message = message
        return message.withUTF8 { add(utf8: $0) }
    }

    /// Adds one UTF-8 message without creating a `String`; the fast path for the ingest loop.
    @discardableResult
    public func add(utf8 message: UnsafeBufferPointer<UInt8>) -> TemplateID {
        messageCount += 1
        masker.mask(message, into: &scratch, maxTokens: configuration.maxTokens)
        scratch.limit(to: configuration.maxTokens)
        let sequence = scratch.sequenceHash
        if let known = exactMatches[sequence] {
            let root = find(known)
            counts[Int(root)] += 1
            return TemplateID(rawValue: root)
        }
        let id = addNew(key: LeafKey(count: scratch.count, first: scratch.hashes.first ?? 0), sequence: sequence)
        journal?.note(message, id: id)
        return id
    }

    /// A message whose masked form is new: it joins a matching template or starts one.
    private func addNew(key: LeafKey, sequence: UInt64) -> TemplateID {
        if let candidate = leaves[key]?.firstMatch(scratch.hashes) {
            remember(sequence, as: candidate)
            counts[Int(candidate)] += 1
            return TemplateID(rawValue: candidate)
        }
        guard templateCount < configuration.maxTemplates else {
            overflowCount += 1
            return .overflow
        }
        let created = create(key)
        remember(sequence, as: created)
        return TemplateID(rawValue: generalize(created))
    }

    /// The id that `id` ended up in after later merges; identity when nothing merged.
    public func finalID(of id: TemplateID) -> TemplateID {
        guard !id.isOverflow, Int(id.rawValue) < parent.count else { return id }
        return TemplateID(rawValue: find(id.rawValue))
    }

    /// The template text with `<*>` for variables; provisional ids print their final template.
    public func template(of id: TemplateID) -> String {
        guard !id.isOverflow, Int(id.rawValue) < parent.count else { return "<other templates>" }
        return texts[Int(find(id.rawValue))].joined(separator: " ")
    }

    /// The template's tokens (`template(of:)` before the join); none for the overflow.
    func tokens(of id: TemplateID) -> [String] {
        guard !id.isOverflow, Int(id.rawValue) < parent.count else { return [] }
        return texts[Int(find(id.rawValue))]
    }

    /// Messages grouped under the final template of `id` so far.
    public func messageCount(of id: TemplateID) -> Int {
        if id.isOverflow { return overflowCount }
        guard Int(id.rawValue) < parent.count else { return 0 }
        return counts[Int(find(id.rawValue))]
    }

    /// The live templates, most frequent first, for reports and the `patterns` command.
    public var templates: [(id: TemplateID, template: String, count: Int)] {
        var result: [(id: TemplateID, template: String, count: Int)] = []
        result.reserveCapacity(templateCount)
        for index in parent.indices where parent[index] == Int32(index) {
            result.append((TemplateID(rawValue: Int32(index)), texts[index].joined(separator: " "), counts[index]))
        }
        return result.sorted { $0.count != $1.count ? $0.count > $1.count : $0.id < $1.id }
    }

    // MARK: - Matching

    private func remember(_ sequence: UInt64, as id: Int32) {
        if exactMatches.count >= configuration.exactMatchCacheCapacity { exactMatches.removeAll(keepingCapacity: true) }
        exactMatches[sequence] = id
    }

    private func create(_ key: LeafKey) -> Int32 {
        let id = Int32(parent.count)
        parent.append(id)
        tokens.append(scratch.hashes)
        texts.append((0..<scratch.count).map { scratch.text(at: $0) })
        holes.append(texts[texts.count - 1].map(Self.hasHole))
        holeCounts.append(holes[holes.count - 1].filter { $0 }.count)
        counts.append(1)
        leafOf.append(key)
        leaves[key, default: TemplateLeaf(width: key.count, indexFrom: indexLeavesFrom)].append(id, tokens: scratch.hashes, holes: holeCounts[Int(id)])
        templateCount += 1
        return id
    }

    // MARK: - Generalising

    /// Merges `id` with the templates it proves to be the same event; returns the surviving id.
    private func generalize(_ id: Int32) -> Int32 {
        var current = id
        let key = leafOf[Int(id)]
        let wildcard = MaskedTokens.wildcardHash
        let threshold = max(2, configuration.distinctValuesForVariable)
        // The leaf is read through `leaves` each time rather than held in a local: a copy alive
        // while `union` edits the leaf would make that edit copy the whole leaf.
        while let size = leaves[key]?.ids.count, size > 1 {
            let template = tokens[Int(current)]
            let text = texts[Int(current)]
            let textHoles = holes[Int(current)]
            var subsumed: [Int32] = []
            var general = template
            // Position → templates that differ from `template` only there (covered positions aside).
            var siblings: [Int: [Int32]] = [:]
            // Only positions a `<*>` covers can differ without a conflict: a template that
            // differs in more positions than those and one more has two conflicts and neither
            // merges nor counts as a sibling. The leaf's rows are scanned for that first, so a
            // leaf of unrelated messages costs a few comparisons per template and no text.
            let currentHoles = holeCounts[Int(current)]
            let near = leaves[key]?.rows(allowing: { other in
                other != current ? currentHoles + holeCounts[Int(other)] + 1 : -1
            }, baseAllowance: currentHoles + 1, within: template) ?? []
            for other in near {
                let candidate = tokens[Int(other)]
                let otherText = texts[Int(other)]
                let otherHoles = holes[Int(other)]
                // Differing positions where neither token covers the other.
                var conflicts = 0
                var position = -1
                var anyDifference = false
                var generalizes = true
                for index in 0..<template.count where template[index] != candidate[index] {
                    anyDifference = true
                    if textHoles[index], covers(text[index], otherText[index]) { continue }
                    generalizes = false
                    if otherHoles[index], covers(otherText[index], text[index]) { continue }
                    conflicts += 1
                    position = index
                    if conflicts > 1 { break }
                }
                guard anyDifference else { continue }
                if generalizes || conflicts == 0 {
                    subsumed.append(other)
                    for index in 0..<template.count where template[index] != candidate[index] { general[index] = wildcard }
                } else if conflicts == 1 {
                    siblings[position, default: []].append(other)
                }
            }
            if !subsumed.isEmpty {
                current = union(current, subsumed, template: general, in: key)
                continue
            }
            var merged = false
            for position in siblings.keys.sorted() {
                let group = siblings[position]!
                var values: [UInt64: String] = [template[position]: text[position]]
                for other in group { values[tokens[Int(other)][position]] = texts[Int(other)][position] }
                if values.count >= threshold || anyCovers(Array(values.values)) {
                    general[position] = wildcard
                    for other in group {
                        for index in 0..<template.count where template[index] != tokens[Int(other)][index] {
                            general[index] = wildcard
                        }
                    }
                    current = union(current, group, template: general, in: key)
                    merged = true
                    break
                }
            }
            if !merged { break }
        }
        return current
    }

    /// Whether template token `pattern` accepts `word`: `<*>` accepts anything, `<*>:` accepts
    /// `./a.out:`, `uid=<*>` accepts `uid=root`.
    /// A partial pattern never covers another masked token: `instruction...<*>` does not accept
    /// `instruction......<*>`, whose own `<*>` says where its variable is.
    /// Bytes only: it runs for every differing position of every template pair in a leaf.
    private func covers(_ pattern: String, _ word: String) -> Bool {
        var pattern = pattern
        var word = word
        return pattern.withUTF8 { pattern in word.withUTF8 { word in Self.covers(pattern, word) } }
    }

    private static func covers(_ pattern: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let hole = holeStart(pattern) else { return false }
        if pattern.count == 3 { return true }
        guard holeStart(word) == nil else { return false }
        let suffixLength = pattern.count - hole - 3
        guard word.count > hole + suffixLength else { return false }
        for index in 0..<hole where pattern[index] != word[index] { return false }
        for offset in 0..<suffixLength where pattern[pattern.count - 1 - offset] != word[word.count - 1 - offset] {
            return false
        }
        return true
    }

    /// Offset of the first `<*>` in `bytes`.
    private static func holeStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 3 else { return nil }
        for index in 0...(bytes.count - 3) where bytes[index] == 0x3C && bytes[index + 1] == 0x2A && bytes[index + 2] == 0x3E {
            return index
        }
        return nil
    }

    private static func hasHole(_ token: String) -> Bool {
        var token = token
        return token.withUTF8 { holeStart($0) != nil }
    }

    private func anyCovers(_ words: [String]) -> Bool {
        for pattern in words where pattern.utf8.count >= 3 {
            for word in words where word != pattern && covers(pattern, word) { return true }
        }
        return false
    }

    /// Makes the oldest id of the group the root, gives it `template`, and retires the others.
    private func union(_ id: Int32, _ others: [Int32], template: [UInt64], in key: LeafKey) -> Int32 {
        let root = others.reduce(id, min)
        let wildcard = MaskedTokens.wildcardHash
        var text = texts[Int(id)]
        for index in template.indices where template[index] == wildcard { text[index] = "<*>" }
        var total = counts[Int(id)]
        for member in others { total += counts[Int(member)] }
        for member in [id] + others where member != root {
            parent[Int(member)] = root
            tokens[Int(member)] = []
            texts[Int(member)] = []
            holes[Int(member)] = []
            holeCounts[Int(member)] = 0
            counts[Int(member)] = 0
        }
        tokens[Int(root)] = template
        texts[Int(root)] = text
        holes[Int(root)] = text.map(Self.hasHole)
        holeCounts[Int(root)] = holes[Int(root)].filter { $0 }.count
        counts[Int(root)] = total
        let retired = Set([id] + others).subtracting([root])
        leaves[key]?.remove(retired)
        leaves[key]?.update(root, tokens: template, holes: holeCounts[Int(root)])
        templateCount -= retired.count
        return root
    }

    private func find(_ id: Int32) -> Int32 {
        var node = id
        while parent[Int(node)] != node { node = parent[Int(node)] }
        var cursor = id
        while parent[Int(cursor)] != node {
            let next = parent[Int(cursor)]
            parent[Int(cursor)] = node
            cursor = next
        }
        return node
    }
}

/// Drain's first tree levels: token count and first token.
private struct LeafKey: Hashable {
    var count: Int
    var first: UInt64
}
