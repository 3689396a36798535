/// Generates `autopay-runner`: scheduled payment runs at 06:00Z and 18:00Z every day, 25
/// minutes each, one record per payment (`sourceId` always `AUTOPAY`) between a start and
/// a finish record.
///
/// About 2.5% of payments fail `ValidationException: Invalid amount <amount> for account
/// <id>`, raised by `AmountValidator` or `PaymentValidator` with the same message; 0.4%
/// time out.
struct AutopaySampleService {
    private var random: SampleRandom
    private let scale: Double
    private let accounts: Int
    private var submitted = 0
    private var failed = 0
    private var paymentSequence = 0
    /// Payments per minute of a run at scale 1.
    static let paymentsPerMinute = 7.0
    static let runHours = [6, 18]
    static let runMinutes = 25

    init(seed: UInt64, scale: Double, accounts: Int) {
        random = SampleRandom(seed: seed, stream: 4)
        self.scale = scale
        self.accounts = accounts
    }

    mutating func generate(minute start: Int64, into context: inout SampleGenerationContext) {
        let minuteOfDay = Int((start - SampleTime.weekStart) % SampleTime.day / SampleTime.minute)
        for hour in Self.runHours {
            let offset = minuteOfDay - hour * 60
            if offset == 0 {
                submitted = 0
                failed = 0
                if hour == Self.runHours[0] { paymentSequence = 0 }
                emit(at: start + Int64(random.below(900)), level: "INFO",
                     message: "Autopay run started for \(SampleTime.date(start)) \(hour < 10 ? "0" : "")\(hour):00Z schedule",
                     fields: [], into: &context)
            }
            if (0..<Self.runMinutes).contains(offset) {
                for _ in 0..<random.count(mean: Self.paymentsPerMinute * scale) {
                    payment(at: start + 1_000 + Int64(random.below(59_000)), into: &context)
                }
            }
            if offset == Self.runMinutes {
                emit(at: start + Int64(random.below(2_000)), level: "INFO",
                     message: "Autopay run finished: \(submitted) submitted, \(failed) failed",
                     fields: [], into: &context)
            }
        }
    }

    private mutating func payment(at time: Int64, into context: inout SampleGenerationContext) {
        paymentSequence += 1
        let biller = random.weighted(SampleCatalog.billerCumulative)
        let accountId = String(10_000 + random.below(accounts))
        let sequence = String(paymentSequence)
        let paymentId = "PMT-\(SampleTime.date(time, separator: false))-"
            + String(repeating: "0", count: max(0, 6 - sequence.count)) + sequence
        var cents = Int64(random.int(in: 1_500...45_000))
        var fields: [SampleField] = [
            SampleField("accountId", accountId),
            SampleField("billerId", SampleCatalog.billers[biller]),
            SampleField("sourceId", "AUTOPAY"),
            SampleField("paymentId", paymentId),
        ]
        fields.reserveCapacity(16)
        let roll = random.unit()
        let level: String
        let message: String
        if roll < 0.025 {
            cents = random.chance(0.8) ? -Int64(random.int(in: 1...9_999)) : 0
            let amount = Self.amountText(cents)
            let text = "Invalid amount \(amount) for account \(accountId)"
            fields.append(SampleField("amount", .decimal(cents, fractionDigits: 2)))
            fields.append(SampleField("currency", "USD"))
            fields.append(SampleField("durationMs", random.int(in: 2...15)))
            fields.append(SampleField("outcome", "failure"))
            fields.append(SampleField("error.class", "com.acme.autopay.ValidationException"))
            fields.append(SampleField("error.message", text))
            fields.append(SampleField("error.stack",
                                      SampleStackTraces.autopayValidation(message: text, byPaymentValidator: random.chance(0.5))))
            level = "ERROR"
            message = "Autopay payment \(paymentId) rejected: \(text)"
            failed += 1
            emit(at: time, level: level, message: message, fields: fields, into: &context, episode: .autopayValidation)
            return
        }
        fields.append(SampleField("amount", .decimal(cents, fractionDigits: 2)))
        fields.append(SampleField("currency", "USD"))
        if roll < 0.029 {
            fields.append(SampleField("durationMs", random.int(in: 20_000...20_050)))
            fields.append(SampleField("outcome", "failure"))
            fields.append(SampleField("error.class", "java.net.SocketTimeoutException"))
            fields.append(SampleField("error.message", "Read timed out"))
            fields.append(SampleField("error.stack", SampleStackTraces.autopayTimeout))
            level = "ERROR"
            message = "Autopay payment \(paymentId) to biller \(SampleCatalog.billers[biller]) failed: Read timed out"
            failed += 1
            emit(at: time, level: level, message: message, fields: fields, into: &context, episode: .autopayTimeouts)
            return
        }
        let duration = random.int(in: 150...1_200)
        fields.append(SampleField("durationMs", duration))
        fields.append(SampleField("outcome", "success"))
        submitted += 1
        emit(at: time, level: "INFO",
             message: "Autopay payment \(paymentId) of \(Self.amountText(cents)) USD for account \(accountId) submitted to biller \(SampleCatalog.billers[biller]) in \(duration) ms",
             fields: fields, into: &context)
    }

    private mutating func emit(at time: Int64, level: String, message: String, fields: [SampleField],
                               into context: inout SampleGenerationContext, episode: SampleEpisodeKind? = nil) {
        var all: [SampleField] = [
            SampleField("newrelic.source", "logs.APM"),
            SampleField("entity.name", "autopay-runner"),
            SampleField("entity.guid", SampleCatalog.entityGUID(.autopayRunner)),
            SampleField("hostname", SampleCatalog.host(.autopayRunner, 0)),
            SampleField("level", level),
            SampleField("logger.name", "com.acme.autopay.AutopayRunner"),
            SampleField("thread.name", "autopay-scheduler-1"),
        ]
        all.append(contentsOf: fields)
        all.append(SampleField("trace.id", .hex(random.next(), random.next())))
        context.emit(SampleRecord(timestamp: time, service: .autopayRunner, host: 0, message: .string(message), fields: all),
                     episode: episode)
    }

    /// `-12.50`, `0.00`, `82.15`.
    static func amountText(_ cents: Int64) -> String {
        var bytes: [UInt8] = []
        SampleJSON.appendValue(.decimal(cents, fractionDigits: 2), to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
