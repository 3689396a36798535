import Testing
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension StaleInvoices {
    /// An account's key decides the order accounts are sorted in on disk: writing its digits
    /// by hand must give the text the standard library's formatting gave.
    @Suite struct AccountKeyTests {
        /// The key as it was first written: the hash formatted with `radix: 16`, padded to 15.
        static func reference(service: String, account: String) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in service.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01b3
            for byte in account.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            let hex = String(hash >> 4, radix: 16)
            return String(repeating: "0", count: 15 - hex.count) + hex
        }

        @Test func keysAreTheFormattedHash() {
            var random = SplitMix64(seed: 0xACC7)
            let pieces = ["billing", "ACC-", "é", "日本", "-", "0", "42", "", " ", "\u{1F}"]
            var leadingZeros = 0
            for _ in 0..<20_000 {
                let service = (0..<Int(random.next() % 4)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
                let account = (0..<Int(random.next() % 5)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
                    + String(random.next() % 100_000)
                let key = StaleInvoiceStage.accountKey(service: service, account: account)
                #expect(key == Self.reference(service: service, account: account), "\(service) \(account)")
                #expect(key.utf8.count == 15 && key.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
                if key.hasPrefix("0") { leadingZeros += 1 }
            }
            // About one key in sixteen starts with a zero: the padding is exercised.
            #expect(leadingZeros > 600)
        }
    }
}
