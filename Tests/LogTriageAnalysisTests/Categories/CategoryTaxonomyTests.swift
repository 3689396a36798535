import LogTriageModel
import LogTriageAnalysis
import Testing

extension Categories {
    /// The built-in rules on the evidence real services log.
    @Suite struct CategoryTaxonomyTests {
        let rules: CategoryRules

        init() throws {
            rules = try TriageConfiguration.defaults().categoryRules
        }

        func classify(errorClass: String? = nil, errorMessage: String? = nil, stack: String? = nil,
                      message: String? = nil, status: String? = nil, service: String? = "billing-delivery") -> Classification {
            rules.classify(ExceptionEvidence(errorClass: errorClass, errorMessage: errorMessage, errorStack: stack,
                                             message: message, httpStatus: status), service: service)
        }

        @Test func springUnauthorizedIsEndpointAuth() {
            let result = classify(errorClass: "org.springframework.web.client.HttpClientErrorException$Unauthorized",
                                  stack: JavaStacks.unauthorized, status: "401")
            #expect(result.category == .endpointAuth)
            #expect(result.rule == "endpoint-unauthorized-exception")
            #expect(result.team == "client-services")
            #expect(result.tier == .critical)
            #expect(result.retryable == false)
        }

        @Test func socketTimeoutIsTransient() {
            let result = classify(stack: JavaStacks.socketTimeout)
            #expect(result.category == .transient)
            #expect(result.team == "sre")
            #expect(result.tier == .warning)
            #expect(result.retryable == true)
            #expect(result.runbook?.contains("retry with backoff") == true)
        }

        @Test func resourceAccessWrappingATimeoutIsTransientLikeTheTimeout() {
            let stack = JavaStacks.resourceAccess(line: 88, version: "2.4.1")
            let evidence = ExceptionEvidence(errorStack: stack)
            #expect(evidence.rootCause?.simpleName == "SocketTimeoutException")
            let wrapped = rules.classify(evidence, service: "billing-delivery")
            let bare = classify(stack: JavaStacks.socketTimeout)
            #expect(wrapped.category == .transient)
            #expect(wrapped.rule == bare.rule)
        }

        @Test func resourceAccessWrappingAnUnknownHostIsAMovedEndpoint() {
            let result = classify(
                errorClass: "org.springframework.web.client.ResourceAccessException",
                errorMessage: "I/O error on POST request for \"https://api.old-biller.com/v2\": api.old-biller.com; nested exception is java.net.UnknownHostException: api.old-biller.com")
            #expect(result.category == .endpointMoved)
        }

        @Test func resourceAccessWithAnUnrecognisedCauseIsStillTransient() {
            let result = classify(errorClass: "org.springframework.web.client.ResourceAccessException",
                                  errorMessage: "I/O error on GET request for \"https://x\": stream is closed")
            #expect(result.category == .transient)
            #expect(result.rule == "io-error-wrapper")
        }

        @Test func jacksonUnknownTypeIdIsDeserializationForTheOwningTeam() {
            let result = classify(stack: JavaStacks.invalidTypeId, service: "billing-events")
            #expect(result.category == .deserialization)
            #expect(result.team == "billing-events")
            #expect(result.tier == .critical)
            #expect(result.retryable == false)
        }

        @Test func expiredCertificateIsEndpointAuth() {
            #expect(classify(stack: JavaStacks.sslHandshake).category == .endpointAuth)
            #expect(classify(errorClass: "javax.net.ssl.SSLHandshakeException",
                             errorMessage: "Received fatal alert: handshake_failure").category == .endpointAuth)
        }

        @Test func unknownHostIsEndpointMoved() {
            let result = classify(stack: JavaStacks.unknownHost)
            #expect(result.category == .endpointMoved)
            #expect(result.team == "client-services")
            #expect(classify(message: "lookup api.biller.com on 10.0.0.2:53: NXDOMAIN").category == .endpointMoved)
        }

        @Test func tooManyRequestsIsRateLimited() {
            #expect(classify(stack: JavaStacks.tooManyRequests).category == .rateLimited)
            #expect(classify(message: "biller rejected batch", status: "429").category == .rateLimited)
            #expect(classify(message: "Daily quota exceeded for client 88").category == .rateLimited)
            let result = classify(status: "429")
            #expect(result.team == "integration")
            #expect(result.retryable == true)
        }

        @Test func outOfMemoryIsResource() {
            let result = classify(stack: JavaStacks.outOfMemory)
            #expect(result.category == .resource)
            #expect(result.team == "sre")
            #expect(result.tier == .critical)
        }

        @Test func hikariPoolTimeoutIsResourceNotTransient() {
            #expect(classify(stack: JavaStacks.hikari).category == .resource)
        }

        @Test(arguments: ["java.io.IOException: No space left on device", "java.util.concurrent.RejectedExecutionException: Task rejected"])
        func otherExhaustionIsResource(message: String) {
            #expect(classify(errorMessage: message).category == .resource)
        }

        @Test func validationErrors() {
            #expect(classify(stack: JavaStacks.validation).category == .validation)
            #expect(classify(errorClass: "java.lang.IllegalArgumentException", errorMessage: "Invalid account number: 00-12").category == .validation)
            #expect(classify(message: "invoice INV-3 rejected", status: "422").category == .validation)
            let result = classify(status: "400")
            #expect(result.team == "integration")
            #expect(result.tier == .warning)
        }

        @Test(arguments: [
            ("org.springframework.web.client.HttpServerErrorException$BadGateway", "502 Bad Gateway: [no body]", nil),
            ("org.springframework.web.client.HttpServerErrorException$ServiceUnavailable", "503 Service Unavailable: [no body]", nil),
            ("org.springframework.web.client.HttpServerErrorException$GatewayTimeout", "504 Gateway Timeout: [no body]", nil),
            (nil, "upstream failed", "502"),
            (nil, "upstream failed", "503"),
            (nil, "upstream failed", "504"),
            ("org.springframework.web.client.HttpServerErrorException", "503 Service Unavailable", nil),
        ] as [(String?, String, String?)])
        func gatewayErrorsAreTransient(errorClass: String?, message: String, status: String?) {
            #expect(classify(errorClass: errorClass, errorMessage: message, status: status).category == .transient)
        }

        @Test(arguments: [
            "java.net.ConnectException: Connection refused",
            "java.net.SocketException: Connection reset",
            "org.springframework.amqp.AmqpConnectException: java.net.ConnectException: Connection refused",
            "org.apache.kafka.common.errors.TimeoutException: Topic invoices not present in metadata after 60000 ms.",
        ])
        func connectionAndBrokerFailuresAreTransient(message: String) {
            #expect(classify(errorMessage: message).category == .transient)
        }

        @Test func kafkaExceptionWrappingATimeoutIsTransient() {
            let result = classify(errorClass: "org.springframework.kafka.KafkaException",
                                  errorMessage: "Send failed; nested exception is org.apache.kafka.common.errors.TimeoutException: Expiring 1 record(s) for invoices-0")
            #expect(result.category == .transient)
        }

        @Test func unknownErrorsAreOtherAndNotActionable() {
            let result = classify(errorClass: "java.lang.NullPointerException",
                                  errorMessage: "Cannot invoke \"Invoice.getTotal()\" because \"invoice\" is null", status: "500")
            #expect(result.category == .other)
            #expect(result.rule == nil)
            #expect(result.actionable == false)
            #expect(result.team == "billing-delivery")
            #expect(classify().category == .other)
            #expect(classify(service: nil).team == CategoryRules.unownedTeam)
        }

        @Test func onlyOtherIsNotActionableByDefault() {
            for category in Category.allCases {
                #expect(rules.policy(for: category).actionable == (category != .other), "\(category)")
            }
        }

        @Test func slowIsAssignedByCallersWithItsPolicy() throws {
            let configuration = try TriageConfiguration.defaults()
            #expect(configuration.slowThresholdMs == 2000)
            let slow = configuration.categoryRules.classification(for: .slow, service: "ledger")
            #expect(slow.team == "ledger")
            #expect(slow.tier == .warning)
            #expect(slow.retryable == nil)
            // Built-in rules decide `slow` only from wording, never from a class, code or status.
            let slowRules = configuration.builtInRules.filter { $0.category == .slow }
            #expect(!slowRules.isEmpty)
            #expect(slowRules.allSatisfy { !$0.message.isEmpty && $0.exception.isEmpty && $0.code.isEmpty && $0.status.isEmpty })
        }

        @Test func slowWordingIsSlowButAFailureThatTookLongIsTheFailure() throws {
            let rules = try TriageConfiguration.defaults().categoryRules
            func classify(_ message: String) -> Category {
                rules.classify(ExceptionEvidence(errorClass: nil, message: message), service: "ledger").category
            }
            #expect(classify("Slow query: SELECT * FROM invoices WHERE biller_id = $1 (2380 ms)") == .slow)
            #expect(classify("apply request took too long, took 2.8s, expected-duration 100ms") == .slow)
            #expect(classify("request took too long: context deadline exceeded") == .transient)
            #expect(classify("lookup took longer than 5000ms: Connection refused") == .transient)
        }

        @Test func categoryNamesAreTheOutputContract() {
            #expect(Category.allCases.map(\.rawValue) == [
                "transient", "endpoint_auth", "endpoint_moved", "deserialization", "validation",
                "rate_limited", "resource", "slow", "other",
            ])
        }
    }
}
