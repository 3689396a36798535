import Testing
import LogTriageBasics
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageAlerts

extension NRQL {
    /// A query compiled against a schema answers as the query read by attribute names does:
    /// string tests from the record's bytes, facet values interned by their bytes.
    @Suite struct CompiledQueryTests {
        /// Records with strings, case and Unicode variants, numbers, numeric strings,
        /// booleans, nulls, nested objects and the level and service under several aliases.
        static let lines = [
            #"{"service":"pump","level":"error","name":"café","code":503,"ok":true,"gone":null,"nested":{"v":"x"},"message":"sent to dead-letter queue"}"#,
            #"{"entity.name":"Pump","log.level":"ERROR","name":"cafe\u0301","code":"503","http.statusCode":"503","message":"dead-letter"}"#,
            #"{"service":"","level":"warning","name":"","nested":{"v":{"deep":1}},"code":5.0e2,"ok":"TRUE"}"#,
            #"{"appName":"export-consumer","severity":"INFO","name":"\u212Aelvin","code":false,"message":"%literal_"}"#,
            #"{"service":"pump","level":"ERROR","log.level":"warn","billerId":"B-1","code":-1,"ok":false,"name":"Kelvin"}"#,
            #"{"message":"no service at all","billerId":42,"name":null}"#,
        ]

        static let predicates = [
            "service = 'pump'", "service != 'pump'", "entity.name = 'Pump'", "level = 'ERROR'", "log.level = 'ERROR'",
            "level != 'ERROR'", "severity = 'WARN'", "name = 'caf\u{E9}'", "name = 'Kelvin'", "name != ''",
            "code = '503'", "code = 503", "code != '500'", "code > 100", "code <= '500'", "ok = 'true'", "ok = true",
            "ok != 'false'", "nested.v = 'x'", "nested.v = '{\"deep\":1}'", "absent = 'x'", "absent != 'x'",
            "service IN ('pump', 'export-consumer')", "service NOT IN ('pump')", "code IN ('503', 'x')",
            "code IN (503, 'x')", "code NOT IN (500, 503)", "level IN ('ERROR', 'WARN')", "name IN ('caf\u{E9}')",
            "message LIKE '%dead-letter%'", "message NOT LIKE '%dead-letter%'", "message LIKE 'dead-letter'",
            "message LIKE '\\%literal%'", "code LIKE '50%'", "ok LIKE 't%'", "level LIKE 'ERR%'", "name LIKE '%vin'",
            "absent LIKE '%'", "absent NOT LIKE '%'", "name IS NULL", "name IS NOT NULL", "gone IS NULL",
            "service = 'pump' AND level = 'ERROR'", "service = 'pump' OR absent = 'x'", "NOT absent = 'x'",
            "NOT (service = 'pump' AND code > 0)", "numeric(code) >= 500", "name RLIKE 'caf.*'",
            "service = 'pump' AND NOT (level IN ('WARN') OR message LIKE '%queue')",
        ]

        static func compile(_ text: String) throws -> NRQLQuery {
            try NRQLQuery.parse("SELECT count(*) FROM Log WHERE \(text)", condition: "compiled")
        }

        @Test func compiledPredicatesAnswerAsTheQueryReadByNames() throws {
            var passed = 0, failed = 0
            for text in Self.predicates {
                let query = try Self.compile(text)
                let predicate = try #require(query.predicate)
                for asWritten in [false, true] {
                    RecordViewNRQLTests.read(Self.lines, query: query) { record in
                        let reading = RecordViewNRQL(record.view, binding: record.binding, asWritten: asWritten)
                        let compiled = NRQLCompiledPredicate(predicate, binding: record.binding)
                        let expected = predicate.evaluate(reading)
                        #expect(compiled.evaluate(reading) == expected, "\(text) (asWritten: \(asWritten))")
                        if expected { passed += 1 } else { failed += 1 }
                    }
                }
            }
            // The grid tells both answers apart: neither side is empty.
            #expect(passed > 40 && failed > 40)
        }

        /// Which of `lines` pass `text`, through the compiled predicate.
        static func passing(_ text: String, asWritten: Bool = false) throws -> [Int] {
            let query = try compile(text)
            var result: [Int] = []
            var position = 0
            RecordViewNRQLTests.read(lines, query: query) { record in
                let reading = RecordViewNRQL(record.view, binding: record.binding, asWritten: asWritten)
                if NRQLCompiledQuery(query, binding: record.binding).passesWhere(reading) { result.append(position) }
                position += 1
            }
            return result
        }

        @Test func stringsCompareByCaseAndCanonicalEquivalence() throws {
            #expect(try Self.passing("service = 'pump'") == [0, 4])
            #expect(try Self.passing("service = 'Pump'") == [])
            // `entity.name` reads the canonical service, whichever alias carries it.
            #expect(try Self.passing("entity.name = 'Pump'") == [1])
            #expect(try Self.passing("entity.name = 'export-consumer'") == [3])
            #expect(try Self.passing("entity.name = 'export-consumer'", asWritten: true) == [])
            // é precomposed and e + U+0301 are one string to Swift, and K and the Kelvin sign too.
            #expect(try Self.passing("name = 'caf\u{E9}'") == [0, 1])
            #expect(try Self.passing("name = 'Kelvin'") == [3, 4])
            // A record without the attribute passes neither = nor !=.
            #expect(try Self.passing("service != 'pump'") == [2])
        }

        @Test func levelsCompareNormalisedUnlessReadAsWritten() throws {
            #expect(try Self.passing("level = 'ERROR'") == [0, 1, 4])
            #expect(try Self.passing("level = 'ERROR'", asWritten: true) == [4])
            #expect(try Self.passing("log.level = 'ERROR'", asWritten: true) == [1])
        }

        @Test func inListsTestEachLiteralAndMixedKinds() throws {
            #expect(try Self.passing("service IN ('pump', 'export-consumer')") == [0, 4])
            #expect(try Self.passing("entity.name IN ('Pump', 'export-consumer')") == [1, 3])
            #expect(try Self.passing("entity.name IN ('Pump', 'export-consumer')", asWritten: true) == [1])
            #expect(try Self.passing("service NOT IN ('pump')") == [2])
            // A number matches its decimal text and the number; a boolean matches neither.
            #expect(try Self.passing("code IN ('503', 'x')") == [0, 1])
            #expect(try Self.passing("code IN (500, 'nothing')") == [2])
        }

        @Test func likePatternsMatchBytesAndPrintedValues() throws {
            #expect(try Self.passing("message LIKE '%dead-letter%'") == [0, 1])
            #expect(try Self.passing("message LIKE 'dead-letter'") == [1])
            #expect(try Self.passing("message NOT LIKE '%dead-letter%'") == [3, 5])
            // `_` is no wildcard; a number reads as NRQL prints it (5.0e2 as 500).
            #expect(try Self.passing("message LIKE '\\%literal_'") == [])
            #expect(try Self.passing("message LIKE '%literal_'") == [3])
            #expect(try Self.passing("code LIKE '50%'") == [0, 1, 2])
        }

        @Test func missingAttributesAreUnknownNotFalse() throws {
            #expect(try Self.passing("absent = 'x'") == [])
            #expect(try Self.passing("NOT absent = 'x'") == [])
            #expect(try Self.passing("absent IS NULL") == [0, 1, 2, 3, 4, 5])
            #expect(try Self.passing("name IS NULL") == [5])
            #expect(try Self.passing("service = 'pump' OR absent = 'x'") == [0, 4])
        }

        @Test func innerPredicateIsThatOfFilterAndPercentage() throws {
            let query = try NRQLQuery.parse(
                "SELECT percentage(count(*), WHERE level = 'ERROR') FROM Log WHERE service = 'pump'", condition: "ratio")
            var inner: [Bool] = []
            RecordViewNRQLTests.read(Self.lines, query: query) { record in
                let compiled = NRQLCompiledQuery(query, binding: record.binding)
                if compiled.passesWhere(record) { inner.append(compiled.passesInner(record)) }
            }
            #expect(inner == [true, true])
            let plain = try NRQLQuery.parse("SELECT count(*) FROM Log WHERE level = 'ERROR'", condition: "count")
            #expect(NRQLCompiledQuery.innerPredicate(of: plain) == nil)
        }

        /// A window told the inner WHERE's answer holds what one that tests it itself holds.
        @Test func innerAnswerGivenOnceFillsTheSameAccumulator() throws {
            for select in ["percentage(count(*), WHERE level = 'ERROR')", "filter(count(*), WHERE message LIKE '%dead-letter%')"] {
                let query = try NRQLQuery.parse("SELECT \(select) FROM Log WHERE name IS NOT NULL", condition: "inner")
                var tested = NRQLSelectAccumulator(query.select), told = NRQLSelectAccumulator(query.select)
                RecordViewNRQLTests.read(Self.lines, query: query) { record in
                    let compiled = NRQLCompiledQuery(query, binding: record.binding)
                    guard compiled.passesWhere(record) else { return }
                    tested.add(record)
                    told.add(passingInner: compiled.passesInner(record))
                }
                #expect(told.recordCount == tested.recordCount && told.recordCount == 5, "\(select)")
                #expect(told.value == tested.value, "\(select)")
            }
        }

        /// Facet values as the query read by names gives them: each item's text, joined.
        static func facetTexts(_ facets: String) throws -> (compiled: [String?], byName: [String?]) {
            let query = try NRQLQuery.parse("SELECT count(*) FROM Log FACET \(facets)", condition: "faceted")
            var compiled: [String?] = [], byName: [String?] = []
            var key: [UInt8] = []
            RecordViewNRQLTests.read(Self.lines, query: query) { record in
                let found = NRQLCompiledQuery(query, binding: record.binding).facetKey(record, into: &key)
                compiled.append(found ? String(decoding: key, as: UTF8.self) : nil)
                let parts = query.facetExpressions.map { $0.value(record)?.text }
                byName.append(parts.contains(nil) ? nil : parts.map { $0! }.joined(separator: ", "))
            }
            return (compiled, byName)
        }

        @Test func facetKeysAreTheValuesTexts() throws {
            for facets in ["service", "code", "ok", "level", "nested.v", "billerId", "service, code", "entity.name, severity",
                           "lower(service)", "name, level, code"] {
                let texts = try Self.facetTexts(facets)
                #expect(texts.compiled == texts.byName, "FACET \(facets)")
            }
            // Numbers as NRQL prints them, the level normalised, a missing item: no signal.
            #expect(try Self.facetTexts("code").compiled == ["503", "503", "500", "false", "-1", nil])
            #expect(try Self.facetTexts("entity.name, level").compiled == [nil, "Pump, ERROR", nil,
                                                                             "export-consumer, INFO", nil, nil])
            #expect(try Self.facetTexts("service, level").compiled == ["pump, ERROR", nil, ", WARN", nil, "pump, ERROR", nil])
        }

        @Test func facetTableInternsByBytesInOrderOfFirstSight() {
            var table = InternedTexts()
            let values = (0..<300).map { "biller-\($0 % 150)" }
            var ids: [Int32] = []
            for value in values { ids.append(table.intern(Array(value.utf8))) }
            #expect(table.count == 150)
            #expect(ids == (0..<300).map { Int32($0 % 150) })
            #expect(table.text(149) == "biller-149")
            #expect(table.existingID(Array("biller-7".utf8)) == 7)
            #expect(table.existingID(Array("biller-150".utf8)) == nil)
            #expect(table.intern([]) == 150)
            #expect(table.text(150) == "")
        }

        /// Windows filled through interned facet ids are those filled by each record's facet text.
        @Test func internedFacetsFillTheSameWindows() throws {
            let query = try NRQLQuery.parse("SELECT count(*) FROM Log WHERE code IS NOT NULL FACET service, code",
                                            condition: "faceted")
            var byID = WindowAggregationStore<Int>(windowSeconds: [60])
            var byText = WindowAggregationStore<Int>(windowSeconds: [60])
            var table = InternedTexts()
            var key: [UInt8] = []
            let lines = (0..<40).map { index in
                #"{"service":"s\#(index % 3)","code":\#(index % 4 == 0 ? "\"5\"" : String(index % 2)),"timestamp":\#(1_700_000_000_000 + index * 7_000)}"#
            }
            var time = 1_700_000_000_000 as Int64
            RecordViewNRQLTests.read(lines, query: query) { record in
                let compiled = NRQLCompiledQuery(query, binding: record.binding)
                guard compiled.passesWhere(record) else { return }
                let parts = query.facetExpressions.map { $0.value(record)?.text ?? "" }
                byText.update(condition: 0, facet: parts.joined(separator: ", "), timestamp: time, initial: 0) { $0 += 1 }
                #expect(compiled.facetKey(record, into: &key))
                let id = table.intern(key)
                byID.update(condition: 0, facet: table.text(id), timestamp: time, initial: 0) { $0 += 1 }
                time += 7_000
            }
            #expect(byID.facets(condition: 0) == byText.facets(condition: 0))
            #expect(byID.facets(condition: 0).count == table.count)
            for facet in byText.facets(condition: 0) {
                #expect(byID.signal(condition: 0, facet: facet)?.windows == byText.signal(condition: 0, facet: facet)?.windows)
            }
        }
    }
}
