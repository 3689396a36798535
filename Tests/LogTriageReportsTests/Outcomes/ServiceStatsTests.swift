import Testing
@testable import LogTriageAnalysis
@testable import LogTriageReports
@testable import LogTriageBasics
import LogTriageTestSupport

extension Outcomes {
    @Suite struct ServiceStatsTests {
        static func handMade() -> ServiceStats {
            var stats = ServiceStats()
            let records = [
                RecordFacts(service: "api", billerId: "b", sourceId: "s", accountId: "a", invoiceDate: "2026-01-01",
                            traceId: "t1", durationMs: 100),
                RecordFacts(service: "api", billerId: "b", accountId: "a", isError: true, hasStack: true, durationMs: 200),
                RecordFacts(service: "api", billerId: "b", accountId: "a", isError: true, durationMs: 300),
                RecordFacts(service: "api", accountId: "a", isWarning: true, outcome: "failure", durationMs: 400),
                RecordFacts(service: "worker", sourceId: "s", isError: true, hasStack: true),
                RecordFacts(service: "worker", sourceId: "s", traceId: "t2"),
                RecordFacts(service: "worker"),
            ]
            for record in records { stats.consume(record) }
            return stats
        }

        @Test("services.csv: counts, missing-field ratios, stale failures, percentiles, by name")
        func exactRows() {
            var stats = Self.handMade()
            let moved1 = stats.markStale(service: "api")
            #expect(moved1)
            let moved2 = stats.markStale(service: "nowhere")
            #expect(!moved2)
            let table = ServicesTable.table(for: stats)
            #expect(table.rendered() == """
                service,records,errors,warnings,stale_failures,dead_letters,retry_mismatches,missing_source_id,missing_biller_id,missing_account_id,p50_ms,p95_ms,p99_ms
                api,4,2,1,1,0,0,0.7500,0.2500,0.0000,200,400,400
                worker,3,1,0,0,0,0,0.3333,1.0000,1.0000,,,

                """)
        }

        @Test("the report's data-quality figures")
        func dataQuality() throws {
            let stats = Self.handMade()
            let api = try #require(stats.services["api"])
            #expect(api.failures == 3)
            #expect(api.unattributedFailures == 3)
            #expect(api.errorsWithoutStack == 1)
            #expect(api.missingInvoiceDateRatio == 0.75)
            #expect(api.missingTraceIdRatio == 0.75)
            let worker = try #require(stats.services["worker"])
            #expect(worker.unattributedFailures == 0)
            #expect(worker.errorsWithoutStack == 0)
        }

        @Test("stale failures never exceed the service's failures")
        func staleBounds() {
            var stats = Self.handMade()
            let moved3 = stats.markStale(service: "worker")
            #expect(moved3)
            let moved4 = stats.markStale(service: "worker")
            #expect(!moved4)
            #expect(stats.services["worker"]?.staleFailures == 1)
        }

        @Test("services that never or rarely send sourceId, with the failures that cost")
        func sourceIdGaps() {
            var stats = ServiceStats()
            for index in 0..<10 {
                stats.consume(RecordFacts(service: "gateway", isError: index < 4))
                stats.consume(RecordFacts(service: "poller", sourceId: index == 0 ? "s" : nil, isError: index < 2))
                stats.consume(RecordFacts(service: "exporter", sourceId: index < 5 ? "s" : nil, isError: true))
            }
            let gaps = stats.sourceIdGaps(minimumMissingRatio: 0.9)
            #expect(gaps.map(\.service) == ["gateway", "poller"])
            #expect(gaps[0] == SourceIdGap(service: "gateway", records: 10, missingSourceId: 10, unattributedFailures: 4))
            #expect(gaps[0].never)
            #expect(!gaps[1].never)
            #expect(gaps[1].missingRatio == 0.9)
            #expect(gaps[1].unattributedFailures == 1)
            #expect(stats.sourceIdGaps(minimumMissingRatio: 0.5).count == 3)
        }

        @Test("merging equals consuming everything")
        func merge() {
            var first = ServiceStats(), second = ServiceStats(), whole = ServiceStats()
            for index in 0..<30 {
                let record = RecordFacts(service: "svc\(index % 3)", sourceId: index % 4 == 0 ? "s" : nil,
                                         isError: index % 5 == 0, durationMs: Double(index * 10))
                whole.consume(record)
                if index < 13 { first.consume(record) } else { second.consume(record) }
            }
            first.merge(second)
            #expect(ServicesTable.table(for: first).rendered() == ServicesTable.table(for: whole).rendered())
        }
    }
}
