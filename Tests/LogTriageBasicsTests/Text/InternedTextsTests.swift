import Testing
@testable import LogTriageBasics

/// Texts interned by their bytes, and what other tables call them: an id is a value's place in
/// the order of first sight whatever its bytes hash to, and a translation gives every name
/// the index the table would give it asked directly.
@Suite struct InternedTextsTests {
    /// Values of 0 to 40 bytes (the hash reads eight at a time, then a tail), many sharing
    /// prefixes and lengths, some not UTF-8, each seen several times in a scrambled order.
    static func values(count: Int) -> [[UInt8]] {
        (0..<count).map { number in
            let length = number % 41
            var bytes = (0..<length).map { UInt8(truncatingIfNeeded: (number &* 31 &+ $0 &* 7) % 251) }
            if number % 5 == 0 { bytes = Array("biller-\(number)".utf8) }
            if number % 7 == 0, !bytes.isEmpty { bytes[bytes.count - 1] = 0xFF }
            return bytes
        }
    }

    @Test func idsFollowFirstSightAndTextsAreTheDecodedBytes() {
        let distinct = Self.values(count: 3_000)
        var table = InternedTexts()
        var expected: [[UInt8]: Int32] = [:]
        var firstSight: [[UInt8]] = []
        for round in 0..<3 {
            for position in 0..<distinct.count {
                let value = distinct[(position &* 7_919 &+ round * 13) % distinct.count]
                let id = value.withUnsafeBufferPointer { table.intern($0) }
                if expected[value] == nil {
                    expected[value] = Int32(firstSight.count)
                    firstSight.append(value)
                }
                #expect(id == expected[value])
            }
        }
        #expect(table.count == firstSight.count)
        for (id, value) in firstSight.enumerated() {
            #expect(table.text(Int32(id)) == String(decoding: value, as: UTF8.self))
            #expect(table.existingID(value) == Int32(id))
            #expect(table.intern(value) == Int32(id), "the array form finds what the pointer form interned")
            let (known, text) = value.withUnsafeBufferPointer { table.internedText($0) }
            #expect(known == Int32(id) && text == table.text(known))
            let existing = value.withUnsafeBufferPointer { table.existingText($0) }
            #expect(existing?.id == Int32(id) && existing?.text == table.text(Int32(id)))
        }
        #expect(table.existingID(Array("never seen".utf8)) == nil)
        // Keys of every length that differ in one byte only: none is found for another.
        for length in 2...24 {
            for position in 0..<length {
                var key = Array(repeating: UInt8(ascii: "a"), count: length)
                key[position] = UInt8(ascii: "b")
                #expect(key.withUnsafeBufferPointer { table.existingText($0) } == nil, "\(length) \(position)")
            }
        }
    }

    @Test func aTranslationGivesTheIndicesOfTheTableAskedDirectly() {
        // Ids of one numbering (a run's), some sharing a text (two byte strings repaired alike),
        // asked in a scrambled order with the names of another source in between.
        let texts = (0..<400).map { "name-\($0 % 350)" }
        var direct = NameTable(), translated = NameTable()
        var translation = NameTranslation()
        for step in 0..<5_000 {
            let id = Int32((step &* 7_919) % texts.count)
            let other = "other-\(step % 97)"
            let expected = direct.index(texts[Int(id)])
            #expect(translation.index(of: id, name: texts[Int(id)], in: &translated) == expected)
            #expect(direct.index(other) == translated.index(other))
        }
        #expect(translation.index(of: -1, name: nil, in: &translated) == -1)
        #expect(direct.all == translated.all)
    }
}
