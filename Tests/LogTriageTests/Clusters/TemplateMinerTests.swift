import LogTriageAnalysis
import Testing

extension Clusters {
    @Suite struct TemplateMinerTests {
        @Test func sameErrorAfterADeployGetsTheSameTemplate() {
            let miner = TemplateMiner()
            let before = miner.add("Invoice INV-2024-00017 not found for account 88812 (v2.3.1)")
            let after = miner.add("Invoice INV-2023-99999 not found for account 1 (v2.4.0)")
            #expect(miner.finalID(of: before) == miner.finalID(of: after))
            #expect(miner.template(of: after) == "Invoice <*> not found for account <*> (<*>)")
            #expect(miner.templateCount == 1)
        }

        @Test func versionsLineNumbersAndJarPathsAreVariables() {
            let miner = TemplateMiner()
            let a = miner.add("NullPointerException at com.acme.Billing.charge(Billing.java:42) in billing-core-1.4.0-SNAPSHOT.jar")
            let b = miner.add("NullPointerException at com.acme.Billing.charge(Billing.java:57) in billing-core-1.5.2.jar")
            #expect(miner.finalID(of: a) == miner.finalID(of: b))
        }

        @Test func javaStyleMessagesKeepTheirWords() {
            let miner = TemplateMiner()
            let refused = miner.add("Connection refused: billing-api.internal:8443")
            miner.add("Connection refused: ledger.internal:5432")
            let timeout = miner.add("Read timed out after 30000 ms")
            miner.add("Read timed out after 5000 ms")
            let io = miner.add("I/O error on POST request for \"https://api.biller.com/v1/pay?acct=123\": Read timed out")
            miner.add("I/O error on POST request for \"https://api.biller.com/v1/refund?acct=9\": Read timed out")
            #expect(miner.template(of: refused) == "Connection refused: <*>")
            #expect(miner.template(of: timeout) == "Read timed out after <*>")
            #expect(miner.template(of: io) == "I/O error on POST request for \"<*>\": Read timed out")
            #expect(miner.templateCount == 3)
        }

        @Test func wordsBecomeVariablesOnlyAfterEnoughDistinctValues() {
            let miner = TemplateMiner()
            let startup = miner.add("cupsd startup succeeded")
            let shutdown = miner.add("cupsd shutdown succeeded")
            #expect(miner.finalID(of: startup) != miner.finalID(of: shutdown))

            let alice = miner.add("session closed for user alice")
            let bob = miner.add("session closed for user bob")
            #expect(miner.finalID(of: alice) != miner.finalID(of: bob))  // provisional: could be two events
            let carol = miner.add("session closed for user carol")
            // The third user name proves the position is a parameter; earlier ids resolve to one.
            #expect(miner.finalID(of: alice) == miner.finalID(of: carol))
            #expect(miner.finalID(of: bob) == miner.finalID(of: carol))
            #expect(miner.template(of: alice) == "session closed for user <*>")
            #expect(miner.add("session closed for user dave") == miner.finalID(of: alice))
            #expect(miner.messageCount(of: alice) == 4)
        }

        @Test func aVariableAtAPositionAbsorbsWordsThere() {
            let miner = TemplateMiner()
            let named = miner.add("Error loading ./runtime_malloc: invalid or missing program image")
            let numbered = miner.add("Error loading /home/u1/app.rts: invalid or missing program image")
            #expect(miner.finalID(of: named) == miner.finalID(of: numbered))
            #expect(miner.template(of: named) == "Error loading <*> invalid or missing program image")
        }

        @Test func overflowIsCountedOnceTheCapIsReached() {
            let miner = TemplateMiner(configuration: TemplateMinerConfiguration(maxTemplates: 2))
            let first = miner.add("alpha happened")
            miner.add("beta happened twice over")
            let third = miner.add("gamma")
            #expect(third == .overflow)
            #expect(miner.overflowCount == 1)
            #expect(miner.add("alpha happened") == first)  // known templates still match
            #expect(miner.templateCount == 2)
            #expect(miner.template(of: .overflow) == "<other templates>")
        }

        @Test func bytesAndStringsMineTheSame() {
            let miner = TemplateMiner()
            let fromString = miner.add("disk /dev/sda1 is 91% full")
            let fromBytes = Array("disk /dev/sdb2 is 97% full".utf8).withUnsafeBufferPointer { miner.add(utf8: $0) }
            #expect(fromString == fromBytes)
        }

        @Test func templatesAreListedMostFrequentFirst() {
            let miner = TemplateMiner()
            for index in 0..<3 { miner.add("job \(index) done") }
            miner.add("job failed")
            let listed = miner.templates
            #expect(listed.map(\.template) == ["job <*> done", "job failed"])
            #expect(listed.map(\.count) == [3, 1])
        }

        @Test func finalIDIsIdentityWithoutMerges() {
            let miner = TemplateMiner()
            let id = miner.add("nothing to merge here")
            #expect(miner.finalID(of: id) == id)
            #expect(miner.finalID(of: .overflow) == .overflow)
        }
    }
}
