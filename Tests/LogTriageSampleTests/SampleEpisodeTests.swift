import Foundation
import Testing
@testable import LogTriageSample
import LogTriageTestSupport

/// The planted episodes are present where the manifest says, and only there.
@Suite struct SampleEpisodeTests {
    typealias Record = SampleTestSupport.Record
    static var records: [Record] { SampleTestSupport.scaleOne.records }

    static func episode(_ id: String) -> SampleEpisode {
        SampleTestSupport.scaleOne.manifest.episodes.first { $0.id == id }!
    }

    static func status(_ record: Record) -> String? {
        record["http.statusCode"] ?? record["httpResponseCode"] ?? record["response.status"]
    }

    @Test func episodeWindowsAreExact() {
        let b017 = Self.episode("b017-outage")
        #expect(b017.start == "2026-11-11T14:00:00.000Z" && b017.end == "2026-11-11T14:45:00.000Z")
        #expect(Self.episode("b009-rotated-credentials").start == "2026-11-12T09:00:00.000Z")
        #expect(Self.episode("sync-v2-deserialization").start == "2026-11-12T16:00:00.000Z")
        #expect(Self.episode("export-dead-letter-outage").start == "2026-11-14T03:10:00.000Z")
        #expect(SampleTestSupport.scaleOne.manifest.weekStartMs == 1_794_182_400_000)
    }

    @Test func b017ServerErrorsOnlyInsideTheWednesdayWindow() {
        let episode = Self.episode("b017-outage")
        let window = episode.startMs..<episode.endMs
        let errors = Self.records.filter {
            $0["billerId"] == "B017" && $0.service == "rtd-gateway" && ["502", "503", "504"].contains(Self.status($0) ?? "")
        }
        let inside = errors.filter { window.contains($0.timestamp) }
        #expect(inside.count == episode.records)
        #expect(inside.count >= 30)
        // Outside the window B017 only sees the odd background 503.
        #expect(errors.count - inside.count <= inside.count / 4)
        let calls = Self.records.filter { $0["billerId"] == "B017" && $0.service == "rtd-gateway" && window.contains($0.timestamp) }
        #expect(Double(inside.count) / Double(calls.count) > 0.7)
        #expect(inside.allSatisfy { $0["error.class"]!.hasPrefix("org.springframework.web.client.HttpServerErrorException$") })
        #expect(inside.contains { $0["error.stack"]!.contains("\n\tat com.acme.gateway.") })
    }

    @Test func gatewayEndpointEpisodesStayInTheirWindows() {
        let gateway = Self.records.filter { $0.service == "rtd-gateway" }
        for (id, biller, errorClass) in [
            ("b009-rotated-credentials", "B009", "org.springframework.web.client.HttpClientErrorException$Unauthorized"),
            ("b014-endpoint-moved", "B014", "java.net.UnknownHostException"),
            ("b005-certificate-expired", "B005", "javax.net.ssl.SSLHandshakeException"),
        ] {
            let episode = Self.episode(id)
            let window = episode.startMs..<episode.endMs
            let matching = gateway.filter { $0["error.class"] == errorClass }
            #expect(matching.count >= 10, "\(id)")
            #expect(matching.allSatisfy { window.contains($0.timestamp) && $0["billerId"] == biller }, "\(id)")
            // Every call to the biller fails inside the window.
            #expect(gateway.filter { $0["billerId"] == biller && window.contains($0.timestamp) }
                .allSatisfy { $0["outcome"] == "failure" }, "\(id)")
        }
        let slow = gateway.filter { $0.level == "WARN" && $0.message.contains("slow response") }
        #expect(slow.count > 100 && slow.allSatisfy { $0["billerId"] == "B003" && Int($0["durationMs"]!)! >= 3_000 })
        #expect(gateway.contains { $0["error.class"] == "org.springframework.web.client.HttpClientErrorException$TooManyRequests" })
        #expect(gateway.contains { $0["error.stack"]?.contains("Caused by: java.net.SocketTimeoutException") == true })
        // Older agents name the HTTP status differently.
        #expect(gateway.contains { $0["httpResponseCode"] != nil } && gateway.contains { $0["response.status"] != nil })
    }

    /// Pump loops: one trace per loop, invoices oldest first.
    static func pumpLoops() -> [[Record]] {
        let pump = records.filter { $0.service == "pump-worker" && $0["invoiceId"] != nil && $0["trace.id"] != nil }
        return Dictionary(grouping: pump) { $0["trace.id"]! }.values.map { $0.sorted { $0.timestamp < $1.timestamp } }
    }

    @Test func pumpStaleInvoiceLoopsDominatePumpErrors() {
        let loops = Self.pumpLoops()
        let stale = loops.filter { loop in
            loop.count >= 2
                && zip(loop, loop.dropFirst()).allSatisfy { $0["invoiceDate"]! < $1["invoiceDate"]! && $0["accountId"] == $1["accountId"] }
                && loop.last!["outcome"] == "success"
                && loop.dropLast().contains { $0["error.class"] == "com.acme.pump.InvoiceStateException" }
        }
        #expect(stale.count >= 300)
        let pumpErrors = Self.records.filter { $0.service == "pump-worker" && $0.level == "ERROR" }
        let staleErrors = stale.flatMap { $0.dropLast() }.filter { $0["outcome"] == "failure" }
        #expect(Double(staleErrors.count) / Double(pumpErrors.count) > 0.6)
        // Both layouts: dotted keys and the nested error object, level and log.level.
        #expect(pumpErrors.contains { $0["service.name"] == "pump-worker" && $0["entity.name"] == nil })
        #expect(pumpErrors.contains { $0["log.level"] != nil } && pumpErrors.contains { $0["level"] != nil })
        // The same account loops again hours later.
        let byAccount = Dictionary(grouping: loops) { $0[0]["accountId"]! }
        #expect(byAccount.values.contains { loops in
            loops.count >= 2 && loops.map { $0[0].timestamp }.max()! - loops.map { $0[0].timestamp }.min()! >= 2 * 3_600_000
        })
        // Timeouts: an old invoice times out while the newest succeeds, and a newest times out.
        #expect(loops.contains { loop in
            loop.count >= 2 && loop.last!["outcome"] == "success"
                && loop.dropLast().contains { $0["error.class"] == "org.springframework.web.client.ResourceAccessException" }
        })
        #expect(loops.contains { $0.last!["error.class"] == "org.springframework.web.client.ResourceAccessException" })
    }

    @Test func b011RejectsEveryInvoiceIncludingTheNewest() {
        let episode = Self.episode("b011-rejects-all-invoices")
        let window = episode.startMs..<episode.endMs
        let loops = Self.pumpLoops().filter { $0[0]["billerId"] == "B011" && window.contains($0[0].timestamp) }
        #expect(loops.count >= 20)
        #expect(loops.allSatisfy { $0.allSatisfy { $0["error.class"] == "com.acme.pump.InvoiceStateException" } })
        // Outside B011's window no loop's newest invoice fails with an invoice-state error
        // (leaving out the Sunday file, whose cut may drop a loop's newest invoice).
        let others = Self.pumpLoops().filter {
            !($0[0]["billerId"] == "B011" && window.contains($0[0].timestamp)) && $0.last!.file != "logs/export/2026-11-15/logs-000.json.gz"
        }
        #expect(!others.contains { $0.last!["error.class"] == "com.acme.pump.InvoiceStateException" })
    }

    @Test func oneLoopStraddlesTheTuesdayFiles() {
        let start = Self.episode("pump-loop-across-files").startMs
        let loop = Self.pumpLoops().first { $0[0].timestamp == start }
        #expect(loop?.count == 4)
        #expect(loop?.prefix(3).allSatisfy { $0.file == "logs/export/2026-11-10/logs-000.json.gz" && $0["outcome"] == "failure" } == true)
        #expect(loop?.last?.file == "logs/export/2026-11-10/logs-001.json.gz" && loop?.last?["outcome"] == "success")
    }

    @Test func pumpResourceErrors() {
        let pump = Self.records.filter { $0.service == "pump-worker" }
        #expect(pump.filter { $0["error.class"] == "java.lang.OutOfMemoryError" }.count == 3)
        let hikari = pump.filter { $0["error.message"]?.hasPrefix("HikariPool-1 - Connection is not available") == true }
        #expect(hikari.count >= 8)
    }

    @Test func syncConsumerFailsOnlyAfterTheRelease() {
        let release = Self.episode("sync-v2-deserialization").startMs
        let sync = Self.records.filter { $0.service == "sync-consumer" }
        let failures = sync.filter { $0["error.class"] == "com.fasterxml.jackson.databind.exc.InvalidTypeIdException" }
        #expect(failures.count >= 100)
        #expect(failures.allSatisfy { $0.timestamp >= release && $0["service.version"] == "2.4.0" && $0.level == "ERROR" })
        let started = sync.filter { $0.message.hasPrefix("Started SyncConsumerApplication v2.4.0") }
        #expect(started.count == 2 && started.allSatisfy { $0.timestamp >= release && $0.timestamp < release + 1_000 })
        #expect(sync.contains { $0.message.hasPrefix("Started SyncConsumerApplication v2.3.1") })
        let dead = Set(sync.filter { $0.message.contains("sent to DLQ sync.invoices.dlq after 0 retries") }.map { $0["messageId"]! })
        #expect(failures.allSatisfy { dead.contains($0["messageId"]!) })
        // Before the release, v2 messages were consumed fine.
        #expect(sync.contains { $0["messageType"] == "invoice.updated.v2" && $0.timestamp < release && $0["outcome"] == "success" })
        // The app's own JSON inside message.
        #expect(sync.contains { $0.message.hasPrefix("{\"msg\":\"Consumed message\"") })
    }

    @Test func exportConsumerDeadLettersOnlyDuringTheOutage() {
        let episode = Self.episode("export-dead-letter-outage")
        let window = episode.startMs..<episode.endMs
        let export = Self.records.filter { $0.service == "export-consumer" }
        let deadLettered = export.filter { $0.message.contains("dead-lettered to export.dlq after 0 retries") }
        #expect(deadLettered.count >= 20 && deadLettered.allSatisfy { window.contains($0.timestamp) })
        #expect(export.contains { $0["error.class"] == "java.net.ConnectException" && window.contains($0.timestamp) })
        let retries = export.filter { $0.message.contains("retry attempt 2 of 5") }
        #expect(retries.count >= 20 && retries.allSatisfy { !window.contains($0.timestamp) })
    }

    @Test func otherServicesHaveTheirTraits() {
        let autopay = Self.records.filter { $0.service == "autopay-runner" }
        #expect(autopay.filter { $0["paymentId"] != nil }.allSatisfy { $0["sourceId"] == "AUTOPAY" })
        let validation = autopay.filter { $0["error.class"] == "com.acme.autopay.ValidationException" }
        #expect(validation.contains { $0["error.stack"]!.contains("AmountValidator.validate") })
        #expect(validation.contains { $0["error.stack"]!.contains("PaymentValidator.validate") })
        #expect(validation.allSatisfy { $0["error.message"]!.hasPrefix("Invalid amount ") })

        let billpay = Self.records.filter { $0.service == "billpay-web" }
        #expect(billpay.count > 1_000)
        #expect(billpay.allSatisfy { $0["sourceId"] == nil && $0["appName"] == "billpay-web" && $0["entity.name"] == nil })
        #expect(billpay.contains { $0["outcome"] == "failure" })
        #expect(billpay.contains { $0.message.contains("Énergie Québec") })
    }
}
