/// Stack texts as Java services log them (`Throwable.printStackTrace` form, with logback's jar
/// suffixes where a service prints them), for the evidence and taxonomy tests.
enum JavaStacks {
    static let unauthorized = """
        org.springframework.web.client.HttpClientErrorException$Unauthorized: 401 Unauthorized: "{"error":"invalid_token"}"
        \tat org.springframework.web.client.HttpClientErrorException.create(HttpClientErrorException.java:106)
        \tat org.springframework.web.client.DefaultResponseErrorHandler.handleError(DefaultResponseErrorHandler.java:183)
        \tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:819)
        \tat org.springframework.web.client.RestTemplate.exchange(RestTemplate.java:711)
        \tat com.acme.billing.biller.BillerClient.submitInvoice(BillerClient.java:88) ~[billing-core-2.4.1.jar:2.4.1]
        \tat com.acme.billing.biller.BillerClient$$EnhancerBySpringCGLIB$$5f1e2a.submitInvoice(<generated>) ~[billing-core-2.4.1.jar:2.4.1]
        \tat com.acme.billing.delivery.InvoiceDeliveryService.deliver(InvoiceDeliveryService.java:142) ~[billing-core-2.4.1.jar:2.4.1]
        \tat com.acme.billing.delivery.InvoiceDeliveryService.lambda$deliverBatch$3(InvoiceDeliveryService.java:97) ~[billing-core-2.4.1.jar:2.4.1]
        \tat java.base/java.util.ArrayList.forEach(ArrayList.java:1541)
        \tat com.acme.billing.delivery.InvoiceDeliveryService.deliverBatch(InvoiceDeliveryService.java:95) ~[billing-core-2.4.1.jar:2.4.1]
        \tat com.acme.billing.delivery.DeliveryJob.run(DeliveryJob.java:41) ~[billing-core-2.4.1.jar:2.4.1]
        \tat java.base/java.lang.Thread.run(Thread.java:833)
        """

    static let socketTimeout = """
        java.net.SocketTimeoutException: Read timed out
        \tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:283)
        \tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:309)
        \tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:966)
        \tat app//com.acme.ledger.LedgerGateway.post(LedgerGateway.java:57)
        \tat app//com.acme.ledger.PostingService.postInvoice(PostingService.java:33)
        """

    /// Spring's wrapper around an I/O error, with the cause printed as `Caused by:`.
    static func resourceAccess(line: Int, version: String) -> String {
        """
        org.springframework.web.client.ResourceAccessException: I/O error on POST request for "https://api.biller-one.com/v2/invoices": Read timed out
        \tat org.springframework.web.client.RestTemplate.createResourceAccessException(RestTemplate.java:888)
        \tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:868)
        \tat org.springframework.web.client.RestTemplate.postForEntity(RestTemplate.java:495)
        \tat com.acme.billing.biller.BillerClient.submitInvoice(BillerClient.java:\(line)) ~[billing-core-\(version).jar:\(version)]
        \tat com.acme.billing.biller.BillerClient$$SpringCGLIB$$0.submitInvoice(<generated>) ~[billing-core-\(version).jar:\(version)]
        \tat com.acme.billing.delivery.InvoiceDeliveryService.deliver(InvoiceDeliveryService.java:\(line + 50)) ~[billing-core-\(version).jar:\(version)]
        \tat com.acme.billing.delivery.InvoiceDeliveryService$1.call(InvoiceDeliveryService.java:\(line + 60)) ~[billing-core-\(version).jar:\(version)]
        \tat jdk.internal.reflect.GeneratedMethodAccessor212.invoke(Unknown Source)
        \tat com.acme.billing.delivery.InvoiceDeliveryService.access$000(InvoiceDeliveryService.java:20)
        \tat com.acme.billing.delivery.DeliveryJob.run(DeliveryJob.java:\(line / 2)) ~[billing-core-\(version).jar:\(version)]
        Caused by: java.net.SocketTimeoutException: Read timed out
        \tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:283)
        \tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:966)
        \tat org.apache.http.impl.io.SessionInputBufferImpl.fillBuffer(SessionInputBufferImpl.java:153)
        \t... 24 common frames omitted
        """
    }

    static let invalidTypeId = """
        org.springframework.amqp.rabbit.support.ListenerExecutionFailedException: Listener method could not be invoked with the incoming message
        \tat org.springframework.amqp.rabbit.listener.adapter.MessagingMessageListenerAdapter.invokeHandler(MessagingMessageListenerAdapter.java:253)
        \tat org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer.doInvokeListener(AbstractMessageListenerContainer.java:1663)
        Caused by: org.springframework.messaging.converter.MessageConversionException: Could not read JSON: Could not resolve type id 'com.acme.events.InvoiceIssuedV3' as a subtype of `com.acme.events.BillingEvent`: known type ids = [InvoiceIssued, InvoicePaid]
        \tat org.springframework.messaging.converter.MappingJackson2MessageConverter.convertFromInternal(MappingJackson2MessageConverter.java:235)
        \tat com.acme.events.consumer.BillingEventListener.onMessage(BillingEventListener.java:61)
        \t... 12 common frames omitted
        Caused by: com.fasterxml.jackson.databind.exc.InvalidTypeIdException: Could not resolve type id 'com.acme.events.InvoiceIssuedV3' as a subtype of `com.acme.events.BillingEvent`: known type ids = [InvoiceIssued, InvoicePaid]
         at [Source: (String)"{"@type":"com.acme.events.InvoiceIssuedV3","invoiceId":"INV-1"}"; line: 1, column: 12]
        \tat com.fasterxml.jackson.databind.exc.InvalidTypeIdException.from(InvalidTypeIdException.java:43)
        \tat com.fasterxml.jackson.databind.DeserializationContext.invalidTypeIdException(DeserializationContext.java:2084)
        \t... 20 common frames omitted
        """

    static let sslHandshake = """
        javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed
        \tat java.base/sun.security.ssl.Alert.createSSLException(Alert.java:131)
        \tat java.base/sun.security.ssl.TransportContext.fatal(TransportContext.java:371)
        \tat com.acme.billing.biller.BillerClient.submitInvoice(BillerClient.java:88)
        Caused by: java.security.cert.CertificateExpiredException: NotAfter: Sun Mar 03 23:59:59 UTC 2024
        \tat java.base/sun.security.x509.CertificateValidity.valid(CertificateValidity.java:277)
        \t... 40 more
        """

    static let unknownHost = """
        java.net.UnknownHostException: api.old-biller.com: Name or service not known
        \tat java.base/java.net.Inet6AddressImpl.lookupAllHostAddr(Native Method)
        \tat java.base/java.net.InetAddress$PlatformNameService.lookupAllHostAddr(InetAddress.java:933)
        \tat com.acme.billing.biller.BillerClient.submitInvoice(BillerClient.java:88)
        """

    static let hikari = """
        org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30005ms.
        \tat org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:83)
        \tat com.acme.ledger.repository.PostingRepository.save(PostingRepository.java:29)
        Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30005ms.
        \tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)
        \t... 60 common frames omitted
        """

    static let outOfMemory = """
        Exception in thread "delivery-worker-3" java.lang.OutOfMemoryError: Java heap space
        \tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)
        \tat com.acme.billing.export.StatementRenderer.render(StatementRenderer.java:210)
        """

    static let tooManyRequests = """
        org.springframework.web.client.HttpClientErrorException$TooManyRequests: 429 Too Many Requests: "{"message":"rate limit exceeded, retry after 30s"}"
        \tat org.springframework.web.client.HttpClientErrorException.create(HttpClientErrorException.java:137)
        \tat com.acme.billing.biller.BillerClient.submitInvoice(BillerClient.java:88)
        """

    static let validation = """
        jakarta.validation.ConstraintViolationException: submitPayment.request.amount: must be greater than 0
        \tat org.springframework.validation.beanvalidation.MethodValidationInterceptor.invoke(MethodValidationInterceptor.java:138)
        \tat com.acme.payments.PaymentController.submitPayment(PaymentController.java:52)
        """

    /// A `Suppressed:` block between the frames and the main cause; its exception is not a cause.
    static let withSuppressed = """
        com.acme.billing.DeliveryFailedException: delivery of INV-7 failed
        \tat com.acme.billing.delivery.InvoiceDeliveryService.deliver(InvoiceDeliveryService.java:142)
        \tSuppressed: java.lang.IllegalStateException: close failed
        \t\tat com.acme.billing.io.PdfStream.close(PdfStream.java:77)
        \t\tCaused by: java.io.IOException: stream already closed
        \t\t\t... 3 more
        Caused by: java.net.ConnectException: Connection refused
        \tat java.base/sun.nio.ch.Net.pollConnect(Native Method)
        \t... 9 more
        """
}
