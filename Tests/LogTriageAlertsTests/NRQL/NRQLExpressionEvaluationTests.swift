import Testing
@testable import LogTriageAlerts

extension NRQL {
    /// The constructs of published conditions, evaluated over hand-made records: each value
    /// is worked out by hand from the records below.
    @Suite struct ExpressionEvaluationTests {
        static let records: [(time: Int64, record: NRQLAttributes)] = [
            (1_000, ["status": .string("200"), "d": .number(0.2), "bytes": .number(100), "ok": .bool(true),
                     "host": .string("a"), "retries": .number(1), "maxRetries": .number(3)]),
            (3_000, ["status": .string("503"), "d": .number(1.0), "bytes": .number(300), "ok": .bool(false),
                     "host": .string("b"), "retries": .number(3), "maxRetries": .number(3)]),
            (2_000, ["status": .number(404), "d": .number(3.0), "bytes": .number(600), "ok": .bool(false),
                     "host": .string("a"), "retries": .number(5), "maxRetries": .number(3)]),
            (4_000, ["d": .number(0.4), "host": .string("a")]),
        ]

        /// The window value of `text` over the records that pass its WHERE, in a 60 s window.
        static func value(_ text: String) throws -> Double? {
            let query = try NRQLQuery.parse(text, condition: "test")
            var accumulator = NRQLSelectAccumulator(query.select, windowSeconds: 60)
            for (time, record) in records where query.predicate?.evaluate(record) ?? true {
                accumulator.add(record, time: time)
            }
            return accumulator.value(windowEnd: 60_000)
        }

        static let cases: [(String, Double?)] = [
            ("SELECT count(status) FROM Log", 3),
            ("SELECT count(*) FROM Log WHERE numeric(status) >= 400 AND numeric(status) <= 599", 2),
            ("SELECT percentage(count(*), WHERE numeric(status) >= 400) FROM Log", 50),
            ("SELECT percentage(count(*), WHERE numeric(status) >= 400) > 40 FROM Log", 1),
            ("SELECT rate(count(*), 1 minute) FROM Log", 4),
            ("SELECT rate(count(*), 1 second) FROM Log", 4.0 / 60),
            // d 0.2 and 0.4 satisfied (≤ 0.5), 1.0 tolerating (≤ 2.0), 3.0 frustrated.
            ("SELECT apdex(d, t: 0.5) FROM Log", 2.5 / 4),
            ("SELECT average(bytes / 100) FROM Log", (1 + 3 + 6) / 3.0),
            // Latest by time, not by arrival: the record at 3,000 ms.
            ("SELECT latest(bytes) FROM Log", 300),
            ("SELECT earliest(bytes) FROM Log", 100),
            ("SELECT sum(bytes) / count(*) FROM Log", 1000.0 / 4),
            ("SELECT filter(sum(bytes), WHERE ok = false) FROM Log", 900),
            ("SELECT percentage(sum(bytes), WHERE ok IS FALSE) FROM Log", 90),
            ("SELECT if(max(retries) > 4, 1, 0) FROM Log", 1),
            ("SELECT floor(average(d)) FROM Log", 1),
            ("SELECT uniqueCount(host, ok) FROM Log", 4),  // (a, true), (b, false), (a, false), (a, null)
            ("SELECT count(*) FROM Log WHERE retries >= maxRetries", 2),
            ("SELECT count(*) FROM Log WHERE string(status) RLIKE '5[0-9]{2}'", 1),
            ("SELECT count(*) FROM Log WHERE status NOT RLIKE '2.*'", 2),
            ("SELECT count(*) FROM Log WHERE boolean(ok) IS FALSE", 2),
            ("SELECT max(d) - min(d) FROM Log", 2.8),
            ("SELECT count(*) / 0 FROM Log", nil),
            ("SELECT aggregationendtime() / 1000 FROM Log", 60),
        ]

        @Test(arguments: cases)
        func evaluates(text: String, expected: Double?) throws {
            let value = try Self.value(text)
            if let expected {
                #expect(abs((value ?? .nan) - expected) < 1e-9, "\(text) = \(String(describing: value))")
            } else {
                #expect(value == nil, "\(text)")
            }
        }

        @Test("accumulators of the parts merge to the whole, latest() included")
        func mergeEqualsWhole() throws {
            let query = try NRQLQuery.parse("SELECT latest(bytes) + apdex(d, t: 0.5) + count(status) FROM Log",
                                            condition: "test")
            var whole = NRQLSelectAccumulator(query.select)
            var left = NRQLSelectAccumulator(query.select)
            var right = NRQLSelectAccumulator(query.select)
            for (offset, entry) in Self.records.enumerated() {
                whole.add(entry.record, time: entry.time)
                if offset % 2 == 0 { left.add(entry.record, time: entry.time) } else { right.add(entry.record, time: entry.time) }
            }
            right.merge(left)
            #expect(right.value == whole.value)
        }
    }
}
