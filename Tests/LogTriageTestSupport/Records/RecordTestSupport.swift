import Foundation
import Testing
import LogTriageIngest

/// A value copied out of a `RecordView`, which is only valid during its callback.
package struct CapturedValue: Equatable {
    package var bytes: [UInt8]
    package var kind: JSONValueKind
    package var aliasIndex: Int?
    package var fromMessageJSON: Bool

    package init(_ value: RecordView.Value) {
        bytes = Array(value.bytes)
        kind = value.kind
        aliasIndex = value.aliasIndex
        fromMessageJSON = value.fromMessageJSON
    }

    package var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Everything a test reads from one record, copied out of the reused view.
package struct CapturedRecord: Equatable {
    package var attributes: [String: CapturedValue] = [:]
    package var fields: [CanonicalField: CapturedValue] = [:]
    package var timestampMilliseconds: Int64?
    package var level: String?
    package var embeddedMessageText: String?
    package var isRepaired = false

    package init(_ view: RecordView) {
        for (slot, path) in view.schema.keptPaths.enumerated() {
            if let value = view.attribute(slot: slot) { attributes[path] = CapturedValue(value) }
        }
        for field in CanonicalField.allCases {
            if let value = view.value(field) { fields[field] = CapturedValue(value) }
        }
        timestampMilliseconds = view.timestampMilliseconds
        level = view.level
        embeddedMessageText = view.embeddedMessageText
        isRepaired = view.isRepaired
    }

    package func string(_ field: CanonicalField) -> String? { fields[field]?.text }
    package func attribute(_ path: String) -> String? { attributes[path]?.text }
}

/// Parses `bytes` with a fresh parser and returns the outcome and the captured records.
package func parseRecords(_ bytes: [UInt8], schema: RecordSchema) -> (RecordParser.Outcome, [CapturedRecord]) {
    parseRecords(bytes, parser: RecordParser(schema: schema))
}

/// Parses `bytes` with `parser` (so tests can reuse one across records).
package func parseRecords(_ bytes: [UInt8], parser: RecordParser) -> (RecordParser.Outcome, [CapturedRecord]) {
    var records: [CapturedRecord] = []
    // Copy into an exactly sized allocation so a read past the end is caught by sanitizers
    // rather than landing in an array's spare capacity.
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
    defer { buffer.deallocate() }
    buffer.initialize(from: bytes, count: bytes.count)
    let outcome = parser.parse(UnsafePointer(buffer), count: bytes.count) { records.append(CapturedRecord($0)) }
    return (outcome, records)
}

package func parseRecords(_ text: String, schema: RecordSchema) -> (RecordParser.Outcome, [CapturedRecord]) {
    parseRecords(Array(text.utf8), schema: schema)
}

/// Parses one record that must be valid; nil (with the outcome) otherwise.
package func parseOne(_ text: String, schema: RecordSchema) -> CapturedRecord? {
    let (outcome, records) = parseRecords(text, schema: schema)
    guard outcome == .records(1), records.count == 1 else { return nil }
    return records[0]
}

package func parseOne(_ bytes: [UInt8], schema: RecordSchema) -> CapturedRecord? {
    let (outcome, records) = parseRecords(bytes, schema: schema)
    guard outcome == .records(1), records.count == 1 else { return nil }
    return records[0]
}

extension RecordParser.Outcome {
    /// The failure kind of an invalid outcome.
    package var failureKind: JSONSyntaxFailure.Kind? {
        if case let .invalid(failure) = self { return failure.kind }
        return nil
    }
}

/// A schema that keeps only `paths` (no canonical fields), for reading attributes by path.
package func attributeSchema(_ paths: [String]) -> RecordSchema {
    RecordSchema(aliases: [:], extraAttributes: paths)
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator, so property tests are
/// reproducible from their seed on every platform.
package struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An integer in `range`.
    package mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `percent`/100.
    package mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    package mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }
}

/// The tests of `Sources/LogTriage/Records/`, under one name so that
/// `swift test --filter Records` runs all of them.
@Suite package enum Records {}
