/// An account's open invoices as the pump sees them, derived from the account number and
/// the seed alone, so every loop over the same account meets the same invoices.
///
/// Invoices are ordered oldest first; the newest is dated October 2026 and each older
/// one a month earlier. Older invoices are stale (already settled, closed, gone at the
/// biller) with probability 0.75 each; the newest never is.
struct PumpAccount {
    let index: Int
    let invoiceCount: Int
    let biller: Int
    let billingDay: Int
    /// Bit `i` set: invoice `i` (0 = oldest) is stale at the biller.
    let staleMask: UInt64
    private let reasonBits: UInt64

    static let countCumulative = SampleCatalog.cumulative([35, 25, 20, 12, 8])

    init(index: Int, seed: UInt64) {
        var random = SampleRandom(seed: SampleRandom.hash(seed, 0x5055_4D50, UInt64(index)), stream: 2)
        self.index = index
        invoiceCount = 1 + random.weighted(Self.countCumulative)
        biller = random.weighted(SampleCatalog.billerCumulative)
        billingDay = random.int(in: 1...28)
        var mask: UInt64 = 0
        for invoice in 0..<(invoiceCount - 1) where random.chance(0.75) { mask |= 1 << UInt64(invoice) }
        staleMask = mask
        reasonBits = random.next()
    }

    var accountId: String { String(10_000 + index) }

    func isStale(_ invoice: Int) -> Bool { staleMask & (1 << UInt64(invoice)) != 0 }

    /// Which invoice-state answer the biller gives for `invoice` (0-3).
    func staleReason(_ invoice: Int) -> Int { Int((reasonBits >> UInt64(2 * invoice)) & 3) }

    /// The invoice number, unique across accounts: `INV-2026-<number>`.
    func invoiceNumber(_ invoice: Int) -> Int { index * 5 + invoice + 1 }

    /// `INV-2026-00017`: the invoice number zero-padded to at least five digits.
    func invoiceId(_ invoice: Int) -> String {
        let digits = String(invoiceNumber(invoice))
        return "INV-2026-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    /// `2026-MM-DD` of `invoice`.
    func invoiceDate(_ invoice: Int) -> String {
        let month = 10 - (invoiceCount - 1 - invoice)
        let day = billingDay
        return "2026-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}
