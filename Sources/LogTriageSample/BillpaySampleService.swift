/// Generates `billpay-web`: the customer web app's request log. It names itself with
/// `appName` (no `entity.name`) and never sends `sourceId` (an instrumentation gap); about
/// 1.2% of requests fail. Its records are written in Log API framing.
struct BillpaySampleService {
    private var random: SampleRandom
    private let scale: Double
    private let accounts: Int
    /// Requests per minute at the weekday peak at scale 1.
    static let peakRequestsPerMinute = 0.6
    private static let b012 = 11

    init(seed: UInt64, scale: Double, accounts: Int) {
        random = SampleRandom(seed: seed, stream: 5)
        self.scale = scale
        self.accounts = accounts
    }

    mutating func generate(minute start: Int64, into context: inout SampleGenerationContext) {
        let requests = random.count(mean: Self.peakRequestsPerMinute * SampleTraffic.userLoad(at: start) * scale)
        for _ in 0..<requests {
            request(at: start + Int64(random.below(60_000)), into: &context)
        }
    }

    private mutating func request(at time: Int64, into context: inout SampleGenerationContext) {
        let host = random.below(2)
        let biller = random.weighted(SampleCatalog.billerCumulative)
        let billerId = SampleCatalog.billers[biller]
        // A biller with a non-ASCII display name, so UTF-8 passes through the pipeline.
        let billerLabel = biller == Self.b012 ? "\(billerId) (Énergie Québec)" : billerId
        let paying = random.chance(0.55)
        var fields: [SampleField] = [
            SampleField("appName", "billpay-web"),
            SampleField("hostname", SampleCatalog.host(.billpayWeb, host)),
            SampleField("level", "INFO"),
            SampleField("logger.name", "com.acme.billpay.web.PaymentController"),
            SampleField("billerId", billerId),
            SampleField("accountId", String(10_000 + random.below(accounts))),
        ]
        fields.reserveCapacity(14)
        let roll = random.unit()
        let message: String
        if paying && roll < 0.012 {
            let kind = random.weighted([40, 70, 100])
            let (status, className, text, stack): (Int, String, String, String) = switch kind {
            case 0: (500, "java.lang.NullPointerException",
                     "Cannot invoke \"com.acme.billpay.model.Biller.getId()\" because \"biller\" is null",
                     SampleStackTraces.billpayNullPointer)
            case 1: (409, "java.lang.IllegalStateException", "Payment session expired", SampleStackTraces.billpaySessionExpired)
            default: (504, "java.net.SocketTimeoutException", "Read timed out", SampleStackTraces.billpayTimeout)
            }
            let duration = status == 504 ? random.int(in: 15_000...15_060) : random.int(in: 5...120)
            fields[2] = SampleField("level", "ERROR")
            fields.append(SampleField("durationMs", duration))
            fields.append(SampleField("http.statusCode", status))
            fields.append(SampleField("outcome", "failure"))
            fields.append(SampleField("error.class", className))
            fields.append(SampleField("error.message", text))
            fields.append(SampleField("error.stack", stack))
            message = "POST /api/payments \(status): payment to biller \(billerLabel) failed: \(text)"
            context.count(.billpayErrors, at: time)
        } else if paying {
            let duration = random.int(in: 120...1_400)
            fields.append(SampleField("durationMs", duration))
            fields.append(SampleField("http.statusCode", 201))
            fields.append(SampleField("outcome", "success"))
            message = "POST /api/payments 201: payment to biller \(billerLabel) accepted in \(duration) ms"
        } else {
            let duration = random.int(in: 15...300)
            fields.append(SampleField("durationMs", duration))
            fields.append(SampleField("http.statusCode", 200))
            fields.append(SampleField("outcome", "success"))
            message = "GET /api/billers/\(billerId)/summary 200 in \(duration) ms"
        }
        fields.append(SampleField("trace.id", .hex(random.next(), random.next())))
        context.emit(SampleRecord(timestamp: time, service: .billpayWeb, host: host, message: .string(message), fields: fields),
                     episode: .billpayMissingSource)
    }
}
