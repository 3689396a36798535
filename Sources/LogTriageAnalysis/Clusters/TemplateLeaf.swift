/// The live templates of one leaf of ``TemplateMiner`` (one token count and first token),
/// oldest first, with their token hashes in one contiguous array (a row per template, every row
/// as long as the leaf's token count).
///
/// A leaf can hold thousands of templates (a service that writes a new sentence for every
/// failure), and every new message would be compared with all of them twice: once to find a
/// template that matches it, once to find those it generalises. That is quadratic in the
/// number of distinct messages. So the leaf also keeps, for the first few positions after the
/// first token, which templates hold which token there (the postings). A template that
/// matches a message holds, at any position, either the message's token or `<*>`; one within
/// `n` differences of a template agrees with it on at least one of any `n + 1` positions. The
/// shortest postings therefore name every candidate, and only candidates are compared. A
/// template's allowance grows with the `<*>` it holds (they may cover a difference), so
/// templates are grouped by that count: those whose allowance the indexed positions cannot
/// vouch for are always candidates. When the
/// postings would not narrow the search (a leaf of a few templates, positions every template
/// shares), the rows are scanned in order as before; either way the answer is the same.
struct TemplateLeaf {
    /// Token count of every template in the leaf.
    let width: Int
    /// Ascending, which is oldest first: ids are handed out in increasing order.
    private(set) var ids: [Int32] = []
    private var hashes: [UInt64] = []
    private var rowOf: [Int32: Int] = [:]
    /// (position, token hash) → ids holding that token there, ascending.
    private var postings: [Posting: [Int32]] = [:]
    /// Number of tokens holding a `<*>` → ids of the templates with that many, ascending.
    private var byHoles: [Int: [Int32]] = [:]
    private var holesOf: [Int32: Int] = [:]

    /// Positions 1 through this many are indexed; a template differing in more positions than
    /// that is found by a scan.
    static let indexedPositions = 8
    /// Below this many templates, a scan costs less than reading postings.
    static let defaultIndexFrom = 32
    let indexFrom: Int

    private struct Posting: Hashable {
        var position: Int
        var hash: UInt64
    }

    init(width: Int, indexFrom: Int = Self.defaultIndexFrom) {
        self.width = width
        self.indexFrom = indexFrom
    }

    private var indexed: Range<Int> { 1..<max(1, min(width, Self.indexedPositions + 1)) }

    mutating func append(_ id: Int32, tokens: [UInt64], holes: Int) {
        rowOf[id] = ids.count
        ids.append(id)
        hashes.append(contentsOf: tokens)
        for position in indexed { postings[Posting(position: position, hash: tokens[position]), default: []].append(id) }
        byHoles[holes, default: []].append(id)
        holesOf[id] = holes
    }

    mutating func remove(_ retired: Set<Int32>) {
        guard !ids.isEmpty else { return }
        var keptHashes: [UInt64] = []
        keptHashes.reserveCapacity(hashes.count)
        for (row, id) in ids.enumerated() {
            let tokens = hashes[(row * width)..<((row + 1) * width)]
            if retired.contains(id) {
                for position in indexed { unpost(id, Posting(position: position, hash: tokens[tokens.startIndex + position])) }
            } else {
                keptHashes.append(contentsOf: tokens)
            }
        }
        ids.removeAll { retired.contains($0) }
        for id in retired {
            guard let holes = holesOf.removeValue(forKey: id) else { continue }
            Self.remove(id, from: &byHoles, at: holes)
        }
        hashes = keptHashes
        rowOf.removeAll(keepingCapacity: true)
        for (row, id) in ids.enumerated() { rowOf[id] = row }
    }

    /// Gives `id` (a live template of the leaf) its new tokens.
    mutating func update(_ id: Int32, tokens: [UInt64], holes: Int) {
        guard let row = rowOf[id] else { return }
        for position in indexed where hashes[row * width + position] != tokens[position] {
            unpost(id, Posting(position: position, hash: hashes[row * width + position]))
            Self.insert(id, into: &postings[Posting(position: position, hash: tokens[position]), default: []])
        }
        hashes.replaceSubrange((row * width)..<((row + 1) * width), with: tokens)
        if let old = holesOf[id], old != holes {
            Self.remove(id, from: &byHoles, at: old)
            Self.insert(id, into: &byHoles[holes, default: []])
            holesOf[id] = holes
        }
    }

    /// The oldest template whose every position equals the message's or is `<*>`.
    func firstMatch(_ message: [UInt64]) -> Int32? {
        let wildcard = MaskedTokens.wildcardHash
        var best: (own: [Int32], holes: [Int32])?
        if ids.count >= indexFrom {
            for position in indexed {
                let own = postings[Posting(position: position, hash: message[position])] ?? []
                let holes = message[position] == wildcard ? [] : postings[Posting(position: position, hash: wildcard)] ?? []
                if own.count + holes.count < (best.map { $0.own.count + $0.holes.count } ?? ids.count / 2) { best = (own, holes) }
            }
        }
        guard let best else {
            for row in ids.indices where matches(row: row, message) { return ids[row] }
            return nil
        }
        for id in Self.merged([best.own, best.holes]) where matches(row: rowOf[id]!, message) { return id }
        return nil
    }

    /// The templates, oldest first, that differ from `template` in at most `allowed(id)`
    /// positions (a negative allowance leaves the template out), where `allowed` is at most
    /// `baseAllowance` plus the number of the template's tokens holding a `<*>`.
    func rows(allowing allowed: (Int32) -> Int, baseAllowance: Int, within template: [UInt64]) -> [Int32] {
        let candidates = candidates(within: template, baseAllowance: baseAllowance)
        var found: [Int32] = []
        hashes.withUnsafeBufferPointer { rows in
            template.withUnsafeBufferPointer { template in
                func consider(_ id: Int32, row: Int) {
                    let limit = allowed(id)
                    guard limit >= 0 else { return }
                    let start = row * width
                    var differences = 0
                    for index in 0..<width where rows[start + index] != template[index] {
                        differences += 1
                        if differences > limit { return }
                    }
                    found.append(id)
                }
                if let candidates {
                    for id in candidates { consider(id, row: rowOf[id]!) }
                } else {
                    for (row, id) in ids.enumerated() { consider(id, row: row) }
                }
            }
        }
        return found
    }

    /// Ids, ascending, that include every template within its allowance of `template`; nil
    /// when a scan of all rows costs less. A template with `h` holes is allowed up to
    /// `baseAllowance + h` differences, so it agrees with `template` on one of any
    /// `baseAllowance + h + 1` positions; groups needing more positions than are indexed are
    /// taken whole.
    private func candidates(within template: [UInt64], baseAllowance: Int) -> [Int32]? {
        guard ids.count >= indexFrom, baseAllowance >= 0 else { return nil }
        var needed = 0
        var whole: [[Int32]] = []
        for (holes, members) in byHoles where !members.isEmpty {
            let positions = baseAllowance + holes + 1
            if positions <= indexed.count { needed = max(needed, positions) } else { whole.append(members) }
        }
        let shortest = indexed.map { postings[Posting(position: $0, hash: template[$0])] ?? [] }
            .sorted { $0.count < $1.count }
            .prefix(needed)
        let total = (shortest + whole).reduce(0) { $0 + $1.count }
        guard total < ids.count / 2 else { return nil }
        return Self.merged(Array(shortest) + whole)
    }

    private func matches(row: Int, _ message: [UInt64]) -> Bool {
        let wildcard = MaskedTokens.wildcardHash
        let start = row * width
        for index in 0..<width where hashes[start + index] != message[index] && hashes[start + index] != wildcard {
            return false
        }
        return true
    }

    private mutating func unpost(_ id: Int32, _ posting: Posting) {
        guard var list = postings.removeValue(forKey: posting) else { return }
        if let index = Self.position(of: id, in: list) { list.remove(at: index) }
        if !list.isEmpty { postings[posting] = list }
    }

    /// Ascending, without repeats.
    private static func merged(_ lists: [[Int32]]) -> [Int32] {
        var all = lists.flatMap { $0 }
        all.sort()
        var unique: [Int32] = []
        unique.reserveCapacity(all.count)
        for id in all where unique.last != id { unique.append(id) }
        return unique
    }

    private static func remove(_ id: Int32, from groups: inout [Int: [Int32]], at key: Int) {
        guard var list = groups.removeValue(forKey: key) else { return }
        if let index = position(of: id, in: list) { list.remove(at: index) }
        if !list.isEmpty { groups[key] = list }
    }

    private static func insert(_ id: Int32, into list: inout [Int32]) {
        let index = lowerBound(of: id, in: list)
        if index == list.count || list[index] != id { list.insert(id, at: index) }
    }

    private static func position(of id: Int32, in list: [Int32]) -> Int? {
        let index = lowerBound(of: id, in: list)
        return index < list.count && list[index] == id ? index : nil
    }

    private static func lowerBound(of id: Int32, in list: [Int32]) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
