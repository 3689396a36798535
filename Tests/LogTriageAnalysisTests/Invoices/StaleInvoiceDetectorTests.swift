import Foundation
import LogTriageAnalysis
import Testing

extension StaleInvoices {
    /// Loop rules of ``StaleInvoiceDetector`` on hand-made loops, then against a reference on
    /// random data with a tiny in-memory limit so the external sort merges many runs.
    @Suite struct StaleInvoiceDetectorTests {
        static let start: Int64 = 1_785_571_200_000 // 2026-08-01T08:00:00Z
        static let minute: Int64 = 60_000

        /// One observation of the loop key `account` (a service's account), `minutes` after ``start``.
        func record(_ reference: Int64, day: Int32, minutes: Int64, _ outcome: InvoiceOutcome,
                    account: UInt64 = 1) -> InvoiceObservation {
            InvoiceObservation(account: account, invoiceDay: day, time: Self.start + minutes * Self.minute,
                               outcome: outcome, reference: reference)
        }

        func run(_ batches: [[InvoiceObservation]], gap: Int64 = 600_000) throws -> DetectorRun {
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let run = try DetectorRun.run(batches, gap: gap, in: scratch)
            #expect(scratch.contents.isEmpty)
            return run
        }

        @Test func olderInvoiceStateFailuresAreStaleWhenTheNewestInvoiceSucceeds() throws {
            let run = try run([[
                record(1, day: 100, minutes: 0, .invoiceStateFailure),
                record(2, day: 101, minutes: 1, .invoiceStateFailure),
                record(3, day: 102, minutes: 2, .success),
            ]])
            #expect(run.verdictPairs == [[1, 1], [2, 1]])
            #expect(run.summary == StaleInvoiceSummary(observations: 3, accounts: 1, loops: 1, loopsWithStaleFailures: 1,
                                                       staleFailures: 2, recentFailures: 0))
        }

        @Test func noneIsStaleWhenTheNewestInvoiceFailsTheSameWay() throws {
            let run = try run([[
                record(1, day: 100, minutes: 0, .invoiceStateFailure),
                record(2, day: 101, minutes: 1, .invoiceStateFailure),
                record(3, day: 102, minutes: 2, .invoiceStateFailure),
            ]])
            #expect(run.verdictPairs == [[1, 0], [2, 0], [3, 0]])
            #expect(run.summary.recentFailures == 3)
            #expect(run.summary.loopsWithStaleFailures == 0)
        }

        @Test func aTimeoutOnTheNewestInvoiceLeavesOlderInvoiceStateFailuresStale() throws {
            let run = try run([[
                record(1, day: 100, minutes: 0, .invoiceStateFailure),
                record(2, day: 101, minutes: 1, .otherFailure),
            ]])
            #expect(run.verdictPairs == [[1, 1], [2, 0]])
        }

        @Test func aTimeoutOnAnOldInvoiceIsNeverStale() throws {
            let run = try run([[
                record(1, day: 100, minutes: 0, .otherFailure),
                record(2, day: 101, minutes: 1, .success),
            ]])
            #expect(run.verdictPairs == [[1, 0]])
            #expect(run.summary.staleFailures == 0)
        }

        @Test func loopsAnHourApartAreJudgedSeparately() throws {
            let run = try run([[
                record(1, day: 100, minutes: 0, .invoiceStateFailure),
                record(2, day: 100, minutes: 1, .success),
                record(3, day: 101, minutes: 61, .success),
                record(4, day: 100, minutes: 62, .invoiceStateFailure),
            ]])
            // Loop 1 has only invoice 100: nothing newer in it. In loop 2, 100 is older than 101.
            #expect(run.verdictPairs == [[1, 0], [4, 1]])
            #expect(run.summary.loops == 2)
        }

        @Test func aGapOfExactlyTheLimitContinuesTheLoop() throws {
            let run = try run([[
                record(1, day: 100, minutes: 0, .invoiceStateFailure),
                record(2, day: 101, minutes: 10, .success),
                record(3, day: 100, minutes: 30, .invoiceStateFailure),
                record(4, day: 101, minutes: 41, .success),
            ]])
            #expect(run.verdictPairs == [[1, 1], [3, 0]])
            #expect(run.summary.loops == 3)
        }

        @Test func otherAccountsAndServicesDoNotMakeAFailureStale() throws {
            let run = try run([[
                // One service's account, another account of it, and the first account's id in
                // another service: three loop keys.
                record(1, day: 100, minutes: 0, .invoiceStateFailure, account: 1),
                record(2, day: 105, minutes: 1, .success, account: 2),
                record(3, day: 105, minutes: 1, .success, account: 3),
            ]])
            #expect(run.verdictPairs == [[1, 0]])
            #expect(run.summary.accounts == 3)
            #expect(run.summary.loops == 3)
        }

        @Test func theNewestInvoicesLatestObservationDecides() throws {
            // Invoice 101 failed, then went through on a retry: the older failure is noise.
            let retried = try run([[
                record(1, day: 100, minutes: 0, .invoiceStateFailure),
                record(2, day: 101, minutes: 1, .invoiceStateFailure),
                record(3, day: 101, minutes: 2, .success),
            ]])
            #expect(retried.verdictPairs == [[1, 1], [2, 0]])
            // Two outcomes for the newest invoice in the same millisecond: the pessimistic one wins.
            let tie = try run([[
                record(1, day: 100, minutes: 0, .invoiceStateFailure),
                record(2, day: 101, minutes: 1, .success),
                record(3, day: 101, minutes: 1, .invoiceStateFailure),
            ]])
            #expect(tie.verdictPairs == [[1, 0], [3, 0]])
        }

        @Test func aLoopSplitAcrossTwoFilesGetsTheSameVerdictsInEitherOrder() throws {
            let morning = [
                record(10, day: 100, minutes: 0, .invoiceStateFailure),
                record(11, day: 101, minutes: 4, .invoiceStateFailure),
            ]
            let later = [
                record(12, day: 102, minutes: 9, .success),
                record(13, day: 101, minutes: 12, .otherFailure),
            ]
            let forward = try run([morning, later])
            let backward = try run([later.reversed(), morning.reversed()])
            #expect(forward.verdictPairs == [[10, 1], [11, 1], [13, 0]])
            #expect(backward.verdictPairs == forward.verdictPairs)
            #expect(backward.summary == forward.summary)
        }

        @Test func verdictsComeInReferenceOrderAndOnlyForFailures() throws {
            let run = try run([[
                record(9, day: 100, minutes: 0, .invoiceStateFailure),
                record(-3, day: 102, minutes: 2, .success),
                record(4, day: 101, minutes: 1, .otherFailure),
                record(7, day: 100, minutes: 1, .invoiceStateFailure),
            ]])
            #expect(run.verdicts.map(\.reference) == [4, 7, 9])
        }

        @Test func theDetectorIsSpentAfterFinish() throws {
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let detector = try StaleInvoiceDetector(temporaryDirectory: scratch.path)
            _ = try detector.finish { _, _ in }
            #expect(detector.spoolPath == nil)
            #expect(throws: StaleInvoiceError.alreadyFinished) { try detector.observe(record(1, day: 1, minutes: 0, .success)) }
            #expect(throws: StaleInvoiceError.alreadyFinished) { _ = try detector.finish { _, _ in } }
            #expect(throws: StaleInvoiceError.invalidLimit(name: "maxRowsInMemory", value: 0)) {
                _ = try StaleInvoiceDetector(temporaryDirectory: scratch.path, maxRowsInMemory: 0)
            }
        }

        @Test func spoolFilesAreRemovedOnErrorAndWhenTheDetectorIsDropped() throws {
            struct Stop: Error {}
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            do {
                let detector = try StaleInvoiceDetector(temporaryDirectory: scratch.path, maxRowsInMemory: 2)
                for reference in 0..<10 {
                    try detector.observe(record(Int64(reference), day: Int32(reference), minutes: Int64(reference), .invoiceStateFailure))
                }
                #expect(!scratch.contents.isEmpty)
                #expect(throws: Stop.self) { _ = try detector.finish { _, _ in throw Stop() } }
                #expect(scratch.contents.isEmpty)
            }
            do {
                let detector = try StaleInvoiceDetector(temporaryDirectory: scratch.path, maxRowsInMemory: 2)
                for reference in 0..<10 {
                    try detector.observe(record(Int64(reference), day: 1, minutes: 0, .success))
                }
                #expect(scratch.contents.count == 1)
            }
            #expect(scratch.contents.isEmpty)
        }

        /// Random accounts, days, times and outcomes, observed in two shuffled orders with room
        /// for only 7 rows in memory (about 170 runs, more than one merge fans in, so merged in two passes), must match the
        /// in-memory reference exactly.
        @Test(arguments: [1, 2, 42] as [UInt64])
        func matchesTheInMemoryReferenceOnRandomData(seed: UInt64) throws {
            var generator = SeededGenerator(seed: seed)
            // Keys spread over the whole range, both sides of the signed boundary among them.
            let accounts = (0..<25).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
            var observations: [InvoiceObservation] = []
            for reference in 0..<1_200 {
                let outcome = [InvoiceOutcome.success, .success, .invoiceStateFailure, .invoiceStateFailure, .otherFailure]
                    .randomElement(using: &generator)!
                observations.append(InvoiceObservation(
                    account: accounts.randomElement(using: &generator)!,
                    invoiceDay: Int32.random(in: 20_660...20_666, using: &generator),
                    // Times on a coarse grid so ties in time (and gaps of exactly the limit) occur.
                    time: Self.start + Int64.random(in: 0..<300, using: &generator) * Self.minute / 2,
                    outcome: outcome,
                    reference: Int64(reference) * 7 % 1_201))
            }
            let expected = StaleInvoiceReference.run(observations, gap: 10 * Self.minute)
            #expect(expected.summary.staleFailures > 0)
            #expect(expected.summary.recentFailures > 0)
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let forward = try DetectorRun.run([observations.shuffled(using: &generator)], gap: 10 * Self.minute,
                                              maxRowsInMemory: 7, in: scratch)
            let backward = try DetectorRun.run([observations.reversed()], gap: 10 * Self.minute,
                                               maxRowsInMemory: 7, in: scratch)
            // The accounts' parts judged side by side.
            let sideBySide = try DetectorRun.run([observations.shuffled(using: &generator)], gap: 10 * Self.minute,
                                                 maxRowsInMemory: 7, threads: 2, in: scratch)
            #expect(forward.firstDifference(from: expected) == nil)
            #expect(forward.summary == expected.summary)
            #expect(backward.firstDifference(from: expected) == nil)
            #expect(sideBySide.firstDifference(from: expected) == nil)
            #expect(sideBySide.summary == expected.summary)
            #expect(Set(observations.map { StaleInvoiceDetector.part(of: $0.account) }).count == StaleInvoiceDetector.partCount,
                    "every part holds accounts")
            #expect(scratch.contents.isEmpty)
        }
    }
}
