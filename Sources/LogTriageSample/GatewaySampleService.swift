/// Generates `rtd-gateway`: one record per call the real-time data gateway makes to a
/// biller's API, with the week's gateway episodes (B017 outage, B009 credentials, B014 DNS,
/// B005 certificate, B003 slowness, 429s and background failures).
///
/// Hosts 0-1 report `http.statusCode` (number); the legacy hosts use older agents: host 2
/// sends `httpResponseCode` (string), host 3 `response.status` (number).
struct GatewaySampleService {
    private var random: SampleRandom
    private let scale: Double
    /// False for the week before the sample week: its incidents are not planted.
    private let incidents: Bool
    /// Whether the chronically broken billers are planted (both weeks).
    private let chronic: Bool
    private let accounts: Int
    /// Calls per minute at the weekday peak at scale 1.
    static let peakCallsPerMinute = 3.6

    private struct Endpoint {
        let method: String
        let name: String
        let apiPath: String
    }

    private static let endpoints = [
        Endpoint(method: "GET", name: "balance", apiPath: "/api/balance"),
        Endpoint(method: "GET", name: "invoices", apiPath: "/api/invoices"),
        Endpoint(method: "POST", name: "payments", apiPath: "/api/payments"),
    ]
    private static let endpointCumulative = SampleCatalog.cumulative([50, 35, 15])
    private static let b003 = 2, b005 = 4, b009 = 8, b014 = 13, b017 = 16

    private enum Failure {
        case status(code: Int, className: String, message: String)
        case resourceTimeout
        case legacyTimeout
        case unknownHost
        case certificateExpired
        case connectTimeout
    }

    init(seed: UInt64, scale: Double, accounts: Int, incidents: Bool = true, chronic: Bool = false) {
        random = SampleRandom(seed: seed, stream: 1)
        self.scale = scale
        self.accounts = accounts
        self.incidents = incidents
        self.chronic = chronic
    }

    mutating func generate(minute start: Int64, into context: inout SampleGenerationContext) {
        let calls = random.count(mean: Self.peakCallsPerMinute * SampleTraffic.userLoad(at: start) * scale)
        for _ in 0..<calls {
            let biller = random.weighted(SampleCatalog.billerCumulative)
            call(at: start + Int64(random.below(60_000)), biller: biller, attempt: 0, trace: nil, into: &context)
        }
    }

    private mutating func call(at time: Int64, biller: Int, attempt: Int, trace: (UInt64, UInt64)?,
                               into context: inout SampleGenerationContext) {
        let endpointIndex = random.weighted(Self.endpointCumulative)
        let endpoint = Self.endpoints[endpointIndex]
        let billerId = SampleCatalog.billers[biller]
        let path = "\(endpoint.method) /billers/\(billerId)/\(endpoint.name)"
        let host = random.below(4)
        let trace = trace ?? (random.next(), random.next())
        var failure: Failure?
        var episode: SampleEpisodeKind?
        var duration = 40 + Int(pow2(random.unit()) * 800)
        var slow = false

        if chronic, let kind = SampleEpisodeKind.chronic(biller: biller) {
            episode = kind
            failure = Self.chronicFailure(kind)
            duration = failure.map { if case .connectTimeout = $0 { 10_000 } else { 30 } } ?? 30
            duration += random.below(60)
        } else if incidents, biller == Self.b017, SampleEpisodeKind.b017Window.contains(time), random.chance(0.85) {
            episode = .b017Outage
            switch random.weighted([45, 80, 100]) {
            case 0:
                failure = .status(code: 502, className: "org.springframework.web.client.HttpServerErrorException$BadGateway",
                                  message: "502 Bad Gateway: \"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\"")
                duration = random.int(in: 20...220)
            case 1:
                failure = .status(code: 503, className: "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable",
                                  message: "503 Service Unavailable: \"{\"status\":503,\"error\":\"Service Unavailable\"}\"")
                duration = random.int(in: 5...60)
            default:
                failure = .status(code: 504, className: "org.springframework.web.client.HttpServerErrorException$GatewayTimeout",
                                  message: "504 Gateway Timeout: [no body]")
                duration = random.int(in: 15_000...15_120)
            }
        } else if incidents, biller == Self.b009, SampleEpisodeKind.b009Window.contains(time) {
            episode = .b009Credentials
            failure = .status(code: 401, className: "org.springframework.web.client.HttpClientErrorException$Unauthorized",
                              message: "401 Unauthorized: \"{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}\"")
            duration = random.int(in: 30...90)
        } else if incidents, biller == Self.b014, SampleEpisodeKind.b014Window.contains(time) {
            episode = .b014EndpointMoved
            failure = .unknownHost
            duration = random.int(in: 5...40)
        } else if incidents, biller == Self.b005, SampleEpisodeKind.b005Window.contains(time) {
            episode = .b005CertificateExpired
            failure = .certificateExpired
            duration = random.int(in: 20...80)
        } else if random.chance(0.0012) {
            episode = .gatewayRateLimited
            failure = .status(code: 429, className: "org.springframework.web.client.HttpClientErrorException$TooManyRequests",
                              message: "429 Too Many Requests: \"{\"error\":\"rate_limited\",\"retryAfter\":30}\"")
            duration = random.int(in: 10...40)
        } else if random.chance(0.005) {
            episode = .gatewayBackground
            switch random.weighted([50, 75, 100]) {
            case 0: failure = .resourceTimeout
            case 1: failure = .legacyTimeout
            default:
                failure = .status(code: 503, className: "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable",
                                  message: "503 Service Unavailable: \"{\"status\":503,\"error\":\"Service Unavailable\"}\"")
            }
            if case .status? = failure {
                duration = random.int(in: 5...60)
            } else {
                duration = random.int(in: 10_000...10_040)
            }
        } else if biller == Self.b003, random.chance(0.35) {
            episode = .b003Slow
            slow = true
            duration = random.int(in: 3_000...9_000)
        }

        let url = "https://\(SampleCatalog.billerHosts[biller])\(endpoint.apiPath)"
        var level = "INFO"
        let message: String
        var statusCode: Int? = endpoint.method == "POST" ? 201 : 200
        var errorClass: String?
        var errorMessage: String?
        var stack: String?
        let tail = SampleStackTraces.gatewayTails[endpointIndex]
        switch failure {
        case nil:
            break
        case let .status(code, className, text)?:
            statusCode = code
            errorClass = className
            errorMessage = text
            stack = SampleStackTraces.httpStatus(className: className, message: text, tail: tail)
        case .resourceTimeout?:
            statusCode = nil
            errorClass = "org.springframework.web.client.ResourceAccessException"
            errorMessage = "I/O error on \(endpoint.method) request for \"\(url)\": Read timed out"
            stack = SampleStackTraces.resourceAccessTimeout(message: errorMessage!, tail: tail)
        case .legacyTimeout?:
            statusCode = nil
            errorClass = "java.net.SocketTimeoutException"
            errorMessage = "Read timed out"
            stack = SampleStackTraces.legacySocketTimeout(tail: tail)
        case .unknownHost?:
            statusCode = nil
            errorClass = "java.net.UnknownHostException"
            errorMessage = SampleCatalog.billerHosts[biller]
            stack = SampleStackTraces.unknownHost(host: errorMessage!, tail: tail)
        case .certificateExpired?:
            statusCode = nil
            errorClass = "javax.net.ssl.SSLHandshakeException"
            errorMessage = "PKIX path validation failed: certificate expired"
            let notAfter = episode?.isChronic == true ? "Thu Oct 15 00:00:00 UTC 2026" : "Mon Nov 09 19:00:00 UTC 2026"
            stack = SampleStackTraces.certificateExpired(message: errorMessage!, notAfter: notAfter, tail: tail)
        case .connectTimeout?:
            statusCode = nil
            errorClass = "java.net.SocketTimeoutException"
            errorMessage = "Connect timed out"
            stack = SampleStackTraces.connectTimeout(tail: tail)
        }
        if let errorMessage {
            level = "ERROR"
            message = "\(path) failed after \(duration) ms: \(errorMessage)"
        } else if slow {
            level = "WARN"
            message = "\(path) slow response: completed in \(duration) ms (threshold 3000 ms)"
        } else {
            message = "\(path) completed in \(duration) ms"
        }

        var fields: [SampleField] = [
            SampleField("newrelic.source", "logs.APM"),
            SampleField("entity.name", "rtd-gateway"),
            SampleField("entity.guid", SampleCatalog.entityGUID(.rtdGateway)),
            SampleField("hostname", SampleCatalog.host(.rtdGateway, host)),
            SampleField("level", level),
            SampleField("logger.name", "com.acme.gateway.biller.BillerClient"),
            SampleField("thread.name", "http-nio-8080-exec-\(1 + random.below(50))"),
            SampleField("billerId", billerId),
            SampleField("sourceId", SampleCatalog.sources[random.weighted(SampleCatalog.sourceCumulative)]),
            SampleField("accountId", String(10_000 + random.below(accounts))),
            SampleField("durationMs", duration),
        ]
        fields.reserveCapacity(20)
        if let statusCode {
            switch host {
            case 2: fields.append(SampleField("httpResponseCode", String(statusCode)))
            case 3: fields.append(SampleField("response.status", statusCode))
            default: fields.append(SampleField("http.statusCode", statusCode))
            }
        }
        fields.append(SampleField("outcome", failure == nil ? "success" : "failure"))
        if let errorClass, let errorMessage, let stack {
            fields.append(SampleField("error.class", errorClass))
            fields.append(SampleField("error.message", errorMessage))
            fields.append(SampleField("error.stack", stack))
        }
        fields.append(SampleField("trace.id", .hex(trace.0, trace.1)))
        if level != "INFO" { fields.append(SampleField("span.id", .hex(random.next(), nil))) }
        if attempt > 0 { fields.append(SampleField("retry.attempt", attempt)) }
        context.emit(SampleRecord(timestamp: time, service: .rtdGateway, host: host, message: .string(message), fields: fields),
                     episode: episode)

        // The gateway retries 5xx answers twice; during the B017 outage this is the retry storm.
        if case let .status(code, _, _)? = failure, code >= 502, attempt < 2, episode == .b017Outage {
            let next = time + Int64(duration) + Int64(random.int(in: 1_000...3_000))
            call(at: next, biller: biller, attempt: attempt + 1, trace: trace, into: &context)
        }
    }

    /// How every call to a chronically broken biller fails.
    private static func chronicFailure(_ kind: SampleEpisodeKind) -> Failure? {
        switch kind {
        case .chronicB004Certificate, .chronicB018Certificate: .certificateExpired
        case .chronicB006Host, .chronicB020Host: .unknownHost
        case .chronicB007Credentials:
            .status(code: 401, className: "org.springframework.web.client.HttpClientErrorException$Unauthorized",
                    message: "401 Unauthorized: \"{\"error\":\"invalid_client\",\"error_description\":\"Client credentials revoked\"}\"")
        case .chronicB010AllowList:
            .status(code: 403, className: "org.springframework.web.client.HttpClientErrorException$Forbidden",
                    message: "403 Forbidden: \"{\"error\":\"ip_not_allowed\"}\"")
        case .chronicB012ConnectTimeout: .connectTimeout
        case .chronicB015Moved:
            .status(code: 404, className: "org.springframework.web.client.HttpClientErrorException$NotFound",
                    message: "404 Not Found: \"<html><body>No such API path</body></html>\"")
        default: nil
        }
    }

    private func pow2(_ x: Double) -> Double { x * x }
}
