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

        /// The keyed sort against a plain sort by ``InvoiceObservation/precedes(_:_:)``, on
        /// accounts that tie in their first 16 bytes, run past them, end in zero bytes, are
        /// prefixes of each other or hold bytes above 0x7F.
        @Test func keyedSortOrdersAsPrecedes() {
            var generator = SeededGenerator(seed: 41)
            let stems = ["", "0123456789abcdef", "0123456789abcde", "0123456789abcdef0", "a", "a\u{0}", "a\u{0}\u{0}",
                         "\u{E9}", "e\u{301}", "0123456789abcdefz", "0123456789abcdefaa", "ffffffffffffff"]
            let rows = (0..<3_000).map { _ in
                var account = stems.randomElement(using: &generator)!
                if Bool.random(using: &generator) { account += String(Int.random(in: 0..<3, using: &generator)) }
                return InvoiceObservation(account: account, invoiceDay: Int32.random(in: 0..<3, using: &generator),
                                          time: Int64.random(in: 0..<4, using: &generator),
                                          outcome: [.success, .otherFailure, .invoiceStateFailure].randomElement(using: &generator)!,
                                          reference: Int64.random(in: 0..<1_000_000, using: &generator))
            }
            var keyed = rows
            InvoiceObservation.sort(&keyed)
            #expect(keyed == rows.sorted(by: InvoiceObservation.precedes))
        }

        @Test func observationsOrderByAccountBytesThenTimeDayOutcomeReference() {
            func observation(_ account: String, _ time: Int64, _ day: Int32, _ outcome: InvoiceOutcome, _ reference: Int64) -> InvoiceObservation {
                InvoiceObservation(account: account, invoiceDay: day, time: time, outcome: outcome, reference: reference)
            }
            let ordered = [
                observation("a", 5, 9, .otherFailure, 9),
                observation("a", 6, 1, .otherFailure, 9),
                observation("a", 6, 2, .success, 9),
                observation("a", 6, 2, .invoiceStateFailure, 1),
                observation("a", 6, 2, .invoiceStateFailure, 2),
                observation("ab", 0, 0, .success, 0),
                observation("b", 0, 0, .success, 0),
                // Canonically equal spellings of "é" are different bytes and must not tie:
                // decomposed (65 CC 81) before precomposed (C3 A9).
                observation("e\u{301}", 0, 0, .success, 0),
                observation("\u{E9}", 0, 0, .success, 0),
            ]
            for (index, row) in ordered.enumerated() {
                for (other, later) in ordered.enumerated() {
                    #expect(InvoiceObservation.precedes(row, later) == (index < other), "\(index) vs \(other)")
                }
            }
        }
    }
}
