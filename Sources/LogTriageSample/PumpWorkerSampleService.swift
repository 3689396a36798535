/// Generates `pump-worker`: loops that sync each account's open invoices oldest first,
/// a few seconds to minutes apart, one record per invoice.
///
/// Stale older invoices fail with `InvoiceStateException` while the newest succeeds (the
/// bulk of pump errors); some accounts loop again 2-8 hours later with the same result.
/// Biller B011 rejects everything in its Tuesday 10:00-12:00Z sync run. Read timeouts,
/// out-of-memory crashes and connection-pool exhaustion are mixed in.
///
/// The three hosts use three logging layouts: host 0 the Java agent's (`level`,
/// `entity.name`, dotted `error.*`), host 1 log4j2 JSON (`log.level`), host 2 an
/// OpenTelemetry-style layout (`log.level`, `service.name`, nested `error` object).
struct PumpWorkerSampleService {
    private var random: SampleRandom
    private let seed: UInt64
    private let scale: Double
    /// False for the week before the sample week: its incidents are not planted.
    private let incidents: Bool
    private let accounts: Int
    /// Repeat loops keyed by the minute index they start in.
    private var scheduled: [Int: [Int]] = [:]
    /// Loops started per minute at scale 1 (around the clock).
    static let loopsPerMinute = 0.32
    /// Extra loops per minute of B011 accounts during B011's Tuesday sync run.
    static let b011LoopsPerMinute = 0.5
    private static let b011 = 10

    private enum Outcome {
        case success
        case stale
        case timeout
    }

    init(seed: UInt64, scale: Double, accounts: Int, incidents: Bool = true) {
        random = SampleRandom(seed: seed, stream: 3)
        self.seed = seed
        self.scale = scale
        self.accounts = accounts
        self.incidents = incidents
    }

    mutating func generate(minute start: Int64, into context: inout SampleGenerationContext) {
        let minuteIndex = Int((start - SampleTime.weekStart) / SampleTime.minute)
        let loops = random.count(mean: Self.loopsPerMinute * scale)
        for _ in 0..<loops {
            let account = PumpAccount(index: random.below(accounts), seed: seed)
            loop(account, at: start + Int64(random.below(60_000)), repeatable: true, into: &context)
        }
        if let repeats = scheduled.removeValue(forKey: minuteIndex) {
            for index in repeats {
                loop(PumpAccount(index: index, seed: seed), at: start + Int64(random.below(60_000)),
                     repeatable: false, into: &context)
            }
        }
        if incidents, SampleEpisodeKind.b011Window.contains(start) {
            for _ in 0..<random.count(mean: Self.b011LoopsPerMinute * scale) {
                if let account = findAccount(where: { $0.biller == Self.b011 }) {
                    loop(account, at: start + Int64(random.below(60_000)), repeatable: false, into: &context)
                }
            }
        }
        if start == SampleEpisodeKind.straddlingLoopStart / SampleTime.minute * SampleTime.minute {
            straddlingLoop(into: &context)
        }
        for instant in SampleEpisodeKind.outOfMemoryInstants
            where incidents && (start..<(start + SampleTime.minute)).contains(instant) {
            for crash in 0..<max(1, Int(scale.rounded())) {
                outOfMemory(at: instant + Int64(crash) * 997, into: &context)
            }
        }
        for window in SampleEpisodeKind.connectionPoolWindows where incidents && window.contains(start) {
            for _ in 0..<max(1, random.count(mean: 2 * scale)) {
                poolTimeout(at: start + Int64(random.below(60_000)), into: &context)
            }
        }
    }

    /// A loop over `account`'s invoices starting at `time`.
    private mutating func loop(_ account: PumpAccount, at time: Int64, repeatable: Bool,
                               into context: inout SampleGenerationContext, gaps: [Int64]? = nil) {
        let host = random.below(3)
        let trace = (random.next(), random.next())
        let thread = "pump-loop-\(1 + random.below(8))"
        let count = account.invoiceCount
        let b011Run = incidents && account.biller == Self.b011 && SampleEpisodeKind.b011Window.contains(time)
        // One loop in about 65 has an older invoice time out, one in 100 its newest.
        let oldTimeout = count > 1 && random.chance(0.015) && gaps == nil ? random.below(count - 1) : -1
        let newestTimeout = random.chance(0.01) && gaps == nil
        var now = time
        for invoice in 0..<count {
            if invoice > 0 {
                if let gaps {
                    now += gaps[invoice - 1]
                } else {
                    now += random.chance(0.1) ? Int64(random.int(in: 30_000...150_000))
                                              : Int64(random.int(in: 300...12_000))
                }
            }
            let newest = invoice == count - 1
            var outcome = Outcome.success
            var episode: SampleEpisodeKind?
            if b011Run {
                outcome = .stale
                episode = .b011Rejects
            } else if invoice == oldTimeout || (newest && newestTimeout) {
                outcome = .timeout
                episode = .pumpTimeouts
            } else if !newest && account.isStale(invoice) {
                outcome = .stale
                episode = gaps == nil ? .pumpStaleInvoices : .pumpLoopAcrossFiles
            }
            record(account: account, invoice: invoice, outcome: outcome, at: now, host: host, thread: thread,
                   trace: trace, episode: episode, into: &context)
        }
        if repeatable, random.chance(0.2) {
            let later = time + Int64(random.int(in: 120...480)) * SampleTime.minute
            let minuteIndex = Int((later - SampleTime.weekStart) / SampleTime.minute)
            scheduled[minuteIndex, default: []].append(account.index)
        }
    }

    /// The documented loop across the Tuesday file split: three stale invoices before 11:00Z,
    /// the successful newest after.
    private mutating func straddlingLoop(into context: inout SampleGenerationContext) {
        var index = 0
        while true {
            let account = PumpAccount(index: index, seed: seed)
            if account.invoiceCount == 4, account.staleMask == 0b111, account.biller != Self.b011 {
                loop(account, at: SampleEpisodeKind.straddlingLoopStart, repeatable: false, into: &context,
                     gaps: [14_000, 14_000, 14_000])
                return
            }
            index += 1
        }
    }

    private mutating func findAccount(where predicate: (PumpAccount) -> Bool) -> PumpAccount? {
        for _ in 0..<500 {
            let account = PumpAccount(index: random.below(accounts), seed: seed)
            if predicate(account) { return account }
        }
        return nil
    }

    private static let staleAnswers: [(status: Int, causeClass: String, code: String, phrase: String)] = [
        (409, "org.springframework.web.client.HttpClientErrorException$Conflict", "INVOICE_SETTLED", "409 Conflict"),
        (404, "org.springframework.web.client.HttpClientErrorException$NotFound", "INVOICE_NOT_FOUND", "404 Not Found"),
        (410, "org.springframework.web.client.HttpClientErrorException$Gone", "INVOICE_CLOSED", "410 Gone"),
        (422, "org.springframework.web.client.HttpClientErrorException$UnprocessableEntity", "INVALID_STATE",
         "422 Unprocessable Entity"),
    ]

    private mutating func record(account: PumpAccount, invoice: Int, outcome: Outcome, at time: Int64, host: Int,
                                 thread: String, trace: (UInt64, UInt64), episode: SampleEpisodeKind?,
                                 into context: inout SampleGenerationContext) {
        let invoiceId = account.invoiceId(invoice)
        let invoiceDate = account.invoiceDate(invoice)
        let billerId = SampleCatalog.billers[account.biller]
        let accountId = account.accountId
        let subject = "invoice \(invoiceId) dated \(invoiceDate) for account \(accountId) (biller \(billerId))"
        var fields = header(host: host, level: outcome == .success ? "INFO" : "ERROR", thread: thread)
        fields.append(SampleField("accountId", accountId))
        fields.append(SampleField("invoiceId", invoiceId))
        fields.append(SampleField("invoiceDate", invoiceDate))
        fields.append(SampleField("billerId", billerId))
        if random.chance(0.4) {
            fields.append(SampleField("sourceId", SampleCatalog.sources[random.weighted(SampleCatalog.sourceCumulative)]))
        }
        let message: String
        switch outcome {
        case .success:
            let duration = random.int(in: 80...900)
            fields.append(SampleField("durationMs", duration))
            fields.append(SampleField("outcome", "success"))
            message = "Synced \(subject) in \(duration) ms"
        case .stale:
            let answer = Self.staleAnswers[account.staleReason(invoice)]
            let text: String
            switch account.staleReason(invoice) {
            case 0: text = "Invoice \(invoiceId) is already settled"
            case 1: text = "Invoice \(invoiceId) not found at biller \(billerId)"
            case 2: text = "Invoice \(invoiceId) is closed"
            default: text = "Invoice \(invoiceId) cannot be updated in state ARCHIVED"
            }
            let causeMessage = "\(answer.phrase): \"{\"code\":\"\(answer.code)\",\"invoiceId\":\"\(invoiceId)\"}\""
            fields.append(SampleField("durationMs", random.int(in: 50...400)))
            fields.append(SampleField("outcome", "failure"))
            fields.append(SampleField("http.statusCode", answer.status))
            appendError(to: &fields, host: host, className: "com.acme.pump.InvoiceStateException", message: text,
                        stack: SampleStackTraces.invoiceState(message: text, causeClass: answer.causeClass,
                                                              causeMessage: causeMessage))
            message = "Failed to sync \(subject): \(text)"
        case .timeout:
            let text = "I/O error on GET request for \"https://\(SampleCatalog.billerHosts[account.biller])/api/invoices/\(invoiceId)\": Read timed out"
            fields.append(SampleField("durationMs", random.int(in: 10_000...10_030)))
            fields.append(SampleField("outcome", "failure"))
            appendError(to: &fields, host: host, className: "org.springframework.web.client.ResourceAccessException",
                        message: text, stack: SampleStackTraces.pumpTimeout(message: text))
            message = "Failed to sync \(subject): \(text)"
        }
        fields.append(SampleField("trace.id", .hex(trace.0, trace.1)))
        if outcome != .success { fields.append(SampleField("span.id", .hex(random.next(), nil))) }
        context.emit(SampleRecord(timestamp: time, service: .pumpWorker, host: host, message: .string(message), fields: fields),
                     episode: episode)
    }

    private func header(host: Int, level: String, thread: String) -> [SampleField] {
        var fields: [SampleField] = []
        fields.reserveCapacity(20)
        fields.append(SampleField("newrelic.source", "logs.APM"))
        if host == 2 {
            fields.append(SampleField("service.name", "pump-worker"))
        } else {
            fields.append(SampleField("entity.name", "pump-worker"))
            fields.append(SampleField("entity.guid", SampleCatalog.entityGUID(.pumpWorker)))
        }
        fields.append(SampleField("hostname", SampleCatalog.host(.pumpWorker, host)))
        fields.append(SampleField(host == 0 ? "level" : "log.level", level))
        fields.append(SampleField("logger.name", "com.acme.pump.invoice.InvoiceSyncService"))
        fields.append(SampleField("thread.name", thread))
        return fields
    }

    private func appendError(to fields: inout [SampleField], host: Int, className: String, message: String, stack: String) {
        if host == 2 {
            fields.append(SampleField("error", .object([
                SampleField("class", className), SampleField("message", message), SampleField("stack", stack),
            ])))
        } else {
            fields.append(SampleField("error.class", className))
            fields.append(SampleField("error.message", message))
            fields.append(SampleField("error.stack", stack))
        }
    }

    private mutating func outOfMemory(at time: Int64, into context: inout SampleGenerationContext) {
        let host = random.below(3)
        let thread = "pump-loop-\(1 + random.below(8))"
        var fields = header(host: host, level: "ERROR", thread: thread)
        appendError(to: &fields, host: host, className: "java.lang.OutOfMemoryError", message: "Java heap space",
                    stack: SampleStackTraces.outOfMemory)
        fields.append(SampleField("trace.id", .hex(random.next(), random.next())))
        context.emit(SampleRecord(timestamp: time, service: .pumpWorker, host: host,
                                  message: .string("Uncaught exception in thread \(thread); restarting pump worker"),
                                  fields: fields), episode: .pumpOutOfMemory)
    }

    private mutating func poolTimeout(at time: Int64, into context: inout SampleGenerationContext) {
        let host = random.below(3)
        let account = PumpAccount(index: random.below(accounts), seed: seed)
        let invoice = account.invoiceCount - 1
        let invoiceId = account.invoiceId(invoice)
        var fields = header(host: host, level: "ERROR", thread: "pump-loop-\(1 + random.below(8))")
        fields.append(SampleField("accountId", account.accountId))
        fields.append(SampleField("invoiceId", invoiceId))
        fields.append(SampleField("billerId", SampleCatalog.billers[account.biller]))
        fields.append(SampleField("durationMs", random.int(in: 30_000...30_006)))
        fields.append(SampleField("outcome", "failure"))
        appendError(to: &fields, host: host, className: "java.sql.SQLTransientConnectionException",
                    message: "HikariPool-1 - Connection is not available, request timed out after 30000ms",
                    stack: SampleStackTraces.hikariTimeout)
        fields.append(SampleField("trace.id", .hex(random.next(), random.next())))
        fields.append(SampleField("span.id", .hex(random.next(), nil)))
        context.emit(SampleRecord(timestamp: time, service: .pumpWorker, host: host,
                                  message: .string("Failed to mark invoice \(invoiceId) synced for account \(account.accountId)"),
                                  fields: fields), episode: .pumpConnectionPool)
    }
}
