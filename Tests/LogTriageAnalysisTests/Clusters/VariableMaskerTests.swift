import LogTriageAnalysis
import Testing
import LogTriageTestSupport

extension Clusters {
    @Suite struct VariableMaskerTests {
        let masker = VariableMasker()

        @Test(arguments: [
            // numbers, hex, UUIDs, business ids
            ("retry 3 of 5 failed", "retry <*> of <*> failed"),
            ("bad address 0x7fff5fbff8c8 in frame", "bad address <*> in frame"),
            ("request 3f2b8c1e-9d4a-4e6b-8f1a-2c3d4e5f6a7b rejected", "request <*> rejected"),
            ("Invoice INV-2024-00017 not found", "Invoice <*> not found"),
            // e-mail, IPs, host:port
            ("mail to jane.doe@example.com bounced", "mail to <*> bounced"),
            ("Invalid user admin from 173.234.31.186", "Invalid user admin from <*>"),
            ("Connection refused: billing-api.internal:8443", "Connection refused: <*>"),
            ("connected to [2001:db8::1]:443", "connected to [<*>]"),
            ("peer (10.0.0.1:5000) gone", "peer (<*>) gone"),
            // URLs and query strings
            ("GET https://api.biller.com/v1/pay?acct=123&x=y returned 502", "GET <*> returned <*>"),
            ("fetching http://localhost/status failed", "fetching <*> failed"),
            // quoted values
            ("I/O error on POST request for \"https://api.biller.com/v1/pay?acct=123\": Read timed out",
             "I/O error on POST request for \"<*>\": Read timed out"),
            // words inside quotes are words: the miner judges them by how they vary
            ("Unknown column 'customer_ref' in 'field list'", "Unknown column 'customer_ref' in 'field list'"),
            ("user said \"hello there, world\" twice", "user said \"hello there, world\" twice"),
            ("\"GET /billers/B017/balance HTTP/1.1\" 200", "\"GET <*> <*>\" <*>"),
            ("Could not resolve type id 'invoice.updated.v2'", "Could not resolve type id '<*>'"),
            ("name \"\" is empty", "name \"<*>\" is empty"),
            ("Couldn't authenticate user", "Couldn't authenticate user"),
            // durations
            ("took 250ms", "took <*>"),
            ("Read timed out after 30000 ms", "Read timed out after <*>"),
            ("slow query (3.5s)", "slow query (<*>)"),
            ("cache size 4.5 KB, free 120 MB", "cache size <*>, free <*>"),
            ("sent 1190 bytes (1.16 KB), lifetime <1 sec", "sent <*>, lifetime <*>"),
            ("sent 0 bytes, lifetime 00:01", "sent <*>, lifetime <*>"),
            ("wrote 3000000 bytes (2.86MB) in 1 second", "wrote <*> in <*>"),
            ("idle for 3 hours (180 min)", "idle for <*>"),
            ("waited 250 milliseconds", "waited <*>"),
            // a bracket after a quantity that is not the same quantity stays
            ("read 10 bytes (partial) from 1.2.3.4 (5.6.7.8)", "read <*> (partial) from <*> (<*>)"),
            ("queue holds 12 (0x0c) jobs", "queue holds <*> (<*>) jobs"),
            ("answered in < 1 sec", "answered in <*>"),
            ("answered in ~ 250 ms", "answered in <*>"),
            // dates and times
            ("started at 2024-01-05T10:00:00.123Z", "started at <*>"),
            ("started at 2024-01-05 10:00:00 by cron", "started at <*> by cron"),
            ("tick 10:00:00,123 done", "tick <*> done"),
            ("connection at Sun Jul 24 02:38:22 2005", "connection at <*>"),
            // JSON fragments
            ("payload {\"id\": 17, \"name\": \"a b\"} rejected", "payload {<*>} rejected"),
            ("items [{\"sku\": \"X 1\"}, {\"sku\": \"Y\"}] out of stock", "items [<*>] out of stock"),
            ("body={\"ok\":false} from gateway", "body=<*> from gateway"),
            // key=value, key:value
            ("authentication failure; uid=0 euid=0 tty=NODEVssh ruser= rhost=10.0.0.1",
             "authentication failure; uid=<*> euid=<*> tty=NODEVssh ruser= rhost=<*>"),
            ("session opened by LOGIN(uid=0)", "session opened by LOGIN(uid=<*>)"),
            ("worker state=RUNNING", "worker state=RUNNING"),
            // in a list of key=value pairs each value is judged alone: the words stay
            ("job state=RUNNING,pid=12 changed", "job state=RUNNING,pid=<*> changed"),
            ("request (method:GET;id:5) done", "request (method:GET;id:<*>) done"),
            ("stats a=1,b=2 ok", "stats a=<*> ok"),
            ("items 1,2,red done", "items <*> done"),
            // booleans are values; null is as often a constant
            ("feature enabled=false for tenant", "feature enabled=<*> for tenant"),
            ("isScreenOn TRUE", "isScreenOn <*>"),
            ("Cannot invoke \"Biller.getId()\" because \"biller\" is null", "Cannot invoke \"Biller.getId()\" because \"biller\" is null"),
            ("trueness and nullable stay words", "trueness and nullable stay words"),
            ("onExtend:1514038530000 14 0 4", "onExtend:<*> <*>"),
            ("icache prefetch depth....................0x00000000", "icache prefetch depth....................<*>"),
            // release-dependent parts
            ("loaded plugin (v2.3.1)", "loaded plugin (<*>)"),
            ("artifact 1.4.0-SNAPSHOT deployed", "artifact <*> deployed"),
            ("at com.acme.Billing.charge(Billing.java:42)", "at <*>"),
            ("jar spring-core-5.3.1.jar missing", "jar <*> missing"),
            ("connection from 1.2.3.4 () at noon", "connection from <*> (<*>) at noon"),
            // a path without digits is words (an endpoint is the event); the miner judges it
            ("POST /api/payments failed", "POST /api/payments failed"),
            ("read/write error on I/O port", "read/write error on I/O port"),
        ])
        func masksOneKindOfVariable(message: String, expected: String) {
            #expect(masker.maskedMessage(message) == expected)
        }

        @Test func keepsPlainWordsAndPunctuation() {
            #expect(masker.mask("Registered signal handlers for [TERM, HUP, INT]")
                == ["Registered", "signal", "handlers", "for", "[TERM,", "HUP,", "INT]"])
            #expect(masker.mask("  leading   and trailing  ") == ["leading", "and", "trailing"])
            #expect(masker.mask("").isEmpty)
        }

        @Test func bytesAndStringAgree() {
            let message = "Invoice INV-2024-00017 not found for account 88812 (v2.3.1) \"q\" é"
            let fromBytes = Array(message.utf8).withUnsafeBufferPointer { masker.mask(utf8: $0) }
            #expect(fromBytes == masker.mask(message))
        }

        /// A JSON opening without its closer must not make masking quadratic: every later
        /// opening would scan to the end again.
        @Test func longUnbalancedJSONIsMaskedInOnePass() {
            let message = String(repeating: "x={\"a\": ", count: 40_000)
            let start = ContinuousClock.now
            let tokens = masker.mask(message)
            #expect(tokens.count == 40_000)
            #expect(ContinuousClock.now - start < .seconds(5))
        }

        @Test func unbalancedQuotesAndBracketsStayLiteral() {
            #expect(masker.maskedMessage("say \"hi") == "say \"hi")
            #expect(masker.maskedMessage("open {\"a\": 1") == "open {\"a\": <*>")
        }
    }
}
