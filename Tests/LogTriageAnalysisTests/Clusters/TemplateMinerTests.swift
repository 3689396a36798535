import LogTriageAnalysis
import Testing
import LogTriageTestSupport

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
            let reload = miner.add("cupsd reload succeeded")
            // Three words can still be three events (startup, shutdown, reload).
            #expect(Set([startup, shutdown, reload].map(miner.finalID)).count == 3)

            let alice = miner.add("session closed for user alice")
            let bob = miner.add("session closed for user bob")
            let carol = miner.add("session closed for user carol")
            #expect(miner.finalID(of: alice) != miner.finalID(of: carol))  // provisional: could be three events
            let dave = miner.add("session closed for user dave")
            // The fourth user name proves the position is a parameter; earlier ids resolve to one.
            #expect(Set([alice, bob, carol, dave].map(miner.finalID)).count == 1)
            #expect(miner.template(of: alice) == "session closed for user <*>")
            #expect(miner.add("session closed for user erin") == miner.finalID(of: alice))
            #expect(miner.messageCount(of: alice) == 5)
        }

        /// Mistake 1: a verb, an HTTP method or a state name inside quotes or brackets is a
        /// constant word; masking the whole span merged different events.
        @Test func constantWordsInsideQuotesAndBracketsKeepEventsApart() {
            let miner = TemplateMiner()
            var byMethod: [String: [TemplateID]] = [:]
            for method in ["GET", "POST", "DELETE"] {
                for path in ["/orders/17", "/orders/23", "/carts/9", "/users/41", "/users/58"] {
                    byMethod[method, default: []].append(miner.add("10.0.0.\(path.count) \"\(method) \(path) HTTP/1.1\" status: 200 len: 311"))
                }
            }
            let finals = byMethod.mapValues { Set($0.map(miner.finalID)) }
            #expect(finals.values.allSatisfy { $0.count == 1 })
            #expect(Set(finals.values.flatMap { $0 }).count == 3)
            #expect(miner.template(of: byMethod["POST"]![0]) == "<*> \"POST <*> <*>\" status: <*> len: <*>")

            let running = miner.add("worker [RUNNING] heartbeat from pool")
            let stopped = miner.add("worker [STOPPED] heartbeat from pool")
            #expect(miner.finalID(of: running) != miner.finalID(of: stopped))
            let up = miner.add("link state='up' on bond")
            let down = miner.add("link state='down' on bond")
            #expect(miner.finalID(of: up) != miner.finalID(of: down))
            let enabled = miner.add("feature flag=enabled for tenant")
            let disabled = miner.add("feature flag=disabled for tenant")
            #expect(miner.finalID(of: enabled) != miner.finalID(of: disabled))
        }

        /// Mistake 1 again, where a number sits beside the word: in a `key=value` list each
        /// value is judged alone, so the number does not take the constant word with it.
        @Test func aConstantWordBesideANumberInOneTokenKeepsEventsApart() {
            let miner = TemplateMiner()
            var byState: [String: [TemplateID]] = [:]
            for state in ["RUNNING", "STOPPED", "FAILED"] {
                for pid in [12, 345, 6789, 10, 11] {
                    byState[state, default: []].append(miner.add("job [state=\(state),pid=\(pid)] changed on node-\(pid % 7)"))
                }
            }
            #expect(byState.values.allSatisfy { Set($0.map(miner.finalID)).count == 1 })
            #expect(Set(byState.values.map { miner.finalID(of: $0[0]) }).count == 3)
            #expect(miner.template(of: byState["FAILED"]![0]) == "job [state=FAILED,pid=<*>] changed on <*>")

            let get = miner.add("request (method:GET;id:5) served")
            let post = miner.add("request (method:POST;id:6) served")
            #expect(miner.finalID(of: get) != miner.finalID(of: post))
        }

        /// Mistake 2 again: a value of any of these shapes is one variable, so one event stays one
        /// template whichever shape each message has.
        @Test func durationsSizesAndLiteralsOfAnyShapeAreOneVariable() {
            let miner = TemplateMiner()
            let sizes = ["0 bytes", "1190 bytes (1.16 KB)", "2910 bytes (2.84KB)", "17 bytes"]
            let lifetimes = ["<1 sec", "00:01", "1 second", "3 seconds", "250 milliseconds", "01:02:03"]
            var ids: [TemplateID] = []
            for (index, lifetime) in lifetimes.enumerated() {
                let sent = sizes[index % sizes.count], received = sizes[(index + 1) % sizes.count]
                ids.append(miner.add("proxy.example.org:443 close, \(sent) sent, \(received) received, lifetime \(lifetime)"))
            }
            #expect(Set(ids.map(miner.finalID)).count == 1)
            #expect(miner.template(of: ids[0]) == "<*> close, <*> sent, <*> received, lifetime <*>")

            let flags = ["true", "false", "TRUE", "False"].map { miner.add("initUserPrivacy the userPrivacy is \($0)") }
            #expect(Set(flags.map(miner.finalID)).count == 1)
            let enabled = ["enabled=true", "enabled=false"].map { miner.add("sync \($0) for account") }
            #expect(miner.finalID(of: enabled[0]) == miner.finalID(of: enabled[1]))
            #expect(miner.template(of: enabled[0]) == "sync enabled=<*> for account")
        }

        /// Words inside quotes still become a variable once they vary enough.
        @Test func aQuotedWordThatVariesBecomesAVariable() {
            let miner = TemplateMiner()
            let ids = ["ledger", "billing", "payments", "refunds", "audit"].map { miner.add("Started service '\($0)' on port 80") }
            #expect(Set(ids.map(miner.finalID)).count == 1)
            #expect(miner.template(of: ids[0]) == "Started service <*> on port <*>")
        }

        /// Mistake 2: variables with unusual shapes (durations, sizes, mixed words and numbers)
        /// must not split one event.
        @Test func variablesOfUnusualShapesStayOneTemplate() {
            let miner = TemplateMiner()
            let durations = ["<1 sec", "3 sec", "< 1 sec", "2.5 seconds", "00:01", "1:02:03", "~ 40 ms", "120ms"]
                .map { miner.add("upload of chunk finished, took \($0)") }
            #expect(Set(durations.map(miner.finalID)).count == 1)
            #expect(miner.template(of: durations[0]) == "upload of chunk finished, took <*>")

            // A bracket that restates the size in other units is part of it: `0 bytes` and
            // `1190 bytes (1.16 KB)` are one variable, whatever the number of tokens.
            let sizes = ["0 bytes", "1190 bytes (1.16 KB)", "3000000 bytes (2.86 MB)", "42 bytes (0.04KB)", "7 GB (7.00 GB)"]
                .map { miner.add("spooled \($0) to disk") }
            #expect(Set(sizes.map(miner.finalID)).count == 1)
            #expect(miner.template(of: sizes[1]) == "spooled <*> to disk")

            // A value that holds digits in one message and none in the next, at two positions.
            let first = miner.add("replica alpha moved to 10.1.4.7 by balancer")
            let second = miner.add("replica r-17b moved to west by balancer")
            #expect(miner.finalID(of: first) == miner.finalID(of: second))
            #expect(miner.template(of: first) == "replica <*> moved to <*> by balancer")

            // Paths without digits are words until four of them show the position varies.
            var paths = ["/static/*", "/ws/*", "/metrics/*"].map { miner.add("adding path spec: \($0)") }
            #expect(Set(paths.map(miner.finalID)).count == 3)
            paths.append(miner.add("adding path spec: /admin/*"))
            #expect(Set(paths.map(miner.finalID)).count == 1)
        }

        @Test func twoWordPhrasesThatChangeTogetherStayApart() {
            let miner = TemplateMiner()
            let phrases = ["bad sector", "slow seek", "lost interrupt", "stale handle", "torn write"]
            let ids = phrases.map { miner.add("disk check: \($0) on controller") }
            #expect(Set(ids.map(miner.finalID)).count == phrases.count)

            // A position with two words only is two events, whatever varies beside it.
            let users = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
            let sessions = users.enumerated().map { miner.add("user \($1) logged \($0 % 2 == 0 ? "in" : "out") today") }
            #expect(Set(sessions.map(miner.finalID)).count == 2)
            #expect(Set(sessions.map { miner.template(of: $0) }) == ["user <*> logged in today", "user <*> logged out today"])
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
