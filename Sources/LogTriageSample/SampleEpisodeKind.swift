/// The episodes the generator plants in the sample week, with their exact windows.
///
/// The windows here are the single source of truth: service generators consult them, and
/// the manifest reports them.
enum SampleEpisodeKind: Int, CaseIterable {
    case b017Outage
    case b009Credentials
    case b014EndpointMoved
    case b005CertificateExpired
    case b003Slow
    case gatewayRateLimited
    case gatewayBackground
    case pumpStaleInvoices
    case b011Rejects
    case pumpTimeouts
    case pumpOutOfMemory
    case pumpConnectionPool
    case pumpLoopAcrossFiles
    case autopayValidation
    case autopayTimeouts
    case billpayErrors
    case billpayMissingSource
    case syncDeserialization
    case exportDeadLetterOutage
    case exportRetries
    // Chronic failures (`SampleExportOptions.chronicFailures`): biller endpoints broken since
    // before the week before, failing every call through both weeks.
    case chronicB004Certificate
    case chronicB006Host
    case chronicB007Credentials
    case chronicB010AllowList
    case chronicB012ConnectTimeout
    case chronicB015Moved
    case chronicB018Certificate
    case chronicB020Host

    static let b017Window = SampleTime.at(day: 2, hour: 14)..<SampleTime.at(day: 2, hour: 14, minute: 45)
    static let b009Window = SampleTime.at(day: 3, hour: 9)..<SampleTime.weekEnd
    static let b014Window = SampleTime.at(day: 4, hour: 8)..<SampleTime.at(day: 4, hour: 11, minute: 30)
    static let b005Window = SampleTime.at(day: 0, hour: 19)..<SampleTime.at(day: 0, hour: 22)
    static let b011Window = SampleTime.at(day: 1, hour: 10)..<SampleTime.at(day: 1, hour: 12)
    static let syncReleaseWindow = SampleTime.at(day: 3, hour: 16)..<SampleTime.weekEnd
    static let exportOutageWindow = SampleTime.at(day: 5, hour: 3, minute: 10)..<SampleTime.at(day: 5, hour: 3, minute: 25)
    static let week = SampleTime.weekStart..<SampleTime.weekEnd
    /// Instants at which a pump worker runs out of heap.
    static let outOfMemoryInstants: [Int64] = [
        SampleTime.at(day: 2, hour: 2, minute: 13, second: 41),
        SampleTime.at(day: 3, hour: 22, minute: 47, second: 5),
        SampleTime.at(day: 5, hour: 11, minute: 5, second: 52),
    ]
    /// Windows in which the pump's connection pool is exhausted.
    static let connectionPoolWindows: [Range<Int64>] = [
        SampleTime.at(day: 3, hour: 3)..<SampleTime.at(day: 3, hour: 3, minute: 5),
        SampleTime.at(day: 6, hour: 14, minute: 20)..<SampleTime.at(day: 6, hour: 14, minute: 24),
    ]
    /// Start of the pump loop forced across the Tuesday file split (11:00Z).
    static let straddlingLoopStart = SampleTime.at(day: 1, hour: 10, minute: 59, second: 30)

    /// The chronic failures, present in both weeks when asked for.
    static let chronicKinds: [SampleEpisodeKind] = [
        .chronicB004Certificate, .chronicB006Host, .chronicB007Credentials, .chronicB010AllowList,
        .chronicB012ConnectTimeout, .chronicB015Moved, .chronicB018Certificate, .chronicB020Host,
    ]

    /// Whether every call of one biller fails all week, in both weeks.
    var isChronic: Bool { Self.chronicKinds.contains(self) }

    /// The chronic failure of a biller (index into `SampleCatalog.billers`), if it has one.
    static func chronic(biller: Int) -> SampleEpisodeKind? {
        chronicKinds.first { $0.chronicBiller == biller }
    }

    /// The biller index of a chronic failure.
    var chronicBiller: Int? {
        switch self {
        case .chronicB004Certificate: 3
        case .chronicB006Host: 5
        case .chronicB007Credentials: 6
        case .chronicB010AllowList: 9
        case .chronicB012ConnectTimeout: 11
        case .chronicB015Moved: 14
        case .chronicB018Certificate: 17
        case .chronicB020Host: 19
        default: nil
        }
    }

    /// Whether the episode is an incident of the sample week, absent from the week before.
    var isIncident: Bool {
        switch self {
        case .b017Outage, .b009Credentials, .b014EndpointMoved, .b005CertificateExpired, .b011Rejects,
             .pumpOutOfMemory, .pumpConnectionPool, .syncDeserialization, .exportDeadLetterOutage:
            true
        default:
            false
        }
    }

    var window: Range<Int64> {
        switch self {
        case .b017Outage: Self.b017Window
        case .b009Credentials: Self.b009Window
        case .b014EndpointMoved: Self.b014Window
        case .b005CertificateExpired: Self.b005Window
        case .b011Rejects: Self.b011Window
        case .syncDeserialization: Self.syncReleaseWindow
        case .exportDeadLetterOutage: Self.exportOutageWindow
        case .pumpOutOfMemory: Self.outOfMemoryInstants[0]..<(Self.outOfMemoryInstants[2] + SampleTime.minute)
        case .pumpConnectionPool: Self.connectionPoolWindows[0].lowerBound..<Self.connectionPoolWindows[1].upperBound
        case .pumpLoopAcrossFiles: Self.straddlingLoopStart..<(Self.straddlingLoopStart + SampleTime.minute)
        default: Self.week
        }
    }

    var id: String {
        switch self {
        case .b017Outage: "b017-outage"
        case .b009Credentials: "b009-rotated-credentials"
        case .b014EndpointMoved: "b014-endpoint-moved"
        case .b005CertificateExpired: "b005-certificate-expired"
        case .b003Slow: "b003-slow-responses"
        case .gatewayRateLimited: "gateway-rate-limited"
        case .gatewayBackground: "gateway-background-failures"
        case .pumpStaleInvoices: "pump-stale-invoices"
        case .b011Rejects: "b011-rejects-all-invoices"
        case .pumpTimeouts: "pump-timeouts"
        case .pumpOutOfMemory: "pump-out-of-memory"
        case .pumpConnectionPool: "pump-connection-pool"
        case .pumpLoopAcrossFiles: "pump-loop-across-files"
        case .autopayValidation: "autopay-invalid-amount"
        case .autopayTimeouts: "autopay-timeouts"
        case .billpayErrors: "billpay-errors"
        case .billpayMissingSource: "billpay-missing-source"
        case .syncDeserialization: "sync-v2-deserialization"
        case .exportDeadLetterOutage: "export-dead-letter-outage"
        case .exportRetries: "export-retries"
        case .chronicB004Certificate: "chronic-b004-certificate-expired"
        case .chronicB006Host: "chronic-b006-host-unknown"
        case .chronicB007Credentials: "chronic-b007-credentials-rejected"
        case .chronicB010AllowList: "chronic-b010-ip-not-allowed"
        case .chronicB012ConnectTimeout: "chronic-b012-connect-timeout"
        case .chronicB015Moved: "chronic-b015-endpoint-moved"
        case .chronicB018Certificate: "chronic-b018-certificate-expired"
        case .chronicB020Host: "chronic-b020-host-unknown"
        }
    }

    var service: SampleService {
        switch self {
        case .b017Outage, .b009Credentials, .b014EndpointMoved, .b005CertificateExpired, .b003Slow,
             .gatewayRateLimited, .gatewayBackground, .chronicB004Certificate, .chronicB006Host, .chronicB007Credentials,
             .chronicB010AllowList, .chronicB012ConnectTimeout, .chronicB015Moved, .chronicB018Certificate,
             .chronicB020Host: .rtdGateway
        case .pumpStaleInvoices, .b011Rejects, .pumpTimeouts, .pumpOutOfMemory, .pumpConnectionPool,
             .pumpLoopAcrossFiles: .pumpWorker
        case .autopayValidation, .autopayTimeouts: .autopayRunner
        case .billpayErrors, .billpayMissingSource: .billpayWeb
        case .syncDeserialization: .syncConsumer
        case .exportDeadLetterOutage, .exportRetries: .exportConsumer
        }
    }

    /// (category, real, tier)
    var triage: (String, Bool, String) {
        switch self {
        case .b017Outage: ("transient", true, "critical")
        case .b009Credentials: ("endpoint_auth", true, "critical")
        case .b014EndpointMoved: ("endpoint_moved", true, "critical")
        case .b005CertificateExpired: ("endpoint_auth", true, "critical")
        case .b003Slow: ("slow", true, "warning")
        case .gatewayRateLimited: ("rate_limited", false, "none")
        case .gatewayBackground: ("transient", false, "none")
        case .pumpStaleInvoices: ("validation", false, "none")
        case .b011Rejects: ("validation", true, "critical")
        case .pumpTimeouts: ("transient", false, "none")
        case .pumpOutOfMemory: ("resource", true, "critical")
        case .pumpConnectionPool: ("resource", true, "warning")
        case .pumpLoopAcrossFiles: ("validation", false, "none")
        case .autopayValidation: ("validation", false, "warning")
        case .autopayTimeouts: ("transient", false, "none")
        case .billpayErrors: ("other", false, "warning")
        case .billpayMissingSource: ("none", true, "none")
        case .syncDeserialization: ("deserialization", true, "critical")
        case .exportDeadLetterOutage: ("transient", true, "critical")
        case .exportRetries: ("transient", false, "none")
        case .chronicB004Certificate, .chronicB007Credentials, .chronicB010AllowList, .chronicB018Certificate:
            ("endpoint_auth", true, "ticket")
        case .chronicB006Host, .chronicB015Moved, .chronicB020Host: ("endpoint_moved", true, "ticket")
        case .chronicB012ConnectTimeout: ("transient", true, "ticket")
        }
    }

    var attributes: [String: String] {
        switch self {
        case .b017Outage:
            ["billerId": "B017", "http.statusCode": "502|503|504",
             "error.class": "org.springframework.web.client.HttpServerErrorException$BadGateway|$ServiceUnavailable|$GatewayTimeout"]
        case .b009Credentials:
            ["billerId": "B009", "http.statusCode": "401",
             "error.class": "org.springframework.web.client.HttpClientErrorException$Unauthorized"]
        case .b014EndpointMoved:
            ["billerId": "B014", "error.class": "java.net.UnknownHostException", "error.message": "b014.billers.example"]
        case .b005CertificateExpired:
            ["billerId": "B005", "error.class": "javax.net.ssl.SSLHandshakeException",
             "error.message": "PKIX path validation failed: certificate expired"]
        case .b003Slow:
            ["billerId": "B003", "level": "WARN", "durationMs": "3000...9000", "message": "slow response"]
        case .gatewayRateLimited:
            ["http.statusCode": "429", "error.class": "org.springframework.web.client.HttpClientErrorException$TooManyRequests"]
        case .gatewayBackground:
            ["error.class": "java.net.SocketTimeoutException|org.springframework.web.client.ResourceAccessException|org.springframework.web.client.HttpServerErrorException$ServiceUnavailable"]
        case .pumpStaleInvoices:
            ["error.class": "com.acme.pump.InvoiceStateException", "http.statusCode": "404|409|410|422",
             "pattern": "older invoices of a loop fail, the newest (latest invoiceDate) succeeds"]
        case .b011Rejects:
            ["billerId": "B011", "error.class": "com.acme.pump.InvoiceStateException",
             "pattern": "every invoice of the loop fails, including the newest"]
        case .pumpTimeouts:
            ["error.class": "org.springframework.web.client.ResourceAccessException", "error.message": "Read timed out"]
        case .pumpOutOfMemory:
            ["error.class": "java.lang.OutOfMemoryError", "error.message": "Java heap space"]
        case .pumpConnectionPool:
            ["error.class": "java.sql.SQLTransientConnectionException",
             "error.message": "HikariPool-1 - Connection is not available, request timed out after 30000ms"]
        case .pumpLoopAcrossFiles:
            ["files": "logs/export/2026-11-10/logs-000.json.gz|logs/export/2026-11-10/logs-001.json.gz"]
        case .autopayValidation:
            ["sourceId": "AUTOPAY", "error.class": "com.acme.autopay.ValidationException",
             "error.message": "Invalid amount <amount> for account <accountId>",
             "raisedBy": "AmountValidator|PaymentValidator"]
        case .autopayTimeouts:
            ["sourceId": "AUTOPAY", "error.class": "java.net.SocketTimeoutException"]
        case .billpayErrors:
            ["appName": "billpay-web",
             "error.class": "java.lang.NullPointerException|java.lang.IllegalStateException|java.net.SocketTimeoutException"]
        case .billpayMissingSource:
            ["appName": "billpay-web", "sourceId": "(absent)"]
        case .syncDeserialization:
            ["error.class": "com.fasterxml.jackson.databind.exc.InvalidTypeIdException", "messageType": "invoice.updated.v2",
             "service.version": "2.4.0", "release": "Started SyncConsumerApplication v2.4.0",
             "followedBy": "Message <uuid> sent to DLQ sync.invoices.dlq after 0 retries"]
        case .exportDeadLetterOutage:
            ["error.class": "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable|java.net.ConnectException",
             "followedBy": "Message <uuid> dead-lettered to export.dlq after 0 retries: <reason>"]
        case .exportRetries:
            ["level": "WARN", "message": "retry attempt 2 of 5"]
        case .chronicB004Certificate, .chronicB018Certificate:
            ["billerId": SampleCatalog.billers[chronicBiller!], "error.class": "javax.net.ssl.SSLHandshakeException",
             "error.message": "PKIX path validation failed: certificate expired"]
        case .chronicB006Host, .chronicB020Host:
            ["billerId": SampleCatalog.billers[chronicBiller!], "error.class": "java.net.UnknownHostException"]
        case .chronicB007Credentials:
            ["billerId": "B007", "http.statusCode": "401",
             "error.class": "org.springframework.web.client.HttpClientErrorException$Unauthorized"]
        case .chronicB010AllowList:
            ["billerId": "B010", "http.statusCode": "403",
             "error.class": "org.springframework.web.client.HttpClientErrorException$Forbidden"]
        case .chronicB012ConnectTimeout:
            ["billerId": "B012", "error.class": "java.net.SocketTimeoutException", "error.message": "Connect timed out"]
        case .chronicB015Moved:
            ["billerId": "B015", "http.statusCode": "404",
             "error.class": "org.springframework.web.client.HttpClientErrorException$NotFound"]
        }
    }

    var summary: String {
        switch self {
        case .b017Outage:
            "Biller B017 answers most calls with 502/503/504 for 45 minutes; the gateway retries up to twice (retry.attempt)."
        case .b009Credentials:
            "Biller B009 rotated its API credentials: every B009 call fails 401 from Thursday 09:00Z to the end of the week."
        case .b014EndpointMoved:
            "Biller B014 moved its API: b014.billers.example stops resolving for three and a half hours on Friday."
        case .b005CertificateExpired:
            "Biller B005's TLS certificate expired Monday 19:00Z and was renewed at 22:00Z."
        case .b003Slow:
            "About a third of biller B003's calls take 3-9 s all week and log WARN slow response (successful)."
        case .gatewayRateLimited:
            "Occasional 429 Too Many Requests from billers, spread over the week."
        case .gatewayBackground:
            "About 0.5% background failures (read timeouts, single 503s) on all other billers."
        case .pumpStaleInvoices:
            "Pump loops walk an account's open invoices oldest first; stale older invoices fail with InvoiceStateException while the newest succeeds. Most pump-worker errors. Some accounts loop again hours later with the same failures."
        case .b011Rejects:
            "Biller B011 rejects every invoice during its Tuesday sync run (extra B011 loops), so the newest invoice fails too."
        case .pumpTimeouts:
            "Loops where an older invoice, or the newest, fails with a read timeout (never stale)."
        case .pumpOutOfMemory:
            "Three OutOfMemoryError crashes of a pump worker (at least one record each, more with scale)."
        case .pumpConnectionPool:
            "Two bursts of HikariCP pool exhaustion in pump-worker (Thursday 03:00-03:05Z, Sunday 14:20-14:24Z)."
        case .pumpLoopAcrossFiles:
            "A four-invoice pump loop starting Tuesday 10:59:30Z whose three stale invoices are in logs-000 and whose newest (successful) invoice is in logs-001."
        case .autopayValidation:
            "About 2.5% of scheduled payments fail validation; the same message is raised by AmountValidator and PaymentValidator."
        case .autopayTimeouts:
            "Occasional read timeouts while submitting scheduled payments."
        case .billpayErrors:
            "About 1.2% of billpay-web requests fail (null biller, expired session, timeout)."
        case .billpayMissingSource:
            "billpay-web never sends sourceId (instrumentation gap) and names itself with appName."
        case .syncDeserialization:
            "After the v2.4.0 release, invoice.updated.v2 messages fail with InvalidTypeIdException and go to the DLQ with 0 retries (silent failure)."
        case .exportDeadLetterOutage:
            "The export API is down for 15 minutes; export-consumer dead-letters each message immediately instead of retrying (retry-policy mismatch)."
        case .exportRetries:
            "Elsewhere export failures are retried (retry attempt 2 of 5, sometimes 3 of 5) and then succeed."
        case .chronicB004Certificate:
            "Chronic: biller B004's TLS certificate expired before the week before; every call fails the handshake, both weeks."
        case .chronicB006Host:
            "Chronic: b006.billers.example stopped resolving before the week before; every B006 call fails, both weeks."
        case .chronicB007Credentials:
            "Chronic: biller B007 revoked our API credentials before the week before; every call fails 401, both weeks."
        case .chronicB010AllowList:
            "Chronic: biller B010 dropped our IP from its allow-list before the week before; every call fails 403, both weeks."
        case .chronicB012ConnectTimeout:
            "Chronic: biller B012's firewall drops our connections; every call times out connecting, both weeks."
        case .chronicB015Moved:
            "Chronic: biller B015 moved its API; the old paths answer 404 Not Found on every call, both weeks."
        case .chronicB018Certificate:
            "Chronic: biller B018's TLS certificate expired before the week before; every call fails the handshake, both weeks."
        case .chronicB020Host:
            "Chronic: b020.billers.example stopped resolving before the week before; every B020 call fails, both weeks."
        }
    }
}
