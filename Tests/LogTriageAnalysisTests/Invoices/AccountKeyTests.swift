import Testing
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension StaleInvoices {
    /// An account's loop key is FNV-1a of the service's bytes, a unit separator and the
    /// account's bytes, hashed field by field without building the joined text.
    @Suite struct AccountKeyTests {
        /// The key of the joined bytes, as a plain reading of FNV-1a gives it.
        static func reference(service: String, account: String) -> UInt64 {
            (Array(service.utf8) + [0x1F] + Array(account.utf8))
                .reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
        }

        @Test func keysAreTheHashOfTheJoinedBytes() {
            var random = SplitMix64(seed: 0xACC7)
            let pieces = ["billing", "ACC-", "é", "日本", "-", "0", "42", "", " "]
            var keys: Set<UInt64> = []
            var pairs: Set<[String]> = []
            for _ in 0..<20_000 {
                let service = (0..<Int(random.next() % 4)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
                let account = (0..<Int(random.next() % 5)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
                    + String(random.next() % 100_000)
                let key = StaleInvoiceStage.accountKey(service: service, account: account)
                #expect(key == Self.reference(service: service, account: account), "\(service) \(account)")
                keys.insert(key)
                pairs.insert([service, account])
            }
            // Distinct (service, account) pairs get distinct keys, and the same account id in two
            // services two keys.
            #expect(keys.count == pairs.count)
            #expect(StaleInvoiceStage.accountKey(service: "billing", account: "ACC-1")
                != StaleInvoiceStage.accountKey(service: "invoice-sync", account: "ACC-1"))
        }
    }
}
