import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageAlerts

extension NRQL {
    /// A record answers "is this attribute the string …?" from its bytes; the answer must be
    /// the one its values give, for every kind of value, alias and reading.
    @Suite struct StringMatchTests {
        /// The answer built from `value(of:)`, as any other record answers it.
        static func byValue(_ record: RecordViewNRQL, _ attribute: String, _ literal: String) -> NRQLStringMatch {
            switch record.value(of: attribute) {
            case nil: .absent
            case let .string(text)?: text == literal ? .equal : .different
            default: .notAString
            }
        }

        static func same(_ left: NRQLStringMatch, _ right: NRQLStringMatch) -> Bool {
            switch (left, right) {
            case (.absent, .absent), (.equal, .equal), (.different, .different), (.notAString, .notAString): true
            default: false
            }
        }

        @Test func bytesAnswerAsValuesDo() throws {
            let attributes = ["service", "entity.name", "level", "log.level", "name", "code", "ok", "gone", "nested.v",
                              "absent", "http.statusCode"]
            let literals = ["pump", "Pump", "ERROR", "error", "caf\u{E9}", "cafe\u{301}", "503", "true", "", "x"]
            let lines = [
                #"{"service":"pump","level":"error","name":"café","code":503,"ok":true,"gone":null,"nested":{"v":"x"}}"#,
                #"{"entity.name":"Pump","log.level":"ERROR","name":"cafe\u0301","code":"503","http.statusCode":"503"}"#,
                #"{"service":"","level":"warning","name":"","nested":{"v":{"deep":1}}}"#,
            ]
            let query = NRQLQuery(aggregate: .count, facets: attributes)
            var compared = 0
            for asWritten in [false, true] {
                RecordViewNRQLTests.read(lines, query: query) { record in
                    let reading = RecordViewNRQL(record.view, binding: record.binding, asWritten: asWritten)
                    for attribute in attributes {
                        for literal in literals {
                            let fast = reading.match(attribute, string: literal)
                            let slow = Self.byValue(reading, attribute, literal)
                            #expect(Self.same(fast, slow), "\(attribute) vs '\(literal)' (asWritten: \(asWritten))")
                            compared += 1
                        }
                    }
                }
            }
            #expect(compared == 2 * 3 * attributes.count * literals.count)
        }

        @Test func predicatesGiveTheSameTruthThroughEitherPath() throws {
            let conditions = ["service = 'pump'", "service != 'pump'", "name = 'café'", "level IN ('ERROR', 'WARN')",
                              "level NOT IN ('ERROR')", "code = '503'", "code IN ('503', '504')", "absent != 'x'"]
            let lines = [
                #"{"service":"pump","level":"error","name":"cafe\u0301","code":503}"#,
                #"{"service":"gateway","level":"warn","name":"café","code":"504"}"#, #"{"code":true}"#,
            ]
            for condition in conditions {
                let query = try NRQLQuery.parse("SELECT count(*) FROM Log WHERE \(condition)", condition: "c")
                let predicate = try #require(query.predicate)
                RecordViewNRQLTests.read(lines, query: query) { record in
                    var values: [String: NRQLValue] = [:]
                    for attribute in query.attributes { values[attribute] = record.value(of: attribute) }
                    #expect(predicate.evaluate(record) == predicate.evaluate(NRQLAttributes(values)), "\(condition)")
                }
            }
        }
    }
}
