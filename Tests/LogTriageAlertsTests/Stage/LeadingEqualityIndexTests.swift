import Testing
import LogTriageAnalysis
@testable import LogTriageIngest
@testable import LogTriageAlerts

extension NRQL {
    /// The conditions a record may pass, from the equalities their WHEREs open with: a condition
    /// is set aside only for records its WHERE does not pass, whatever the record holds
    /// (strings, other cases, Unicode variants, numbers, booleans, nulls, absent attributes).
    @Suite struct LeadingEqualityIndexTests {
        /// The compiled-query grid's predicates, and more that open with an equality on a
        /// number, a boolean, a level, a non-ASCII text, an absent attribute or an empty text.
        static let predicates = CompiledQueryTests.predicates + [
            "code = '503' AND service = 'pump'", "ok = 'true' AND name != ''", "level = 'WARN' AND code > 0",
            "log.level = 'ERROR' AND service = 'pump'", "name = 'cafe\u{301}' AND code = 503", "absent = 'x' AND code > 0",
            "service = '' AND level = 'WARN'", "service = 'pump' AND (level = 'ERROR' OR code < 0)",
            "(service = 'pump' AND level = 'ERROR') AND billerId = 'B-1'", "billerId = '42' AND message LIKE '%service%'",
            "entity.name = 'export-consumer' AND severity = 'INFO'", "service = 'pump' OR level = 'ERROR'",
        ]

        @Test func aConditionSetAsideNeverPassesTheRecord() throws {
            let queries = try Self.predicates.map(CompiledQueryTests.compile)
            var attributes: [String] = []
            for query in queries { for name in query.attributes where !attributes.contains(name) { attributes.append(name) } }
            var setAside = 0, tested = 0, opening = 0
            RecordViewNRQLTests.read(CompiledQueryTests.lines, query: NRQLQuery(aggregate: .count, facets: attributes)) { record in
                let compiled = queries.map { NRQLCompiledPredicate($0.predicate!, binding: record.binding) }
                var index = LeadingEqualityIndex(predicates: compiled)
                opening = compiled.filter { $0.leadingEquality != nil }.count
                // Read twice, as records follow one another: the second reading answers alike.
                for _ in 0..<2 {
                    index.read(record)
                    for (position, predicate) in compiled.enumerated() {
                        tested += 1
                        if predicate.leadingEquality == nil {
                            #expect(index.mayPass(condition: position), "\(Self.predicates[position]) opens with no equality")
                        }
                        guard !index.mayPass(condition: position) else { continue }
                        setAside += 1
                        #expect(!predicate.evaluate(record), "\(Self.predicates[position]) set aside for a record it passes")
                    }
                }
            }
            // The index does set conditions aside, and not every condition opens with an equality.
            #expect(setAside > tested / 4)
            #expect(opening > 20 && opening < Self.predicates.count)
        }

        /// The test a condition opens with: the first of its conjuncts, only when it is an
        /// equality with a text (not `!=`, not a number, not under `OR` or `NOT`).
        @Test func theOpeningEqualityIsTheFirstConjunct() throws {
            let binding = NRQLAttributeBinding(schema: RecordViewNRQLTests.defaults.schema(extraAttributes: ["service", "code"]))
            func opening(_ text: String) throws -> String? {
                let query = try CompiledQueryTests.compile(text)
                return NRQLCompiledPredicate(query.predicate!, binding: binding).leadingEquality
                    .map { "\($0.attribute.name)=\($0.literal.text)" }
            }
            #expect(try opening("service = 'pump'") == "service=pump")
            #expect(try opening("service = 'pump' AND level = 'ERROR' AND code > 1") == "service=pump")
            #expect(try opening("(level = 'ERROR' AND service = 'pump') AND code > 1") == "level=ERROR")
            #expect(try opening("code > 1 AND service = 'pump'") == nil)
            #expect(try opening("service != 'pump' AND level = 'ERROR'") == nil)
            #expect(try opening("code = 503 AND service = 'pump'") == nil)
            #expect(try opening("service = 'pump' OR level = 'ERROR'") == nil)
            #expect(try opening("NOT service = 'pump'") == nil)
        }
    }
}
