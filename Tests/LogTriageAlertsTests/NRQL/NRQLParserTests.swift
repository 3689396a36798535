import Testing
@testable import LogTriageAlerts
import LogTriageTestSupport

extension NRQL {
    @Suite struct ParserTests {
        static func parse(_ text: String) throws -> NRQLQuery {
            try NRQLQuery.parse(text, condition: "test")
        }

        /// Each supported construct, with the query it must parse to.
        static let constructs: [(String, NRQLQuery)] = [
            ("SELECT count(*) FROM Log", NRQLQuery(aggregate: .count)),
            ("select COUNT(*) from Transaction", NRQLQuery(aggregate: .count, eventType: "Transaction")),
            ("FROM LogEvent SELECT count(*)", NRQLQuery(aggregate: .count, eventType: "LogEvent")),
            ("SELECT filter(count(*), WHERE level = 'ERROR') FROM Log",
             NRQLQuery(aggregate: .filter(.comparison("level", .equal, .string("ERROR"))))),
            ("SELECT percentage(count(*), WHERE http.statusCode = '500') FROM Transaction",
             NRQLQuery(aggregate: .percentage(.comparison("http.statusCode", .equal, .string("500"))),
                       eventType: "Transaction")),
            ("SELECT average(durationMs) FROM Log", NRQLQuery(aggregate: .average("durationMs"))),
            ("SELECT max(durationMs) FROM Log", NRQLQuery(aggregate: .max("durationMs"))),
            ("SELECT min(durationMs) FROM Log", NRQLQuery(aggregate: .min("durationMs"))),
            ("SELECT sum(`bytes.sent`) FROM Log", NRQLQuery(aggregate: .sum("bytes.sent"))),
            ("SELECT percentile(durationMs, 95) FROM Log", NRQLQuery(aggregate: .percentile("durationMs", 95))),
            ("SELECT percentile(durationMs, 99.9) FROM Log", NRQLQuery(aggregate: .percentile("durationMs", 99.9))),
            ("SELECT uniqueCount(billerId) FROM Log", NRQLQuery(aggregate: .uniqueCount("billerId"))),
            ("SELECT count(*) FROM Log WHERE a != 1 AND b < 2 AND c <= 3 AND d > -4 AND e >= 5.5",
             NRQLQuery(aggregate: .count, predicate:
                .and(.and(.and(.and(.comparison("a", .notEqual, .number(1)), .comparison("b", .less, .number(2))),
                               .comparison("c", .lessOrEqual, .number(3))),
                          .comparison("d", .greater, .number(-4))),
                     .comparison("e", .greaterOrEqual, .number(5.5))))),
            ("SELECT count(*) FROM Log WHERE a <> 'x'",
             NRQLQuery(aggregate: .count, predicate: .comparison("a", .notEqual, .string("x")))),
            ("SELECT count(*) FROM Log WHERE message LIKE '%timeout%' AND message NOT LIKE 'retry%'",
             NRQLQuery(aggregate: .count, predicate: .and(.like("message", NRQLLikePattern("%timeout%"), negated: false),
                                                          .like("message", NRQLLikePattern("retry%"), negated: true)))),
            ("SELECT count(*) FROM Log WHERE `error.class` IN ('A', 'B') OR code NOT IN (1, 2, true)",
             NRQLQuery(aggregate: .count, predicate: .or(.in("error.class", [.string("A"), .string("B")], negated: false),
                                                         .in("code", [.number(1), .number(2), .bool(true)], negated: true)))),
            ("SELECT count(*) FROM Log WHERE a IS NULL AND b IS NOT NULL",
             NRQLQuery(aggregate: .count, predicate: .and(.isNull("a", negated: false), .isNull("b", negated: true)))),
            ("SELECT count(*) FROM Log WHERE error IS TRUE AND expected is not false",
             NRQLQuery(aggregate: .count, predicate: .and(.comparison("error", .equal, .bool(true)),
                                                          .comparison("expected", .notEqual, .bool(false))))),
            ("SELECT count(*) FROM Log WHERE flag = false",
             NRQLQuery(aggregate: .count, predicate: .comparison("flag", .equal, .bool(false)))),
            ("SELECT count(*) FROM Log WHERE NOT a = 1 OR b = 2 AND (c = 3 OR d = 4)",
             NRQLQuery(aggregate: .count, predicate:
                .or(.not(.comparison("a", .equal, .number(1))),
                    .and(.comparison("b", .equal, .number(2)),
                         .or(.comparison("c", .equal, .number(3)), .comparison("d", .equal, .number(4))))))),
            ("SELECT count(*) FROM Log WHERE message = 'it''s down'",
             NRQLQuery(aggregate: .count, predicate: .comparison("message", .equal, .string("it's down")))),
            ("SELECT count(*) FROM Log FACET entity.name, `error.class`",
             NRQLQuery(aggregate: .count, facets: ["entity.name", "error.class"])),
            ("SELECT count(*) FROM Log FACET host WHERE level = 'ERROR'",
             NRQLQuery(aggregate: .count, predicate: .comparison("level", .equal, .string("ERROR")), facets: ["host"])),
            ("SELECT count(*) FROM Log WHERE `select` = 1 AND `odd name` = 2",
             NRQLQuery(aggregate: .count, predicate: .and(.comparison("select", .equal, .number(1)),
                                                          .comparison("odd name", .equal, .number(2))))),
            ("SELECT count(*) FROM Log WHERE big > 1e21",
             NRQLQuery(aggregate: .count, predicate: .comparison("big", .greater, .number(1e21)))),
            // The constructs of New Relic's published alert conditions.
            ("SELECT count(error.class) FROM Log", NRQLQuery(aggregate: .countOf(.attribute("error.class")))),
            ("SELECT rate(count(*), 1 minute) FROM Log", NRQLQuery(aggregate: .rate(.count, seconds: 60))),
            ("SELECT apdex(durationMs, t: 0.5) FROM Log",
             NRQLQuery(aggregate: .apdex(.attribute("durationMs"), t: 0.5))),
            ("SELECT average(a / b) FROM Log",
             NRQLQuery(aggregate: .value(.average, .arithmetic(.divide, .attribute("a"), .attribute("b"))))),
            ("SELECT latest(queue.depth) AS 'Depth' FROM Log",
             NRQLQuery(select: .aggregate(.value(.latest, .attribute("queue.depth"))), label: "Depth")),
            ("SELECT count(a) / count(b) * 100 FROM Log",
             NRQLQuery(select: .arithmetic(.multiply, .arithmetic(.divide, .aggregate(.countOf(.attribute("a"))),
                                                                  .aggregate(.countOf(.attribute("b")))),
                                           .number(100)))),
            ("SELECT filter(sum(bytes), WHERE ok = false) FROM Log",
             NRQLQuery(aggregate: .filtered(.sum("bytes"), .comparison("ok", .equal, .bool(false))))),
            ("SELECT percentage(sum(bytes), WHERE ok = false) FROM Log",
             NRQLQuery(aggregate: .percentageOf(.sum("bytes"), .comparison("ok", .equal, .bool(false))))),
            ("SELECT if(floor(latest(x)) > 0, latest(x), 0) FROM Log",
             NRQLQuery(select: .conditional(.comparison(.greater, .function("floor", .aggregate(.value(.latest, .attribute("x")))),
                                                        .number(0)),
                                            .aggregate(.value(.latest, .attribute("x"))), .number(0)))),
            ("SELECT count(*) FROM Log, LogExtended", NRQLQuery(select: .aggregate(.count), eventTypes: ["Log", "LogExtended"])),
            ("SELECT count(*) FROM Log WHERE numeric(status) >= 400",
             NRQLQuery(aggregate: .count, predicate: .compare(.function("numeric", [.attribute("status")]), .greaterOrEqual,
                                                              .literal(.number(400))))),
            ("SELECT histogramPercentile(d, 99) FROM Log",
             NRQLQuery(aggregate: .withoutMeaningOnLogs(name: "histogramPercentile", arguments: "d, 99"))),
            ("SELECT uniqueCount(host, port) FROM Log",
             NRQLQuery(aggregate: .uniqueCountOf([.attribute("host"), .attribute("port")]))),
            ("SELECT count(*) FROM Log WHERE code NOT RLIKE '5.*'",
             NRQLQuery(aggregate: .count, predicate: .rlike(.attribute("code"), NRQLRegexPattern("5.*")!, negated: true))),
            ("SELECT count(*) FROM Log WHERE retries > maxRetries",
             NRQLQuery(aggregate: .count, predicate: .compare(.attribute("retries"), .greater, .attribute("maxRetries")))),
            ("SELECT count(*) FROM Log WHERE boolean(error) IS TRUE",
             NRQLQuery(aggregate: .count, predicate: .compare(.function("boolean", [.attribute("error")]), .equal,
                                                              .literal(.bool(true))))),
            ("SELECT count(*) FROM Log FACET host, concat('a', b) LIMIT 10",
             NRQLQuery(select: .aggregate(.count), facetExpressions: [.attribute("host"),
                                                                     .function("concat", [.literal(.string("a")), .attribute("b")])],
                       limit: "10")),
            ("SELECT percentile(durationMs, 95) - 10 FROM Log",
             NRQLQuery(select: .arithmetic(.subtract, .aggregate(.percentile("durationMs", 95)), .number(10)))),
            ("SELECT percentage(count(*), WHERE numeric(s) >= 400) > 1 FROM Log",
             NRQLQuery(select: .comparison(.greater, .aggregate(.percentage(.compare(.function("numeric", [.attribute("s")]),
                                                                                      .greaterOrEqual, .literal(.number(400))))),
                                           .number(1)))),
        ]

        @Test(arguments: constructs)
        func parsesConstruct(text: String, expected: NRQLQuery) throws {
            #expect(try Self.parse(text) == expected)
        }

        @Test(arguments: constructs)
        func printsBackToTheSameQuery(text: String, expected: NRQLQuery) throws {
            let printed = expected.description
            #expect(try Self.parse(printed) == expected, "printed: \(printed)")
            #expect(try Self.parse(printed).description == printed)
        }

        @Test func printsCanonicalForm() throws {
            let query = try Self.parse("""
                from Log select filter( COUNT(*) , where level='ERROR' and not (`error.class` in ('A') or x is null) ) \
                where entity.name like 'pay%' facet entity.name
                """)
            #expect(query.description == "SELECT filter(count(*), WHERE level = 'ERROR' AND NOT (error.class IN ('A') "
                + "OR x IS NULL)) FROM Log WHERE entity.name LIKE 'pay%' FACET entity.name")
        }

        /// Trees the parser never builds by itself (right-nested, NOT of NOT) still print to
        /// text that parses back to them.
        @Test func printsParenthesesWhereTheTreeNeedsThem() throws {
            let a = NRQLPredicate.comparison("a", .equal, .number(1))
            let b = NRQLPredicate.comparison("b", .equal, .number(2))
            let c = NRQLPredicate.comparison("c", .equal, .number(3))
            let trees: [NRQLPredicate] = [
                .and(a, .and(b, c)), .or(a, .or(b, c)), .and(.or(a, b), c), .or(.and(a, b), c), .not(.not(a)),
                .not(.and(a, b)), .and(.not(a), .not(.or(b, c))),
            ]
            for tree in trees {
                let query = NRQLQuery(aggregate: .percentage(tree), predicate: tree)
                #expect(try Self.parse(query.description) == query, "\(query)")
            }
            #expect(NRQLPredicate.and(a, .and(b, c)).description == "a = 1 AND (b = 2 AND c = 3)")
            #expect(NRQLPredicate.or(.and(a, b), c).description == "a = 1 AND b = 2 OR c = 3")
        }

        @Test func roundTripsAwkwardLiteralsAndNames() throws {
            let query = NRQLQuery(
                aggregate: .percentile("dur ms", 99.5), eventType: "Log",
                predicate: .and(.comparison("quote", .equal, .string("it's `odd` %")),
                                .comparison("n", .less, .number(-0.001))),
                facets: ["back`tick", "and", "ok.name"])
            #expect(try Self.parse(query.description) == query, "\(query)")
        }

        @Test func attributesListEachNameOnceInOrder() throws {
            let query = try Self.parse("""
                SELECT percentage(count(*), WHERE level = 'ERROR') FROM Log \
                WHERE entity.name = 'pay' AND level != 'DEBUG' FACET billerId, entity.name
                """)
            #expect(query.attributes == ["level", "entity.name", "billerId"])
            #expect(try Self.parse("SELECT average(durationMs) FROM Log").attributes == ["durationMs"])
        }

        @Test func zeroWhenEmptyOnlyForCountAndFilter() throws {
            #expect(try Self.parse("SELECT filter(count(*), WHERE a = 1) FROM Log").zeroWhenEmpty)
            #expect(try !Self.parse("SELECT percentage(count(*), WHERE a = 1) FROM Log").zeroWhenEmpty)
            #expect(try Self.parse("SELECT count(*) FROM Log").zeroWhenEmpty)
            #expect(try !Self.parse("SELECT average(a) FROM Log").zeroWhenEmpty)
        }

        // MARK: Errors

        struct ErrorCase: CustomTestStringConvertible, Sendable {
            var text: String
            var message: String
            var column: Int
            var testDescription: String { message }
        }

        static let errors: [ErrorCase] = [
            ErrorCase(text: "SELECT count(*) FROM Log WHERE level = 'ERROR' TIMESERIES 1 minute",
                      message: "unsupported construct TIMESERIES", column: 48),
            ErrorCase(text: "SELECT count(*) FROM Log SINCE 1 hour ago", message: "unsupported construct SINCE", column: 26),
            ErrorCase(text: "SELECT count(*) FROM Log UNTIL 1 hour ago", message: "unsupported construct UNTIL", column: 26),
            ErrorCase(text: "SELECT count(*) FROM Log COMPARE WITH 1 week ago",
                      message: "unsupported construct COMPARE WITH", column: 26),
            ErrorCase(text: "SELECT count(*), average(durationMs) FROM Log", message: "more than one aggregate", column: 18),
            ErrorCase(text: "SELECT percentile(d, 95, 99) FROM Log", message: "more than one aggregate", column: 26),
            ErrorCase(text: "SELECT frobnicate(x) FROM Log", message: "unknown function frobnicate()", column: 8),
            ErrorCase(text: "SELECT count(*) FROM Log WHERE (a = 1 AND (b = 2)",
                      message: "unbalanced parentheses: '(' at column 32 is never closed", column: 50),
            ErrorCase(text: "SELECT count(*) FROM Log WHERE a = 1)",
                      message: "unbalanced parentheses: ')' without a matching '('", column: 37),
            ErrorCase(text: "SELECT count(* FROM Log", message: "expected ')' to close '(' at column 13", column: 16),
            ErrorCase(text: "SELECT count(*) FROM Log WHERE a = 'open", message: "unterminated string", column: 36),
            ErrorCase(text: "SELECT count(*) FROM `Log", message: "unterminated backticked name", column: 22),
            ErrorCase(text: "SELECT count(*) WHERE a = 1", message: "missing FROM clause", column: 17),
            ErrorCase(text: "SELECT count(*)", message: "missing FROM clause", column: 16),
            ErrorCase(text: "FROM Log WHERE a = 1", message: "missing SELECT clause", column: 21),
            ErrorCase(text: "SELECT count(*) FROM Log WHERE a IN (SELECT b FROM Log)",
                      message: "unsupported construct subquery", column: 38),
            ErrorCase(text: "SELECT count(*) FROM (SELECT count(*) FROM Log)", message: "unsupported construct subquery",
                      column: 22),
            ErrorCase(text: "SELECT count(*) FROM Log WHERE a = NULL", message: "use IS NULL", column: 36),
            ErrorCase(text: "SELECT count(*) FROM Log WHERE a ~ 1", message: "unexpected character '~'", column: 34),
            ErrorCase(text: "SELECT count(*) FROM Log WHERE", message: "expected an attribute, found end of query",
                      column: 31),
            ErrorCase(text: "SELECT count(*) FROM Log WHERE a = 1 b = 2", message: "found 'b'", column: 38),
            ErrorCase(text: "SELECT count(*) FROM Log FACET CASES(WHERE a = 1)", message: "FACET CASES", column: 32),
            ErrorCase(text: "SELECT percentile(d, 101) FROM Log", message: "from 0 to 100", column: 22),
            ErrorCase(text: "", message: "empty query", column: 1),
            ErrorCase(text: "SELECT count(*) FROM Log WHERE lower(a) LIKE 'x%'", message: "LIKE after an expression",
                      column: 41),
            ErrorCase(text: "SELECT apdex(d, t: x) FROM Log", message: "apdex() needs a positive t:", column: 20),
            ErrorCase(text: "SELECT rate(count(*), 1 fortnight) FROM Log", message: "needs a time unit", column: 25),
            ErrorCase(text: "SELECT average(count(*)) FROM Log", message: "nested aggregation average(count(…))",
                      column: 16),
            ErrorCase(text: "SELECT durationMs FROM Log", message: "attribute 'durationMs' outside an aggregate",
                      column: 8),
            ErrorCase(text: "SELECT count(*) FROM Log WHERE capture(message, 'x') = 'y'",
                      message: "unsupported function capture()", column: 32),
            ErrorCase(text: "SELECT count(*) FROM Log WHERE a RLIKE '('", message: "invalid regular expression after RLIKE",
                      column: 40),
        ]

        @Test(arguments: errors)
        func rejects(_ errorCase: ErrorCase) {
            #expect {
                try NRQLQuery.parse(errorCase.text, condition: "pump failures")
            } throws: { error in
                guard let error = error as? NRQLError else { return false }
                let ok = error.condition == "pump failures" && error.column == errorCase.column
                    && error.message.contains(errorCase.message)
                    && error.description.hasPrefix("condition 'pump failures': ")
                    && error.description.hasSuffix(" at column \(errorCase.column)")
                if !ok { Issue.record("got \(error)") }
                return ok
            }
        }

        @Test func errorDescriptionNamesConditionConstructAndColumn() {
            let text = "SELECT filter(count(*), WHERE level = 'ERROR') FROM Log WHERE entity.name = 'pumps' "
                + "TIMESERIES 1 minute"
            do {
                _ = try NRQLQuery.parse(text, condition: "pump failures")
                Issue.record("parsed")
            } catch {
                #expect(error.description == "condition 'pump failures': unsupported construct TIMESERIES at column 85")
            }
        }
    }
}

extension NRQL {
    /// Random queries print to text that parses back to them.
    @Suite struct RoundTripTests {
        struct Generator {
            var random: SplitMix64
            let names = ["level", "error.class", "http.statusCode", "odd name", "not", "a`b", "x1", "_y", "$z"]

            mutating func literal() -> NRQLValue {
                switch random.int(0...3) {
                case 0: .string(random.pick(["", "ERROR", "it's", "%x%", "é ü", "a''b", "`"]))
                case 1: .number(Double(random.int(-1_000...1_000)) / Double(random.pick([1, 4, 1000])))
                case 2: .number(random.pick([1e21, -3.5e-7, 0.1, 123_456_789_012]))
                default: .bool(random.chance(50))
                }
            }

            mutating func predicate(depth: Int) -> NRQLPredicate {
                let name = random.pick(names)
                switch depth > 0 ? random.int(0...6) : random.int(0...3) {
                case 0: return .comparison(name, random.pick(NRQLComparisonOperator.allCases), literal())
                case 1: return .like(name, NRQLLikePattern(random.pick(["%a%", "it's%", "", "%"])), negated: random.chance(50))
                case 2: return .in(name, (0...random.int(0...3)).map { _ in literal() }, negated: random.chance(50))
                case 3: return .isNull(name, negated: random.chance(50))
                case 4: return .and(predicate(depth: depth - 1), predicate(depth: depth - 1))
                case 5: return .or(predicate(depth: depth - 1), predicate(depth: depth - 1))
                default: return .not(predicate(depth: depth - 1))
                }
            }

            mutating func query() -> NRQLQuery {
                let aggregates: [NRQLAggregate] = [
                    .count, .filter(predicate(depth: 2)), .percentage(predicate(depth: 2)), .average(random.pick(names)),
                    .max(random.pick(names)), .min(random.pick(names)), .sum(random.pick(names)),
                    .percentile(random.pick(names), random.pick([0, 50, 95, 99.9, 100])), .uniqueCount(random.pick(names)),
                ]
                return NRQLQuery(aggregate: random.pick(aggregates), eventType: random.pick(["Log", "Transaction", "Log Event"]),
                                 predicate: random.chance(70) ? predicate(depth: 4) : nil,
                                 facets: (0..<random.int(0...3)).map { _ in random.pick(names) })
            }
        }

        @Test(arguments: [1, 2, 3, 4] as [UInt64])
        func randomQueriesRoundTrip(seed: UInt64) throws {
            var generator = Generator(random: SplitMix64(seed: seed))
            for _ in 0..<500 {
                let query = generator.query()
                let printed = query.description
                let parsed = try NRQLQuery.parse(printed, condition: "seed \(seed)")
                #expect(parsed == query, "\(printed)")
                #expect(parsed.description == printed)
            }
        }
    }
}
