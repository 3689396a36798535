import LogTriageModel
import LogTriageAnalysis
import Testing

extension StaleInvoices {
    /// Which failures count as invoice-state failures, with the shipped defaults and the
    /// shipped classification rules deciding the category, as the pipeline does.
    @Suite struct InvoiceStatePolicyTests {
        let configuration: TriageConfiguration
        let rules: CategoryRules

        init() throws {
            configuration = try TriageConfiguration.defaults()
            rules = configuration.categoryRules
        }

        func isInvoiceState(_ evidence: ExceptionEvidence) -> Bool {
            let category = rules.classify(evidence, service: "billing-delivery").category
            return configuration.invoiceStatePolicy.isInvoiceStateFailure(evidence, category: category)
        }

        @Test func recognisesInvoiceStateFailures() {
            #expect(isInvoiceState(ExceptionEvidence(errorClass: "com.acme.billing.BillerRejectedException",
                                                     errorMessage: "Invoice INV-2026-00017 is already settled")))
            #expect(isInvoiceState(ExceptionEvidence(errorClass: "org.springframework.web.client.HttpClientErrorException$NotFound",
                                                     errorMessage: "Invoice INV-1 not found at biller B009", httpStatus: "404")))
            #expect(isInvoiceState(ExceptionEvidence(errorMessage: "Invoice X cannot be updated in state ARCHIVED", httpStatus: "422")))
            #expect(isInvoiceState(ExceptionEvidence(errorClass: "com.acme.billing.InvoiceStateException")))
            #expect(isInvoiceState(ExceptionEvidence(message: "invoice INV-77 was voided by the biller")))
        }

        @Test func aListedStatusCountsOnlyWhenAnInvoiceIsMentioned() {
            #expect(isInvoiceState(ExceptionEvidence(errorMessage: "409 Conflict while posting invoice INV-9", httpStatus: "409")))
            #expect(!isInvoiceState(ExceptionEvidence(errorMessage: "409 Conflict while posting payment P-9", httpStatus: "409")))
            #expect(!isInvoiceState(ExceptionEvidence(
                errorClass: "org.springframework.web.client.HttpClientErrorException$NotFound",
                errorMessage: "404 Not Found: [no body] on GET https://biller.example.com/api/balance", httpStatus: "404")))
        }

        @Test func transportAndCredentialFailuresAreNot() {
            #expect(!isInvoiceState(ExceptionEvidence(errorStack: "java.net.SocketTimeoutException: Read timed out\n\tat java.base/java.net.Socket.read(Socket.java:1)")))
            #expect(!isInvoiceState(ExceptionEvidence(
                errorClass: "org.springframework.web.client.HttpClientErrorException$Unauthorized",
                errorMessage: "401 Unauthorized", httpStatus: "401")))
        }

        @Test func aNeverStaleCategoryWinsOverTheText() {
            let evidence = ExceptionEvidence(errorClass: "com.acme.billing.InvoiceNotFoundException",
                                             errorMessage: "Invoice INV-1 not found at biller B009", httpStatus: "404")
            let policy = configuration.invoiceStatePolicy
            #expect(policy.isInvoiceStateFailure(evidence, category: .validation))
            #expect(policy.isInvoiceStateFailure(evidence, category: .endpointMoved))
            for category in [Category.transient, .endpointAuth, .rateLimited, .deserialization, .resource] {
                #expect(!policy.isInvoiceStateFailure(evidence, category: category))
            }
        }
    }

    /// The `staleInvoices:` section of a triage.yml over the shipped defaults.
    @Suite struct StaleInvoicesConfigurationTests {
        func configuration(_ yaml: String) throws -> TriageConfiguration {
            var configuration = try TriageConfiguration.defaults()
            try configuration.apply(yaml: yaml, path: "triage.yml")
            return configuration
        }

        func errorText(_ yaml: String) -> String? {
            do {
                _ = try configuration(yaml)
                return nil
            } catch {
                return (error as? ConfigurationError)?.description
            }
        }

        @Test func defaultsComeFromTheResource() throws {
            let defaults = try TriageConfiguration.defaults()
            #expect(defaults.staleLoopGapMilliseconds == 600_000)
            #expect(defaults.invoiceStatePolicy.exception.map(\.description) == ["*InvoiceStateException", "*InvoiceNotFoundException"])
            #expect(defaults.invoiceStatePolicy.message.count == 1)
            #expect(defaults.invoiceStatePolicy.status.map(\.description) == ["404", "409", "410", "422"])
        }

        @Test func userValuesReplaceDefaultsPerKey() throws {
            let configuration = try configuration("""
                staleInvoices:
                  loopGapMinutes: 2.5
                  invoiceState:
                    status: [409]
                    exception: BillerInvoiceRejected
                """)
            #expect(configuration.staleLoopGapMilliseconds == 150_000)
            #expect(configuration.invoiceStatePolicy.status.map(\.description) == ["409"])
            #expect(configuration.invoiceStatePolicy.exception.map(\.description) == ["BillerInvoiceRejected"])
            #expect(configuration.invoiceStatePolicy.message == (try TriageConfiguration.defaults()).invoiceStatePolicy.message)
        }

        @Test(arguments: [
            ("staleInvoices:\n  loopGapMinutes: 0", "staleInvoices.loopGapMinutes"),
            ("staleInvoices:\n  loopGapMinutes: soon", "staleInvoices.loopGapMinutes"),
            ("staleInvoices:\n  loopGap: 5", "'loopGap'"),
            ("staleInvoices:\n  invoiceState:\n    message: ['/(unclosed/']", "staleInvoices.invoiceState.message"),
            ("staleInvoices:\n  invoiceState:\n    status: [999]", "staleInvoices.invoiceState.status"),
            ("staleInvoices:\n  invoiceState:\n    exception: ['']", "staleInvoices.invoiceState.exception"),
            ("staleInvoices:\n  invoiceState:\n    classes: [X]", "'classes'"),
            ("staleInvoices: 10", "'staleInvoices'"),
        ])
        func invalidValuesNameTheKey(yaml: String, key: String) {
            let text = errorText(yaml)
            #expect(text?.contains(key) == true, "\(text ?? "no error")")
        }
    }
}
