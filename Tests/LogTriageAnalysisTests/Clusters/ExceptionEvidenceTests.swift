import Foundation
import LogTriageAnalysis
import Testing
import LogTriageTestSupport

extension Clusters {
    @Suite struct ExceptionEvidenceTests {
        @Test func chainIsOutermostFirstAndRootCauseIsTheLastCause() {
            let evidence = ExceptionEvidence(errorStack: JavaStacks.invalidTypeId)
            #expect(evidence.classChain == [
                "org.springframework.amqp.rabbit.support.ListenerExecutionFailedException",
                "org.springframework.messaging.converter.MessageConversionException",
                "com.fasterxml.jackson.databind.exc.InvalidTypeIdException",
            ])
            #expect(evidence.rootCause?.simpleName == "InvalidTypeIdException")
            #expect(evidence.chain[1].message.hasPrefix("Could not read JSON: Could not resolve type id"))
            #expect(evidence.frames == ["BillingEventListener.onMessage"])
        }

        @Test func wrapperAndItsCauseShareTheRootCause() {
            let wrapped = ExceptionEvidence(errorStack: JavaStacks.resourceAccess(line: 88, version: "2.4.1"))
            let bare = ExceptionEvidence(errorStack: JavaStacks.socketTimeout)
            #expect(wrapped.rootCause?.className == "java.net.SocketTimeoutException")
            #expect(wrapped.rootCause == bare.rootCause)
        }

        @Test func framesHaveNoLineNumbersPackagesOrGeneratedSuffixes() {
            let evidence = ExceptionEvidence(errorStack: JavaStacks.unauthorized)
            #expect(evidence.frames == [
                "BillerClient.submitInvoice",
                "InvoiceDeliveryService.deliver",
                "InvoiceDeliveryService.deliverBatch",
                "DeliveryJob.run",
            ])
            for frame in evidence.frames {
                #expect(!frame.contains(":") && !frame.contains("$") && !frame.contains("jar"))
            }
        }

        @Test func twoReleasesGiveTheSameFrames() {
            let before = ExceptionEvidence(errorStack: JavaStacks.resourceAccess(line: 88, version: "2.4.1"))
            let after = ExceptionEvidence(errorStack: JavaStacks.resourceAccess(line: 131, version: "2.5.0-SNAPSHOT"))
            #expect(before.frames == after.frames)
            #expect(before.frames == [
                "BillerClient.submitInvoice", "InvoiceDeliveryService.deliver", "InvoiceDeliveryService.call", "DeliveryJob.run",
            ])
            #expect(before.classChain == after.classChain)
        }

        @Test func moduleAndAppPrefixesAreDropped() {
            let evidence = ExceptionEvidence(errorStack: JavaStacks.socketTimeout)
            #expect(evidence.frames == ["LedgerGateway.post", "PostingService.postInvoice"])
        }

        @Test func suppressedExceptionsAreNotCauses() {
            let evidence = ExceptionEvidence(errorStack: JavaStacks.withSuppressed)
            #expect(evidence.classChain == ["com.acme.billing.DeliveryFailedException", "java.net.ConnectException"])
            #expect(evidence.frames == ["InvoiceDeliveryService.deliver"])
        }

        @Test func exceptionInThreadHeader() {
            let evidence = ExceptionEvidence(errorStack: JavaStacks.outOfMemory)
            #expect(evidence.classChain == ["java.lang.OutOfMemoryError"])
            #expect(evidence.chain[0].message == "Java heap space")
        }

        @Test func classAtTheStartOfAMessageWhenTheClassFieldIsMissing() {
            let fromMessage = ExceptionEvidence(message: "java.net.SocketTimeoutException: Read timed out")
            #expect(fromMessage.classChain == ["java.net.SocketTimeoutException"])
            #expect(fromMessage.rootCause?.message == "Read timed out")
            let fromErrorMessage = ExceptionEvidence(errorMessage: "java.net.ConnectException: Connection refused")
            #expect(fromErrorMessage.classChain == ["java.net.ConnectException"])
        }

        @Test func ordinaryMessagesAreNotTakenForExceptions() {
            #expect(ExceptionEvidence(message: "com.acme.billing.InvoiceService: started in 3.2s").chain.isEmpty)
            #expect(ExceptionEvidence(message: "Error: could not post invoice").chain.isEmpty)
            #expect(ExceptionEvidence(message: "Processing failed for invoice INV-9").chain.isEmpty)
        }

        @Test func errorClassFieldLeadsTheChain() {
            let evidence = ExceptionEvidence(
                errorClass: "org.springframework.web.client.ResourceAccessException",
                errorMessage: "I/O error on GET request for \"https://api.biller.com/x\": api.biller.com; nested exception is java.net.UnknownHostException: api.biller.com")
            #expect(evidence.classChain == ["org.springframework.web.client.ResourceAccessException", "java.net.UnknownHostException"])
            #expect(evidence.rootCause?.message == "api.biller.com")
        }

        @Test func errorClassMatchingTheStackHeaderIsNotRepeated() {
            let evidence = ExceptionEvidence(errorClass: "SocketTimeoutException", errorMessage: "Read timed out",
                                             errorStack: JavaStacks.socketTimeout)
            #expect(evidence.classChain == ["java.net.SocketTimeoutException"])
        }

        @Test func errorClassNamingACauseIsNotRepeated() {
            let evidence = ExceptionEvidence(errorClass: "java.net.SocketTimeoutException",
                                             errorStack: JavaStacks.resourceAccess(line: 88, version: "2.4.1"))
            #expect(evidence.classChain == ["org.springframework.web.client.ResourceAccessException", "java.net.SocketTimeoutException"])
        }

        @Test func wrapperWhoseMessageIsItsCause() {
            let evidence = ExceptionEvidence(errorClass: "java.lang.RuntimeException",
                                             errorMessage: "java.net.SocketTimeoutException: connect timed out")
            #expect(evidence.classChain == ["java.lang.RuntimeException", "java.net.SocketTimeoutException"])
        }

        @Test func stackEmbeddedInTheLogMessage() {
            let evidence = ExceptionEvidence(message: "Delivery failed for INV-42\n" + JavaStacks.unknownHost)
            #expect(evidence.rootCause?.className == "java.net.UnknownHostException")
            #expect(evidence.frames == ["BillerClient.submitInvoice"])
        }

        @Test(arguments: [
            ("503 Service Unavailable: upstream down", 503),
            ("Request failed with status code 401", 401),
            ("HTTP/1.1 429 Too Many Requests", 429),
            ("401 UNAUTHORIZED", 401),
            ("biller answered statusCode=502", 502),
            ("504 Gateway Time-out", 504),
        ])
        func statusFromMessages(message: String, status: Int) {
            #expect(ExceptionEvidence(errorMessage: message).httpStatus == status)
        }

        @Test(arguments: ["charged 503 invoices", "amount 401.50 is invalid", "retry 404 times", "200 Not Found"])
        func numbersThatAreNotStatuses(message: String) {
            #expect(ExceptionEvidence(message: message).httpStatus == nil)
        }

        @Test func statusFieldWinsOverMessages() {
            #expect(ExceptionEvidence(errorMessage: "503 Service Unavailable", httpStatus: "502").httpStatus == 502)
            #expect(ExceptionEvidence(httpStatus: "429.0").httpStatus == 429)
            #expect(ExceptionEvidence(httpStatus: "n/a").httpStatus == nil)
        }

        @Test func frameNormalisation() {
            let stack = """
                com.acme.FooException: boom
                \tat com.acme.billing.Router$$FastClassBySpringCGLIB$$9a.invoke(<generated>)
                \tat com.acme.billing.Router$Inner.route(Router.java:10)
                \tat com.acme.billing.Router$$Lambda$412/0x0000000800c4b040.apply(Unknown Source)
                \tat com.acme.billing.Router.lambda$route$0(Router.java:12)
                \tat com.acme.billing.Invoice$HibernateProxy$AbC12.getTotal(Unknown Source)
                \tat billing-core@2.4.1/com.acme.billing.Totals.sum$default(Totals.kt:5)
                \tat io.netty.channel.AbstractChannelHandlerContext.invokeChannelRead(AbstractChannelHandlerContext.java:379)
                """
            #expect(ExceptionEvidence(errorStack: stack).frames == [
                "Router.invoke", "Router$Inner.route", "Router.route", "Invoice.getTotal", "Totals.sum",
            ])
        }

        /// Windows (`\r\n`), old Mac (`\r`) and blank lines split a stack as `\n` does.
        @Test(arguments: ["\r\n", "\r", "\n\n", "\r\n\r\n"])
        func anyLineEndSplitsAStack(_ lineEnd: String) {
            let plain = ExceptionEvidence(errorStack: JavaStacks.resourceAccess(line: 88, version: "2.4.1"))
            let other = ExceptionEvidence(errorStack: JavaStacks.resourceAccess(line: 88, version: "2.4.1")
                .replacingOccurrences(of: "\n", with: lineEnd))
            #expect(other.classChain == plain.classChain)
            #expect(other.frames == plain.frames)
            #expect(!plain.frames.isEmpty)
        }
    }
}
