import Foundation
import Testing
@testable import LogTriageAnalysis
@testable import LogTriageBasics
import LogTriageTestSupport

extension Outcomes {
    /// The outcome stage moves stale failures counted per service and per biller pair and day;
    /// these check it against the one-failure-at-a-time rule it replaced, also where a pair's
    /// recent failures run out and the order of the failures decides the days.
    @Suite struct StaleOutcomeFinishTests {
        static let services = ["gateway", "pump"]
        static let billers = ["b1", "b2", "b3"]
        static let sources = ["AUTOPAY", "WEB"]
        static let days = [20_400, 20_401, 20_402]

        /// A week's figures: random calls, some failing, over the names above.
        static func figures(_ random: inout SplitMix64) -> OutcomeFigures {
            var figures = OutcomeFigures(policy: RetryPolicy())
            for _ in 0..<random.int(0...59) {
                let day = random.pick(days)
                let facts = RecordFacts(time: Int64(day) * 86_400_000 + 1_000, service: random.pick(services),
                                        billerId: random.pick(billers),
                                        sourceId: random.chance(33) ? nil : random.pick(sources),
                                        isError: random.chance(50))
                _ = figures.consume(facts)
            }
            return figures
        }

        /// One invoice failure's row: names by value, nil for none (a biller-less failure too).
        struct Failure {
            var service: String
            var billerId: String?
            var sourceId: String?
            var day: Int?
        }

        static func failures(_ random: inout SplitMix64) -> [Failure] {
            (0..<random.int(0...79)).map { _ in
                Failure(service: random.pick(services),
                        billerId: random.chance(17) ? nil : random.pick(billers),
                        sourceId: random.chance(33) ? nil : random.pick(sources),
                        day: random.chance(20) ? nil : random.pick(days))
            }
        }

        /// What stale marking changes, in a fixed order: per pair its failures, stale failures
        /// and each day's; per service its failures and stale failures.
        static func staleFigures(_ figures: OutcomeFigures) -> [String] {
            let pairs = figures.billers.pairs.map { key, pair in
                "\(key.billerId)/\(key.sourceText): \(pair.staleFailures) of \(pair.failures); "
                    + pair.daily.keys.sorted().map { "\($0): \(pair.daily[$0]!.staleFailures) of \(pair.daily[$0]!.failures)" }
                        .joined(separator: ", ")
            }
            let services = figures.services.services.map { "\($0.key): \($0.value.staleFailures) of \($0.value.failures)" }
            return pairs.sorted() + services.sorted()
        }

        @Test("the stage's finish equals moving each stale failure in read order", arguments: 0..<200)
        func finishEqualsOneAtATime(seed: Int) throws {
            var random = SplitMix64(seed: UInt64(seed))
            let week = Self.figures(&random)
            let failures = Self.failures(&random)
            let stale = failures.indices.filter { _ in random.chance(75) }

            let stage = try OutcomeStage(policy: RetryPolicy())
            stage.absorb(billers: week.billers, services: week.services)
            let names = Self.services + Self.billers + Self.sources
            let indices = stage.nameIndices(of: names)
            func index(_ name: String?) -> Int32 { name.map { indices[names.firstIndex(of: $0)!] } ?? -1 }
            for (reference, failure) in failures.enumerated() {
                try stage.append(PartialOutcomeRow(reference: Int64(reference), service: index(failure.service),
                                                   biller: index(failure.billerId), source: index(failure.sourceId),
                                                   day: failure.day))
            }
            let verdicts = try StaleVerdicts()
            for reference in stale { try verdicts.addStale(Int64(reference)) }
            try stage.finish(stale: verdicts)

            var expected = OutcomeFigures(policy: RetryPolicy())
            expected.absorb(billers: week.billers, services: week.services)
            for reference in stale {
                let failure = failures[reference]
                expected.markStale(service: failure.service, billerId: failure.billerId, sourceId: failure.sourceId,
                                   day: failure.day)
            }
            #expect(Self.staleFigures(stage.figures) == Self.staleFigures(expected))
        }

        @Test("a pair with fewer recent failures than stale ones is left to be moved in order")
        func runningOutIsLeftInOrder() throws {
            var stats = BillerStats()
            let day = Self.days[0]
            stats.consume(RecordFacts(time: Int64(day) * 86_400_000, service: "pump", billerId: "b1", sourceId: nil, isError: true))
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let before = try encoder.encode(stats)
            let tooMany = stats.markStale(billerId: "b1", sourceId: nil, byDay: [day: 1, nil: 1])
            #expect(!tooMany)
            #expect(try encoder.encode(stats) == before)
            let one = stats.markStale(billerId: "b1", sourceId: nil, byDay: [day: 1])
            #expect(one)
            #expect(stats.pairs[BillerKey(billerId: "b1", sourceId: nil)]?.staleFailures == 1)
            #expect(stats.pairs[BillerKey(billerId: "b1", sourceId: nil)]?.daily[day]?.staleFailures == 1)
        }
    }
}
