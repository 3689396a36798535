/// Realistic Java stack traces (`error.stack`) for the exceptions the sample services throw.
///
/// Frames follow `Throwable.printStackTrace` layout: a `Class: message` line, tab-indented
/// `at` frames, `Caused by:` chains ending in `... N more`. Application frames are under
/// `com.acme.*`; framework frames (Spring, Tomcat, Apache HttpClient, Jackson, HikariCP,
/// the JDK) sit around them, as in production traces.
enum SampleStackTraces {
    // MARK: rtd-gateway

    /// Application and framework frames below the biller client, one per gateway endpoint
    /// (balance, invoices, payments).
    static let gatewayTails: [String] = [
        gatewayTail(client: "fetchBalance", clientLine: 142, service: "balance", serviceLine: 88,
                    controller: "getBalance", controllerLine: 54),
        gatewayTail(client: "fetchInvoices", clientLine: 171, service: "invoices", serviceLine: 112,
                    controller: "getInvoices", controllerLine: 67),
        gatewayTail(client: "submitPayment", clientLine: 203, service: "pay", serviceLine: 131,
                    controller: "postPayment", controllerLine: 81),
    ]

    private static func gatewayTail(client: String, clientLine: Int, service: String, serviceLine: Int,
                                    controller: String, controllerLine: Int) -> String {
        """
        \tat com.acme.gateway.biller.BillerClient.\(client)(BillerClient.java:\(clientLine))
        \tat com.acme.gateway.biller.BillerClient$$SpringCGLIB$$0.\(client)(<generated>)
        \tat com.acme.gateway.rtd.RealTimeDataService.\(service)(RealTimeDataService.java:\(serviceLine))
        \tat com.acme.gateway.rtd.RealTimeDataController.\(controller)(RealTimeDataController.java:\(controllerLine))
        \tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)
        \tat java.base/java.lang.reflect.Method.invoke(Method.java:580)
        \tat org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:255)
        \tat org.springframework.web.method.support.InvocableHandlerMethod.invokeForRequest(InvocableHandlerMethod.java:188)
        \tat org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod.invokeAndHandle(ServletInvocableHandlerMethod.java:118)
        \tat org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.invokeHandlerMethod(RequestMappingHandlerAdapter.java:926)
        \tat org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)
        \tat org.springframework.web.servlet.DispatcherServlet.doService(DispatcherServlet.java:979)
        \tat org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)
        \tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:564)
        \tat org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:206)
        \tat org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:150)
        \tat org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:167)
        \tat org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:391)
        \tat org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1736)
        \tat org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:659)
        \tat org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run(TaskThread.java:63)
        \tat java.base/java.lang.Thread.run(Thread.java:1583)
        """
    }

    private static let restTemplateStatusFrames = """
        \tat org.springframework.web.client.DefaultResponseErrorHandler.handleError(DefaultResponseErrorHandler.java:183)
        \tat org.springframework.web.client.DefaultResponseErrorHandler.handleError(DefaultResponseErrorHandler.java:137)
        \tat org.springframework.web.client.ResponseErrorHandler.handleError(ResponseErrorHandler.java:63)
        \tat org.springframework.web.client.RestTemplate.handleResponse(RestTemplate.java:942)
        \tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:891)
        \tat org.springframework.web.client.RestTemplate.exchange(RestTemplate.java:720)
        """

    private static let socketReadFrames = """
        \tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)
        \tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:304)
        \tat java.base/sun.nio.ch.NioSocketImpl.read(NioSocketImpl.java:346)
        \tat java.base/sun.nio.ch.NioSocketImpl$1.read(NioSocketImpl.java:796)
        \tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)
        \tat java.base/sun.security.ssl.SSLSocketInputRecord.read(SSLSocketInputRecord.java:489)
        \tat java.base/sun.security.ssl.SSLSocketInputRecord.readHeader(SSLSocketInputRecord.java:483)
        \tat java.base/sun.security.ssl.SSLSocketImpl$AppInputStream.read(SSLSocketImpl.java:1099)
        """

    private static let httpClientExecuteFrames = """
        \tat org.apache.hc.core5.http.impl.io.SessionInputBufferImpl.fillBuffer(SessionInputBufferImpl.java:149)
        \tat org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection.receiveResponseHeader(DefaultBHttpClientConnection.java:301)
        \tat org.apache.hc.client5.http.impl.classic.InternalExecRuntime.execute(InternalExecRuntime.java:212)
        \tat org.apache.hc.client5.http.impl.classic.MainClientExec.execute(MainClientExec.java:106)
        \tat org.apache.hc.client5.http.impl.classic.InternalHttpClient.doExecute(InternalHttpClient.java:174)
        \tat org.springframework.http.client.HttpComponentsClientHttpRequest.executeInternal(HttpComponentsClientHttpRequest.java:95)
        \tat org.springframework.http.client.AbstractClientHttpRequest.execute(AbstractClientHttpRequest.java:66)
        \tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:889)
        """

    /// A Spring `HttpClientErrorException`/`HttpServerErrorException` subclass thrown by the
    /// biller client, e.g. `HttpServerErrorException$BadGateway: 502 Bad Gateway: "…"`.
    static func httpStatus(className: String, message: String, tail: String) -> String {
        let create = className.contains("Server")
            ? "\tat org.springframework.web.client.HttpServerErrorException.create(HttpServerErrorException.java:104)"
            : "\tat org.springframework.web.client.HttpClientErrorException.create(HttpClientErrorException.java:121)"
        return "\(className): \(message)\n\(create)\n\(restTemplateStatusFrames)\n\(tail)"
    }

    /// `ResourceAccessException: I/O error on GET request for "url": Read timed out`,
    /// caused by `SocketTimeoutException`.
    static func resourceAccessTimeout(message: String, tail: String) -> String {
        """
        org.springframework.web.client.ResourceAccessException: \(message)
        \tat org.springframework.web.client.RestTemplate.createResourceAccessException(RestTemplate.java:926)
        \tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:906)
        \tat org.springframework.web.client.RestTemplate.exchange(RestTemplate.java:720)
        \(tail)
        Caused by: java.net.SocketTimeoutException: Read timed out
        \(socketReadFrames)
        \(httpClientExecuteFrames)
        \t... 24 more
        """
    }

    /// A bare `SocketTimeoutException` from the legacy SOAP client (HttpURLConnection).
    static func legacySocketTimeout(tail: String) -> String {
        """
        java.net.SocketTimeoutException: Read timed out
        \(socketReadFrames)
        \tat java.base/java.io.BufferedInputStream.fill(BufferedInputStream.java:291)
        \tat java.base/sun.net.www.http.HttpClient.parseHTTPHeader(HttpClient.java:827)
        \tat java.base/sun.net.www.http.HttpClient.parseHTTP(HttpClient.java:759)
        \tat java.base/sun.net.www.protocol.http.HttpURLConnection.getInputStream0(HttpURLConnection.java:1688)
        \tat java.base/sun.net.www.protocol.https.HttpsURLConnectionImpl.getInputStream(HttpsURLConnectionImpl.java:223)
        \tat com.acme.gateway.biller.legacy.LegacySoapBillerClient.call(LegacySoapBillerClient.java:77)
        \(tail)
        """
    }

    /// A `SocketTimeoutException` while connecting: a firewall drops the packets.
    static func connectTimeout(tail: String) -> String {
        """
        java.net.SocketTimeoutException: Connect timed out
        \tat java.base/sun.nio.ch.NioSocketImpl.timedFinishConnect(NioSocketImpl.java:546)
        \tat java.base/sun.nio.ch.NioSocketImpl.connect(NioSocketImpl.java:592)
        \tat java.base/java.net.SocksSocketImpl.connect(SocksSocketImpl.java:327)
        \tat java.base/java.net.Socket.connect(Socket.java:751)
        \tat org.apache.hc.client5.http.socket.PlainConnectionSocketFactory.connectSocket(PlainConnectionSocketFactory.java:87)
        \tat org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator.connect(DefaultHttpClientConnectionOperator.java:152)
        \tat org.apache.hc.client5.http.impl.classic.ConnectExec.execute(ConnectExec.java:172)
        \tat org.springframework.http.client.HttpComponentsClientHttpRequest.executeInternal(HttpComponentsClientHttpRequest.java:95)
        \tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:889)
        \tat org.springframework.web.client.RestTemplate.exchange(RestTemplate.java:720)
        \(tail)
        """
    }

    /// `UnknownHostException` for a biller host that no longer resolves.
    static func unknownHost(host: String, tail: String) -> String {
        """
        java.net.UnknownHostException: \(host)
        \tat java.base/java.net.InetAddress$CachedLookup.get(InetAddress.java:988)
        \tat java.base/java.net.InetAddress.getAllByName0(InetAddress.java:1818)
        \tat java.base/java.net.InetAddress.getAllByName(InetAddress.java:1688)
        \tat org.apache.hc.client5.http.SystemDefaultDnsResolver.resolve(SystemDefaultDnsResolver.java:45)
        \tat org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator.connect(DefaultHttpClientConnectionOperator.java:143)
        \tat org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager.connect(PoolingHttpClientConnectionManager.java:447)
        \tat org.apache.hc.client5.http.impl.classic.InternalExecRuntime.connectEndpoint(InternalExecRuntime.java:162)
        \tat org.apache.hc.client5.http.impl.classic.ConnectExec.execute(ConnectExec.java:172)
        \tat org.apache.hc.client5.http.impl.classic.InternalHttpClient.doExecute(InternalHttpClient.java:174)
        \tat org.springframework.http.client.HttpComponentsClientHttpRequest.executeInternal(HttpComponentsClientHttpRequest.java:95)
        \tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:889)
        \tat org.springframework.web.client.RestTemplate.exchange(RestTemplate.java:720)
        \(tail)
        """
    }

    /// `SSLHandshakeException` for an expired server certificate, with the validator chain.
    static func certificateExpired(message: String, notAfter: String, tail: String) -> String {
        """
        javax.net.ssl.SSLHandshakeException: \(message)
        \tat java.base/sun.security.ssl.Alert.createSSLException(Alert.java:130)
        \tat java.base/sun.security.ssl.TransportContext.fatal(TransportContext.java:383)
        \tat java.base/sun.security.ssl.TransportContext.fatal(TransportContext.java:326)
        \tat java.base/sun.security.ssl.CertificateMessage$T13CertificateConsumer.checkServerCerts(CertificateMessage.java:1341)
        \tat java.base/sun.security.ssl.SSLHandshake.consume(SSLHandshake.java:393)
        \tat java.base/sun.security.ssl.SSLSocketImpl.startHandshake(SSLSocketImpl.java:451)
        \tat org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory.createLayeredSocket(SSLConnectionSocketFactory.java:378)
        \tat org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator.connect(DefaultHttpClientConnectionOperator.java:168)
        \tat org.apache.hc.client5.http.impl.classic.ConnectExec.execute(ConnectExec.java:172)
        \tat org.springframework.http.client.HttpComponentsClientHttpRequest.executeInternal(HttpComponentsClientHttpRequest.java:95)
        \tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:889)
        \tat org.springframework.web.client.RestTemplate.exchange(RestTemplate.java:720)
        \(tail)
        Caused by: sun.security.validator.ValidatorException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed
        \tat java.base/sun.security.validator.PKIXValidator.doValidate(PKIXValidator.java:369)
        \tat java.base/sun.security.validator.PKIXValidator.engineValidate(PKIXValidator.java:275)
        \tat java.base/sun.security.validator.Validator.validate(Validator.java:264)
        \t... 41 more
        Caused by: java.security.cert.CertificateExpiredException: NotAfter: \(notAfter)
        \tat java.base/sun.security.x509.CertificateValidity.valid(CertificateValidity.java:182)
        \tat java.base/sun.security.x509.X509CertImpl.checkValidity(X509CertImpl.java:628)
        \t... 47 more
        """
    }

    // MARK: pump-worker

    private static let pumpLoopFrames = """
        \tat com.acme.pump.invoice.InvoiceSyncService.syncInvoice(InvoiceSyncService.java:142)
        \tat com.acme.pump.invoice.InvoiceSyncService.syncAccount(InvoiceSyncService.java:97)
        \tat com.acme.pump.loop.PumpLoop.processAccount(PumpLoop.java:118)
        \tat com.acme.pump.loop.PumpLoop.run(PumpLoop.java:64)
        \tat java.base/java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:572)
        \tat java.base/java.util.concurrent.FutureTask.run(FutureTask.java:317)
        \tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)
        \tat java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:642)
        \tat java.base/java.lang.Thread.run(Thread.java:1583)
        """

    /// `InvoiceStateException` raised when the biller answers 404/409/410/422 for an invoice.
    static func invoiceState(message: String, causeClass: String, causeMessage: String) -> String {
        """
        com.acme.pump.InvoiceStateException: \(message)
        \tat com.acme.pump.invoice.BillerInvoiceGateway.translate(BillerInvoiceGateway.java:211)
        \tat com.acme.pump.invoice.BillerInvoiceGateway.fetchInvoice(BillerInvoiceGateway.java:98)
        \(pumpLoopFrames)
        Caused by: \(causeClass): \(causeMessage)
        \tat org.springframework.web.client.HttpClientErrorException.create(HttpClientErrorException.java:121)
        \(restTemplateStatusFrames)
        \tat com.acme.pump.invoice.BillerInvoiceGateway.fetchInvoice(BillerInvoiceGateway.java:91)
        \t... 9 more
        """
    }

    /// `ResourceAccessException` (read timeout) while fetching an invoice.
    static func pumpTimeout(message: String) -> String {
        """
        org.springframework.web.client.ResourceAccessException: \(message)
        \tat org.springframework.web.client.RestTemplate.createResourceAccessException(RestTemplate.java:926)
        \tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:906)
        \tat org.springframework.web.client.RestTemplate.getForObject(RestTemplate.java:380)
        \tat com.acme.pump.invoice.BillerInvoiceGateway.fetchInvoice(BillerInvoiceGateway.java:91)
        \(pumpLoopFrames)
        Caused by: java.net.SocketTimeoutException: Read timed out
        \(socketReadFrames)
        \(httpClientExecuteFrames)
        \t... 11 more
        """
    }

    static let outOfMemory = """
        java.lang.OutOfMemoryError: Java heap space
        \tat java.base/java.util.Arrays.copyOf(Arrays.java:3541)
        \tat java.base/java.lang.AbstractStringBuilder.ensureCapacityInternal(AbstractStringBuilder.java:242)
        \tat java.base/java.lang.AbstractStringBuilder.append(AbstractStringBuilder.java:587)
        \tat java.base/java.lang.StringBuilder.append(StringBuilder.java:179)
        \tat com.fasterxml.jackson.core.util.TextBuffer.contentsAsString(TextBuffer.java:531)
        \tat com.fasterxml.jackson.databind.deser.std.StringDeserializer.deserialize(StringDeserializer.java:39)
        \tat com.fasterxml.jackson.databind.ObjectMapper.readValue(ObjectMapper.java:3604)
        \tat com.acme.pump.invoice.InvoicePageReader.readAll(InvoicePageReader.java:77)
        \tat com.acme.pump.invoice.InvoiceSyncService.syncAccount(InvoiceSyncService.java:89)
        \tat com.acme.pump.loop.PumpLoop.processAccount(PumpLoop.java:118)
        \tat com.acme.pump.loop.PumpLoop.run(PumpLoop.java:64)
        \tat java.base/java.lang.Thread.run(Thread.java:1583)
        """

    static let hikariTimeout = """
        java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms
        \tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)
        \tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)
        \tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:144)
        \tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:127)
        \tat org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection(DataSourceUtils.java:160)
        \tat org.springframework.jdbc.datasource.DataSourceUtils.doGetConnection(DataSourceUtils.java:118)
        \tat org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:653)
        \tat com.acme.pump.store.InvoiceStore.markSynced(InvoiceStore.java:58)
        \tat com.acme.pump.invoice.InvoiceSyncService.syncInvoice(InvoiceSyncService.java:151)
        \tat com.acme.pump.invoice.InvoiceSyncService.syncAccount(InvoiceSyncService.java:97)
        \tat com.acme.pump.loop.PumpLoop.processAccount(PumpLoop.java:118)
        \tat com.acme.pump.loop.PumpLoop.run(PumpLoop.java:64)
        \tat java.base/java.lang.Thread.run(Thread.java:1583)
        """

    // MARK: autopay-runner

    /// `ValidationException` raised by one of two validators (`AmountValidator` or
    /// `PaymentValidator`) with the same message, so only the top frame tells them apart.
    static func autopayValidation(message: String, byPaymentValidator: Bool) -> String {
        let top = byPaymentValidator
            ? "\tat com.acme.autopay.validation.PaymentValidator.validate(PaymentValidator.java:61)"
            : "\tat com.acme.autopay.validation.AmountValidator.validate(AmountValidator.java:44)"
        return """
            com.acme.autopay.ValidationException: \(message)
            \(top)
            \tat com.acme.autopay.validation.ValidationChain.run(ValidationChain.java:33)
            \tat com.acme.autopay.AutopayRunner.submit(AutopayRunner.java:126)
            \tat com.acme.autopay.AutopayRunner.runBatch(AutopayRunner.java:84)
            \tat org.springframework.scheduling.support.ScheduledMethodRunnable.run(ScheduledMethodRunnable.java:84)
            \tat org.springframework.scheduling.support.DelegatingErrorHandlingRunnable.run(DelegatingErrorHandlingRunnable.java:54)
            \tat java.base/java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask.run(ScheduledThreadPoolExecutor.java:304)
            \tat java.base/java.lang.Thread.run(Thread.java:1583)
            """
    }

    static let autopayTimeout = """
        java.net.SocketTimeoutException: Read timed out
        \(socketReadFrames)
        \(httpClientExecuteFrames)
        \tat org.springframework.web.client.RestTemplate.postForObject(RestTemplate.java:472)
        \tat com.acme.autopay.client.PaymentsClient.submit(PaymentsClient.java:52)
        \tat com.acme.autopay.AutopayRunner.submit(AutopayRunner.java:131)
        \tat com.acme.autopay.AutopayRunner.runBatch(AutopayRunner.java:84)
        \tat java.base/java.lang.Thread.run(Thread.java:1583)
        """

    // MARK: billpay-web

    private static let billpayControllerFrames = """
        \tat com.acme.billpay.web.PaymentController.pay(PaymentController.java:73)
        \tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)
        \tat java.base/java.lang.reflect.Method.invoke(Method.java:580)
        \tat org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:255)
        \tat org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)
        \tat org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)
        \tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:564)
        \tat org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:150)
        \tat org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:659)
        \tat java.base/java.lang.Thread.run(Thread.java:1583)
        """

    static let billpayNullPointer = """
        java.lang.NullPointerException: Cannot invoke "com.acme.billpay.model.Biller.getId()" because "biller" is null
        \tat com.acme.billpay.service.PaymentService.quote(PaymentService.java:118)
        \tat com.acme.billpay.service.PaymentService.pay(PaymentService.java:64)
        \(billpayControllerFrames)
        """

    static let billpaySessionExpired = """
        java.lang.IllegalStateException: Payment session expired
        \tat com.acme.billpay.session.PaymentSession.require(PaymentSession.java:41)
        \tat com.acme.billpay.service.PaymentService.pay(PaymentService.java:58)
        \(billpayControllerFrames)
        """

    static let billpayTimeout = """
        java.net.SocketTimeoutException: Read timed out
        \(socketReadFrames)
        \(httpClientExecuteFrames)
        \tat com.acme.billpay.client.GatewayClient.pay(GatewayClient.java:49)
        \tat com.acme.billpay.service.PaymentService.pay(PaymentService.java:71)
        \(billpayControllerFrames)
        """

    // MARK: sync-consumer

    /// Jackson's `InvalidTypeIdException` for an event type the consumer cannot map.
    static func invalidTypeId(message: String) -> String {
        """
        com.fasterxml.jackson.databind.exc.InvalidTypeIdException: \(message)
        \tat com.fasterxml.jackson.databind.exc.InvalidTypeIdException.from(InvalidTypeIdException.java:43)
        \tat com.fasterxml.jackson.databind.DeserializationContext.invalidTypeIdException(DeserializationContext.java:2179)
        \tat com.fasterxml.jackson.databind.DeserializationContext.handleUnknownTypeId(DeserializationContext.java:1638)
        \tat com.fasterxml.jackson.databind.jsontype.impl.TypeDeserializerBase._handleUnknownTypeId(TypeDeserializerBase.java:297)
        \tat com.fasterxml.jackson.databind.jsontype.impl.TypeDeserializerBase._findDeserializer(TypeDeserializerBase.java:177)
        \tat com.fasterxml.jackson.databind.jsontype.impl.AsPropertyTypeDeserializer._deserializeTypedForId(AsPropertyTypeDeserializer.java:151)
        \tat com.fasterxml.jackson.databind.jsontype.impl.AsPropertyTypeDeserializer.deserializeTypedFromObject(AsPropertyTypeDeserializer.java:136)
        \tat com.fasterxml.jackson.databind.ObjectMapper._readMapAndClose(ObjectMapper.java:4899)
        \tat com.fasterxml.jackson.databind.ObjectMapper.readValue(ObjectMapper.java:3885)
        \tat com.acme.sync.consumer.InvoiceEventListener.onMessage(InvoiceEventListener.java:58)
        \tat org.springframework.amqp.rabbit.listener.adapter.MessagingMessageListenerAdapter.invokeHandler(MessagingMessageListenerAdapter.java:272)
        \tat org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer.doInvokeListener(AbstractMessageListenerContainer.java:1663)
        \tat org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer$AsyncMessageProcessingConsumer.run(SimpleMessageListenerContainer.java:1345)
        \tat java.base/java.lang.Thread.run(Thread.java:1583)
        """
    }

    // MARK: export-consumer

    private static let exportFrames = """
        \tat com.acme.export.client.ExportApiClient.send(ExportApiClient.java:66)
        \tat com.acme.export.consumer.ExportMessageHandler.handle(ExportMessageHandler.java:49)
        \tat org.springframework.amqp.rabbit.listener.adapter.MessagingMessageListenerAdapter.invokeHandler(MessagingMessageListenerAdapter.java:272)
        \tat org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer$AsyncMessageProcessingConsumer.run(SimpleMessageListenerContainer.java:1345)
        \tat java.base/java.lang.Thread.run(Thread.java:1583)
        """

    static let exportServiceUnavailable = """
        org.springframework.web.client.HttpServerErrorException$ServiceUnavailable: 503 Service Unavailable: "{"error":"export backend unavailable"}"
        \tat org.springframework.web.client.HttpServerErrorException.create(HttpServerErrorException.java:116)
        \(restTemplateStatusFrames)
        \(exportFrames)
        """

    static let exportConnectionRefused = """
        java.net.ConnectException: Connection refused
        \tat java.base/sun.nio.ch.Net.pollConnect(Native Method)
        \tat java.base/sun.nio.ch.Net.pollConnectNow(Net.java:682)
        \tat java.base/sun.nio.ch.NioSocketImpl.timedFinishConnect(NioSocketImpl.java:542)
        \tat java.base/sun.nio.ch.NioSocketImpl.connect(NioSocketImpl.java:592)
        \tat java.base/java.net.Socket.connect(Socket.java:751)
        \tat org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator.connect(DefaultHttpClientConnectionOperator.java:168)
        \tat org.apache.hc.client5.http.impl.classic.ConnectExec.execute(ConnectExec.java:172)
        \tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:889)
        \(exportFrames)
        """
}
