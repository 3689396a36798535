@testable import LogTriageBasics
@testable import LogTriageAnalysis
import Testing

extension StaleInvoices {
    /// The external sort on its own: many runs, merged in several passes when they outnumber
    /// the fan-in, give the same order as an in-memory sort and leave no file behind.
    @Suite struct ExternalSorterTests {
        @Test(arguments: [(1, 2), (3, 4), (7, 64), (1_000, 64)])
        func sortsLikeAnInMemorySort(maxRowsInMemory: Int, maxFanIn: Int) throws {
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            var generator = SeededGenerator(seed: UInt64(maxRowsInMemory * 100 + maxFanIn))
            let rows = (0..<500).map { _ in
                InvoiceVerdict(reference: Int64.random(in: -50...50, using: &generator), stale: Bool.random(using: &generator))
            }
            let directory = try SpoolDirectory(in: scratch.path)
            let sorter = ExternalSorter<InvoiceVerdict>(directory: directory, purpose: "test",
                                                        maxRowsInMemory: maxRowsInMemory, maxFanIn: maxFanIn)
            for row in rows { try sorter.append(row) }
            #expect(sorter.runCount == (maxRowsInMemory >= rows.count ? 0 : rows.count / maxRowsInMemory))
            var sorted: [InvoiceVerdict] = []
            try sorter.drain { sorted.append($0) }
            #expect(sorted == rows.sorted(by: InvoiceVerdict.precedes))
            #expect(sorter.runCount == 0)
            #expect(ScratchDirectory(existing: directory.path).contents.isEmpty)
            directory.remove()
            #expect(scratch.contents.isEmpty)
        }

        /// The sort through a permutation against a plain sort by
        /// ``InvoiceObservation/precedes(_:_:)``, on accounts that tie, sit on either side of
        /// the signed boundary (a key is spooled as an `Int64` bit pattern but orders unsigned)
        /// or at the ends of the range.
        @Test func permutedSortOrdersAsPrecedes() {
            var generator = SeededGenerator(seed: 41)
            let accounts: [UInt64] = [0, 1, 2, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0x8000_0000_0000_0001,
                                      0xFFFF_FFFF_FFFF_FFFE, .max, 0x00FF_0000_0000_0000]
            let rows = (0..<3_000).map { _ in
                InvoiceObservation(account: accounts.randomElement(using: &generator)!,
                                   invoiceDay: Int32.random(in: 0..<3, using: &generator),
                                   time: Int64.random(in: 0..<4, using: &generator),
                                   outcome: [.success, .otherFailure, .invoiceStateFailure].randomElement(using: &generator)!,
                                   reference: Int64.random(in: 0..<1_000_000, using: &generator))
            }
            var permuted = rows
            InvoiceObservation.sort(&permuted)
            #expect(permuted == rows.sorted(by: InvoiceObservation.precedes))
        }

        @Test func observationsOrderByAccountThenTimeDayOutcomeReference() {
            func observation(_ account: UInt64, _ time: Int64, _ day: Int32, _ outcome: InvoiceOutcome, _ reference: Int64) -> InvoiceObservation {
                InvoiceObservation(account: account, invoiceDay: day, time: time, outcome: outcome, reference: reference)
            }
            let ordered = [
                observation(1, 5, 9, .otherFailure, 9),
                observation(1, 6, 1, .otherFailure, 9),
                observation(1, 6, 2, .success, 9),
                observation(1, 6, 2, .invoiceStateFailure, 1),
                observation(1, 6, 2, .invoiceStateFailure, 2),
                observation(2, 0, 0, .success, 0),
                observation(0x7FFF_FFFF_FFFF_FFFF, 0, 0, .success, 0),
                // Unsigned: a key with its top bit set sorts after every key without it.
                observation(0x8000_0000_0000_0000, 0, 0, .success, 0),
                observation(.max, 0, 0, .success, 0),
            ]
            for (index, row) in ordered.enumerated() {
                for (other, later) in ordered.enumerated() {
                    #expect(InvoiceObservation.precedes(row, later) == (index < other), "\(index) vs \(other)")
                }
            }
        }

        /// A spooled observation reads back as written, keys above `Int64.max` too.
        @Test func observationsRoundTripThroughASpool() throws {
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let directory = try SpoolDirectory(in: scratch.path)
            defer { directory.remove() }
            let rows = [InvoiceObservation(account: .max, invoiceDay: -3, time: -1, outcome: .invoiceStateFailure, reference: .max),
                        InvoiceObservation(account: 0x8000_0000_0000_0000, invoiceDay: 20_400, time: 1_762_700_060_000,
                                           outcome: .success, reference: 0),
                        InvoiceObservation(account: 0, invoiceDay: .max, time: .max, outcome: .otherFailure, reference: -7)]
            let sorter = ExternalSorter<InvoiceObservation>(directory: directory, purpose: "round-trip", maxRowsInMemory: 1)
            for row in rows { try sorter.append(row) }
            var read: [InvoiceObservation] = []
            try sorter.drain { read.append($0) }
            #expect(read == rows.sorted(by: InvoiceObservation.precedes))
        }
    }
}
