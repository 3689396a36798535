import LogTriageAnalysis
import Testing

extension StaleInvoices {
    /// `invoiceDate` in the forms exports hold; records whose date cannot be read stay unjudged.
    @Suite struct InvoiceDateTests {
        static let august1: Int32 = 20_666 // 2026-08-01

        @Test(arguments: [
            ("2026-08-01", august1),
            (" 2026-08-01\n", august1),
            ("20260801", august1),
            ("2026-08-01T10:15:00Z", august1),
            ("2026-08-01T00:00:00+02:00", august1),   // the date as written, not UTC's July 31
            ("2026-08-01T23:30:00.250-05:00", august1),
            ("2026-08-01 08:00:00", august1),
            ("1785542400000", august1),              // epoch milliseconds
            ("1785628799", august1),                 // epoch seconds, last second of the day
            ("1785542400.5", august1),
            ("1970-01-01", 0),
            ("2024-02-29", 19_782),
        ] as [(String, Int32)])
        func readsDates(text: String, day: Int32) {
            #expect(InvoiceDate.day(text) == day)
        }

        @Test(arguments: ["", "   ", "null", "not a date", "2026-13-01", "2026-02-30", "2025-02-29", "01/08/2026",
                          "-5", "2026-08-01Tgarbage", "2026-8-1", "INV-2026-00017", "2026-08-01T25:00:00Z"])
        func rejectsWhatIsNotADate(text: String) {
            #expect(InvoiceDate.day(text) == nil)
        }
    }
}
