/// The conditions a record may pass, told from one reading of each attribute that conditions
/// open their `WHERE` with an equality on (`WHERE entity.name = 'pump-worker' AND …`).
///
/// A condition whose `WHERE` is a chain of `AND`s opening with `attribute = 'text'` passes
/// only records for which that test is true, so a record whose attribute reads another text,
/// or nothing, need not have the rest tested. Most conditions open so, on a few attributes:
/// the service, the level. Read once per record and compared with every condition's text,
/// the attribute replaces one lookup and test per condition (a team's five conditions tested
/// every record five times). A reading that is not a string (a number, a boolean) is compared
/// by NRQL's rules for mixed kinds, which the full test does: its conditions stay candidates.
///
/// What is read per record is kept in plain values (places, lengths, bytes): a text or an
/// array taken out of a nested array is retained and released around each use, which cost
/// more than the tests it spares.
struct LeadingEqualityIndex {
    /// One attribute conditions open with an equality on: where it is read from, and its
    /// literals (`literalRange` into the literal arrays).
    private struct Group {
        var source: NRQLAttributeBinding.Source?
        var literalRange: Range<Int>
    }

    private var groups: [Group] = []
    /// Every literal, grouped by attribute, as text (for the rare comparisons outside ASCII,
    /// and for levels) and as bytes (`literalBytes[byteRanges[i]]`).
    private var literals: [NRQLStringLiteral] = []
    private var byteRanges: [Range<Int>] = []
    private var literalBytes: [UInt8] = []
    private var literalIsASCII: [Bool] = []
    /// Per literal, its conditions (`conditions[conditionRanges[i]]`).
    private var conditionRanges: [Range<Int>] = []
    private var conditions: [Int] = []
    /// Per condition, whether it opens with an equality (a candidate only when it holds).
    private let indexed: [Bool]
    /// Per condition, the record (``stamp``) for which its opening equality held.
    private var held: [UInt32]
    private var stamp: UInt32 = 0

    /// `predicates`: per condition, its compiled `WHERE` (nil for none, or for a refused condition).
    init(predicates: [NRQLCompiledPredicate?]) {
        var indexed = Array(repeating: false, count: predicates.count)
        // Attribute name → (source, literal → conditions), in order of first appearance.
        var names: [String] = []
        var sources: [String: NRQLAttributeBinding.Source?] = [:]
        var byLiteral: [String: [(literal: NRQLStringLiteral, conditions: [Int])]] = [:]
        for (condition, predicate) in predicates.enumerated() {
            guard let (attribute, literal) = predicate?.leadingEquality else { continue }
            indexed[condition] = true
            if sources[attribute.name] == nil {
                names.append(attribute.name)
                sources[attribute.name] = .some(attribute.source)
            }
            if let position = byLiteral[attribute.name]?.firstIndex(where: { $0.literal == literal }) {
                byLiteral[attribute.name]![position].conditions.append(condition)
            } else {
                byLiteral[attribute.name, default: []].append((literal, [condition]))
            }
        }
        for name in names {
            let first = literals.count
            for (literal, conditionsOfLiteral) in byLiteral[name] ?? [] {
                literals.append(literal)
                byteRanges.append(literalBytes.count..<literalBytes.count + literal.bytes.count)
                literalBytes += literal.bytes
                literalIsASCII.append(literal.isASCII)
                conditionRanges.append(conditions.count..<conditions.count + conditionsOfLiteral.count)
                conditions += conditionsOfLiteral
            }
            groups.append(Group(source: sources[name] ?? nil, literalRange: first..<literals.count))
        }
        self.indexed = indexed
        held = Array(repeating: 0, count: predicates.count)
    }

    /// Reads `record`'s indexed attributes, for ``mayPass(condition:)`` to answer for it.
    mutating func read(_ record: RecordViewNRQL) {
        stamp &+= 1
        if stamp == 0 {
            for index in held.indices { held[index] = 0 }
            stamp = 1
        }
        for group in groups.indices {
            let range = groups[group].literalRange
            switch record.reading(groups[group].source) {
            case .absent:
                continue
            case let .level(level):
                for literal in range where literals[literal].text == level { hold(literal) }
            case let .value(raw):
                guard raw.kind == .string || raw.kind == .object || raw.kind == .array else {
                    // Compared by kind and value: every condition of the group is tested in full.
                    for literal in range { hold(literal) }
                    continue
                }
                let rawIsASCII = raw.bytes.allSatisfy { $0 < 0x80 }
                for literal in range where matches(raw.bytes, literal: literal, rawIsASCII: rawIsASCII) { hold(literal) }
            }
        }
    }

    /// Whether `bytes` are literal `index`'s text, as ``NRQLStringLiteral/equals(_:)`` tells.
    private func matches(_ bytes: UnsafeBufferPointer<UInt8>, literal index: Int, rawIsASCII: Bool) -> Bool {
        let range = byteRanges[index]
        if bytes.count == range.count {
            var same = true
            for (offset, byte) in bytes.enumerated() where literalBytes[range.lowerBound + offset] != byte {
                same = false
                break
            }
            if same { return true }
        }
        if rawIsASCII && literalIsASCII[index] { return false }
        return literals[index].equals(bytes)
    }

    private mutating func hold(_ literal: Int) {
        for condition in conditionRanges[literal] { held[conditions[condition]] = stamp }
    }

    /// Whether the record last read may pass `condition`'s `WHERE`: false only when the
    /// equality it opens with does not hold.
    func mayPass(condition: Int) -> Bool {
        !indexed[condition] || held[condition] == stamp
    }
}
