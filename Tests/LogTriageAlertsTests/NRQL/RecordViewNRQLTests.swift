import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageAlerts

extension NRQL {
    /// Pipeline records read as NRQL attributes through the default alias lists.
    @Suite struct RecordViewNRQLTests {
        static let defaults: TriageConfiguration = try! TriageConfiguration.defaults()

        /// Parses each JSON line with a schema that keeps `query`'s attributes and calls
        /// `body` with each record while its view is valid.
        static func read(_ lines: [String], query: NRQLQuery, _ body: (RecordViewNRQL) -> Void) {
            let schema = defaults.schema(extraAttributes: query.attributes)
            let binding = NRQLAttributeBinding(schema: schema)
            let parser = RecordParser(schema: schema)
            for line in lines {
                var bytes = Array(line.utf8)
                let outcome = bytes.withUnsafeMutableBufferPointer { buffer in
                    parser.parse(UnsafePointer(buffer.baseAddress!), count: buffer.count) { body(RecordViewNRQL($0, binding: binding)) }
                }
                #expect(outcome == .records(1), "\(line)")
            }
        }

        static func values(of attributes: [String], in line: String) throws -> [NRQLValue?] {
            let query = NRQLQuery(aggregate: .count, facets: attributes)
            var result: [NRQLValue?] = []
            read([line], query: query) { record in result = attributes.map { record.value(of: $0) } }
            return result
        }

        @Test func readsJSONKindsAsNRQLValues() throws {
            let line = #"{"code":503,"ratio":-2.5e1,"name":"a\"b","ok":true,"bad":false,"gone":null,"#
                + #""nested":{"deep":{"value":"x"}},"timestamp":1700000000000}"#
            let names = ["code", "ratio", "name", "ok", "bad", "gone", "nested.deep.value", "absent", "timestamp"]
            #expect(try Self.values(of: names, in: line) == [
                .number(503), .number(-25), .string("a\"b"), .bool(true), .bool(false), nil, .string("x"), nil,
                .number(1_700_000_000_000),
            ])
        }

        @Test func canonicalAliasesReadTheNormalisedCanonicalValue() throws {
            let line = #"{"log.level":"warning","appName":"payments","response.status":"502"}"#
            #expect(try Self.values(of: ["level", "log.level", "severity", "entity.name", "http.statusCode"], in: line)
                == [.string("WARN"), .string("WARN"), .string("WARN"), .string("payments"), .string("502")])
        }

        @Test func tellsWhichRecordsNewRelicWouldMiss() throws {
            let query = try NRQLQuery.parse("SELECT count(*) FROM Log WHERE level = 'ERROR' AND custom = 1",
                                            condition: "errors")
            let lines = [
                #"{"level":"ERROR","custom":1}"#, #"{"log.level":"error","custom":1}"#,
                #"{"level":"ERROR","log.level":"error","custom":1}"#, #"{"severity":"ERROR","custom":1}"#,
                #"{"level":null,"log.level":"ERROR","custom":1}"#, #"{"custom":1}"#,
            ]
            var missed: [Bool] = []
            var matched: [Bool] = []
            Self.read(lines, query: query) { record in
                missed.append(record.carriesOnlyOtherAlias(of: "level"))
                matched.append(query.predicate!.evaluate(record))
                #expect(!record.carriesOnlyOtherAlias(of: "custom"))
            }
            #expect(missed == [false, true, false, true, true, false])
            #expect(matched == [true, true, true, true, true, false])
        }

        /// Reading an alias as written differs from LogTriage's reading when the record carries
        /// the field under another alias, or under this one with other bytes (the length alike,
        /// or not), and never when the bytes are the same, empty ones included.
        @Test func tellsWhenAnAliasAsWrittenReadsOtherBytes() throws {
            let query = try NRQLQuery.parse("SELECT count(*) FROM Log WHERE service.name = 'pump-worker' AND custom = 1",
                                            condition: "pump")
            let lines = [
                #"{"entity.name":"pump-worker"}"#,
                #"{"service.name":"pump-worker"}"#,
                #"{"entity.name":"pump-worker","service.name":"pump-worker"}"#,
                #"{"entity.name":"pump-workes","service.name":"pump-worker"}"#,
                #"{"entity.name":"pump","service.name":"pump-worker"}"#,
                #"{"entity.name":"","service.name":""}"#,
                #"{"entity.name":"pump-worker","service.name":"pump-worker"}"#,
                #"{"custom":1}"#,
            ]
            var differs: [Bool] = []
            Self.read(lines, query: query) { record in
                differs.append(record.readsDifferentlyAsWritten("service.name"))
                #expect(!record.readsDifferentlyAsWritten("custom"), "not a canonical alias")
            }
            #expect(differs == [true, false, false, true, true, false, false, false])
        }

        @Test func reportsCanonicalAliasUses() throws {
            let query = try NRQLQuery.parse("""
                SELECT percentile(durationMs, 95) FROM Log WHERE log.level = 'ERROR' AND custom.flag IS NULL \
                FACET entity.name
                """, condition: "slow")
            let binding = NRQLAttributeBinding(schema: Self.defaults.schema(extraAttributes: query.attributes))
            #expect(binding.aliasUses(in: query) == [
                NRQLAliasUse(attribute: "durationMs", field: .durationMs, otherAliases: []),
                NRQLAliasUse(attribute: "log.level", field: .level, otherAliases: ["level", "severity"]),
                NRQLAliasUse(attribute: "entity.name", field: .service, otherAliases: ["service.name", "appName"]),
            ])
            #expect(binding.canonicalField(of: "custom.flag") == nil)
        }

        @Test func accumulatesAQueryOverParsedRecords() throws {
            let query = try NRQLQuery.parse("""
                SELECT percentage(count(*), WHERE level = 'ERROR' OR http.statusCode >= 500) FROM Log \
                WHERE entity.name = 'payments'
                """, condition: "payments failure rate")
            let lines = [
                #"{"entity.name":"payments","level":"info","httpResponseCode":200}"#,
                #"{"service.name":"payments","log.level":"ERROR"}"#,
                #"{"appName":"payments","level":"INFO","http.statusCode":"503"}"#,
                #"{"entity.name":"payments","level":"INFO","http.statusCode":404}"#,
                #"{"entity.name":"billing","level":"ERROR"}"#,
            ]
            var accumulator = NRQLAccumulator(query.aggregate)
            Self.read(lines, query: query) { record in
                if query.predicate?.evaluate(record) ?? true { accumulator.add(record) }
            }
            #expect(accumulator.recordCount == 4)
            #expect(accumulator.value == 50)
        }
    }
}
