import Foundation
import Testing
@testable import LogTriageAnalysis
@testable import LogTriageBasics
import LogTriageTestSupport

extension Outcomes {
    /// Biller and service figures counted by the run's name ids are those counted by the
    /// names' texts: also when new names keep arriving (a dictionary that gains a key may move
    /// every value), when two ids share one text, and across a merge of other figures.
    @Suite struct InternedFiguresTests {
        /// Per id its text; ids 6 and 7 share texts with 0 and 1 (bytes repaired alike).
        static let texts = ["gateway", "pump", "b1", "AUTOPAY", "WEB", "export", "gateway", "pump"]

        static func json<Value: Encodable>(_ value: Value) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        }

        @Test(arguments: [1, 2, 3] as [UInt64])
        func countedByIdsEqualsCountedByTexts(seed: UInt64) throws {
            var random = SplitMix64(seed: seed)
            var byText = OutcomeFigures(policy: RetryPolicy()), byID = OutcomeFigures(policy: RetryPolicy())
            for step in 0..<4_000 {
                // A new biller every so often, so the dictionaries keep gaining keys.
                let billerID = random.chance(10) ? Int32(100 + step) : Int32(random.int(2...7))
                let billerText = billerID >= 100 ? "biller-\(billerID)" : Self.texts[Int(billerID)]
                let serviceID = Int32(random.pick([0, 1, 5, 6, 7]))
                let sourceID: Int32 = random.chance(30) ? -1 : Int32(random.pick([3, 4]))
                let facts = RecordFacts(time: Int64(20_400 + random.int(0...2)) * 86_400_000 + Int64(step),
                                        service: Self.texts[Int(serviceID)], billerId: random.chance(20) ? nil : billerText,
                                        sourceId: sourceID < 0 ? nil : Self.texts[Int(sourceID)], isError: random.chance(40),
                                        durationMs: random.chance(50) ? Double(random.int(1...9_000)) : nil)
                byText.consume(facts)
                byID.consume(facts, names: RecordNames(service: serviceID, billerId: facts.billerId == nil ? -1 : billerID,
                                                       sourceId: sourceID))
                if step == 2_000 {
                    // Figures of another run taken in halfway: keys arrive from outside the ids.
                    var other = BillerStats(), otherServices = ServiceStats()
                    other.consume(RecordFacts(time: 1, service: "late", billerId: "merged-biller", isError: true))
                    otherServices.consume(RecordFacts(time: 1, service: "late"))
                    byText.absorb(billers: other, services: otherServices)
                    byID.absorb(billers: other, services: otherServices)
                }
            }
            let textPairs = byText.billers.sortedPairs(), idPairs = byID.billers.sortedPairs()
            #expect(textPairs.count == idPairs.count)
            #expect(textPairs.count > 100, "new billers kept arriving")
            for (text, id) in zip(textPairs, idPairs) {
                #expect(text.key == id.key)
                #expect(try Self.json(text.figures) == Self.json(id.figures))
            }
            let textServices = byText.services.sortedServices(), idServices = byID.services.sortedServices()
            #expect(textServices.map(\.service) == ["export", "gateway", "late", "pump"])
            #expect(idServices.map(\.service) == textServices.map(\.service))
            for (text, id) in zip(textServices, idServices) {
                #expect(try Self.json(text.figures) == Self.json(id.figures))
            }
        }
    }
}
