import LogTriageModel
import LogTriageAnalysis
import Testing

extension Categories {
    /// The built-in catalogue on failures as each ecosystem's documentation names them: exception
    /// classes, errno names, gRPC statuses, SQLSTATEs, AMQP reply codes and cloud error codes,
    /// written in the shapes those libraries print.
    @Suite struct EcosystemVocabularyTests {
        let rules: CategoryRules

        init() throws {
            rules = try TriageConfiguration.defaults().categoryRules
        }

        func classify(_ errorClass: String?, _ message: String) -> Classification {
            rules.classify(ExceptionEvidence(errorClass: errorClass, message: message), service: "any-service")
        }

        struct Case: CustomTestStringConvertible, Sendable {
            let errorClass: String?
            let message: String
            let expected: Category
            var testDescription: String { "\(errorClass ?? "-") \(message.prefix(60)) → \(expected)" }

            init(_ errorClass: String?, _ message: String, _ expected: Category) {
                self.errorClass = errorClass
                self.message = message
                self.expected = expected
            }
        }

        static let java: [Case] = [
            Case("java.lang.OutOfMemoryError", "Java heap space", .resource),
            Case("org.apache.kafka.common.errors.TimeoutException", "Expiring 3 record(s) for payments-0: 30012 ms has passed since batch creation", .transient),
            Case("org.apache.kafka.common.errors.TopicAuthorizationException", "Not authorized to access topics: [payments]", .endpointAuth),
            Case("org.apache.kafka.common.errors.RecordTooLargeException", "The message is 2097152 bytes when serialized which is larger than 1048576", .validation),
            Case("org.springframework.dao.DataIntegrityViolationException", "could not execute statement; SQL [n/a]; constraint [uk_invoice_ref]", .validation),
            Case("org.hibernate.StaleObjectStateException", "Row was updated or deleted by another transaction", .transient),
            Case("io.grpc.StatusRuntimeException", "DEADLINE_EXCEEDED: deadline exceeded after 4.999s", .transient),
            Case("io.grpc.StatusRuntimeException", "UNAVAILABLE: io exception", .transient),
            Case("io.grpc.StatusRuntimeException", "RESOURCE_EXHAUSTED: Quota exceeded for quota metric 'Read requests'", .rateLimited),
            Case("io.grpc.StatusRuntimeException", "UNAUTHENTICATED: Request had invalid authentication credentials.", .endpointAuth),
            Case("io.grpc.StatusRuntimeException", "INVALID_ARGUMENT: amount must be positive", .validation),
            Case("io.grpc.StatusRuntimeException", "UNIMPLEMENTED: Method not found: billing.v1.Invoices/Lookup", .endpointMoved),
            Case("io.netty.channel.AbstractChannel$AnnotatedConnectException", "Connection refused: ledger/10.0.3.4:8080", .transient),
            Case("org.springframework.amqp.AmqpIOException", "java.io.IOException", .transient),
            Case(nil, "Shutdown Signal: channel error; protocol method: #method<channel.close>(reply-code=404, reply-text=NOT_FOUND - no queue 'invoices' in vhost '/', class-id=50, method-id=10)", .endpointMoved),
            Case(nil, "Channel shutdown: connection error; protocol method: #method<connection.close>(reply-code=320, reply-text=CONNECTION_FORCED - broker forced connection closure with reason 'shutdown', class-id=0, method-id=0)", .transient),
            Case("org.postgresql.util.PSQLException", "ERROR: deadlock detected\n  Detail: Process 1 waits for ShareLock on transaction 2", .transient),
            Case("org.postgresql.util.PSQLException", "ERROR: duplicate key value violates unique constraint \"payments_pkey\"", .validation),
            Case("com.fasterxml.jackson.databind.exc.ValueInstantiationException", "Cannot construct instance of `Amount`", .deserialization),
            Case("org.apache.catalina.connector.ClientAbortException", "java.io.IOException: Broken pipe", .other),
            Case("com.amazonaws.services.dynamodbv2.model.ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded.", .rateLimited),
        ]

        static let dotnet: [Case] = [
            Case("System.OutOfMemoryException", "Exception of type 'System.OutOfMemoryException' was thrown.", .resource),
            Case("System.Threading.Tasks.TaskCanceledException", "The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", .transient),
            Case("System.Net.Http.HttpRequestException", "No such host is known. (billing.example.com:443)", .endpointMoved),
            Case("System.Net.Http.HttpRequestException", "Connection refused (ledger:80)", .transient),
            Case("System.Net.Http.HttpRequestException", "The SSL connection could not be established, see inner exception. The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot", .endpointAuth),
            Case("Microsoft.Data.SqlClient.SqlException", "Transaction (Process ID 61) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.", .transient),
            Case("Microsoft.Data.SqlClient.SqlException", "The INSERT statement conflicted with the FOREIGN KEY constraint \"FK_Payment_Account\".", .validation),
            Case("Microsoft.Data.SqlClient.SqlException", "Login failed for user 'billing'.", .endpointAuth),
            Case("System.ArgumentOutOfRangeException", "Specified argument was out of the range of valid values. (Parameter 'amount')", .validation),
            Case("System.Text.Json.JsonException", "'<' is an invalid start of a value. Path: $ | LineNumber: 0 | BytePositionInLine: 0.", .deserialization),
            Case("Azure.RequestFailedException", "Service request failed. Status: 503 (Server Busy) ErrorCode: ServerBusy", .rateLimited),
            Case("Microsoft.Identity.Client.MsalServiceException", "AADSTS7000215: Invalid client secret provided.", .endpointAuth),
            Case("System.InvalidOperationException", "Timeout expired. The timeout period elapsed prior to obtaining a connection from the pool.", .resource),
        ]

        static let python: [Case] = [
            Case(nil, "MemoryError", .resource),
            Case("requests.exceptions.ConnectionError", "HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded with url: /v1 (Caused by NameResolutionError(\"<urllib3.connection.HTTPSConnection object>: Failed to resolve 'api.example.com' ([Errno -2] Name or service not known)\"))", .endpointMoved),
            Case("requests.exceptions.ConnectionError", "('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))", .transient),
            Case("requests.exceptions.ReadTimeout", "HTTPSConnectionPool(host='api.example.com', port=443): Read timed out. (read timeout=10)", .transient),
            Case("requests.exceptions.HTTPError", "404 Client Error: Not Found for url: https://api.example.com/v1/invoices", .endpointMoved),
            Case("urllib3.exceptions.MaxRetryError", "HTTPSConnectionPool(host='x', port=443): Max retries exceeded (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate')))", .endpointAuth),
            Case("httpx.PoolTimeout", "", .resource),
            Case("httpx.RemoteProtocolError", "Server disconnected without sending a response.", .transient),
            Case("botocore.exceptions.ClientError", "An error occurred (SlowDown) when calling the PutObject operation (reached max retries: 4): Please reduce your request rate.", .rateLimited),
            Case("botocore.exceptions.ClientError", "An error occurred (ExpiredTokenException) when calling the GetCallerIdentity operation: The security token included in the request is expired", .endpointAuth),
            Case("botocore.exceptions.NoCredentialsError", "Unable to locate credentials", .endpointAuth),
            Case("psycopg2.OperationalError", "fe_sendauth: no password supplied", .endpointAuth),
            Case("psycopg2.OperationalError", "could not connect to server: Connection refused\n\tIs the server running on host \"db\" and accepting TCP/IP connections on port 5432?", .transient),
            Case("psycopg2.errors.UniqueViolation", "duplicate key value violates unique constraint \"users_email_key\"", .validation),
            Case("sqlalchemy.exc.TimeoutError", "QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00", .resource),
            Case("sqlalchemy.exc.OperationalError", "(psycopg2.OperationalError) server closed the connection unexpectedly", .transient),
            Case("pydantic_core._pydantic_core.ValidationError", "1 validation error for Payment\namount\n  Input should be greater than 0", .validation),
            Case("json.decoder.JSONDecodeError", "Expecting value: line 1 column 1 (char 0)", .deserialization),
            Case(nil, "ValueError: invalid literal for int() with base 10: 'abc'", .validation),
        ]

        static let goNodeRuby: [Case] = [
            Case(nil, "Get \"https://api.example.com/v1\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", .transient),
            Case(nil, "Post \"https://api.example.com/v1\": x509: certificate signed by unknown authority", .endpointAuth),
            Case(nil, "json: cannot unmarshal string into Go struct field Invoice.amount of type float64", .deserialization),
            Case(nil, "dial tcp: lookup api.example.com on 10.0.0.2:53: no such host", .endpointMoved),
            Case(nil, "read tcp 10.0.0.5:41234->10.0.0.9:443: read: connection reset by peer", .transient),
            Case(nil, "rpc error: code = ResourceExhausted desc = quota exceeded", .rateLimited),
            Case(nil, "Error: connect ETIMEDOUT 13.110.0.73:443", .transient),
            Case(nil, "Error: getaddrinfo ENOTFOUND api.example.com", .endpointMoved),
            Case(nil, "Error: read ECONNRESET", .transient),
            Case("AxiosError", "Request failed with status code 429", .rateLimited),
            Case("AxiosError", "timeout of 10000ms exceeded", .transient),
            Case(nil, "SyntaxError: Unexpected token < in JSON at position 0", .deserialization),
            Case(nil, "Error: EMFILE: too many open files, open '/tmp/x'", .resource),
            Case(nil, "Error: certificate has expired (CERT_HAS_EXPIRED)", .endpointAuth),
            Case(nil, "Net::ReadTimeout with #<TCPSocket:(closed)>", .transient),
            Case("Faraday::ConnectionFailed", "Failed to open TCP connection to api.example.com:443 (execution expired)", .transient),
            Case("ActiveRecord::RecordInvalid", "Validation failed: Email can't be blank", .validation),
            Case("ActiveRecord::ConnectionTimeoutError", "could not obtain a connection from the pool within 5.000 seconds (waited 5.001 seconds); all pooled connections were in use", .resource),
            Case("JSON::ParserError", "unexpected token at '<html>'", .deserialization),
        ]

        static let plainWording: [Case] = [
            Case(nil, "Rejected ledger entry 8812: amount 10.125 has scale 3, expected 2", .validation),
            Case(nil, "payment 77 rejected: amount -5 out of range", .validation),
            Case(nil, "accountId must not be null", .validation),
            Case(nil, "Client aborted request to /v1/statements after 2.1s", .other),
            Case(nil, "request failed: context canceled", .other),
        ]

        /// Protocols' and servers' own formats: Kafka error codes, executor run states, Go's socket
        /// errors, wrapped statuses of .NET and access logs, gRPC's numeric codes, ODBC SQLSTATEs,
        /// AWS codes that say "limit" or "no such" without meaning a throttle or an endpoint, and
        /// the wording of slow logs.
        static let protocolsAndServers: [Case] = [
            Case(nil, "[Consumer clientId=billing-1, groupId=billing] Error while fetching metadata with correlation id 12 : {invoices=LEADER_NOT_AVAILABLE}", .transient),
            Case("org.apache.kafka.clients.consumer.CommitFailedException", "Commit cannot be completed since the group has already rebalanced", .transient),
            Case(nil, "The message is 2000000 bytes when serialized which is larger than 1048576, which is the value of the max.request.size configuration.", .validation),
            Case("java.util.concurrent.RejectedExecutionException", "Task Job@1 rejected from java.util.concurrent.ThreadPoolExecutor@2[Shutting down, pool size = 4, active threads = 4, queued tasks = 0, completed tasks = 9]", .other),
            Case("java.util.concurrent.RejectedExecutionException", "Task Job@1 rejected from java.util.concurrent.ThreadPoolExecutor@2[Running, pool size = 4, active threads = 4, queued tasks = 100, completed tasks = 9]", .resource),
            Case(nil, "write tcp 10.0.0.5:8080->10.0.0.9:51234: write: broken pipe", .other),
            Case(nil, "write tcp 10.0.0.5:51234->10.0.0.9:443: write: broken pipe", .transient),
            Case("System.Net.WebException", "The remote server returned an error: (403) Forbidden.", .endpointAuth),
            Case(nil, "Operation returned an invalid status code 'NotFound'", .endpointMoved),
            Case("System.OperationCanceledException", "The operation was canceled.", .other),
            Case(nil, "10.0.0.1 - - [01/Mar/2026:10:00:00 +0000] \"POST /v1/invoices HTTP/1.1\" 503 0 \"-\" \"curl/8.0\"", .transient),
            Case(nil, "rpc error: code = 14 desc = all SubConns are in TransientFailure", .transient),
            Case(nil, "rpc error: code = 16 desc = bad token", .endpointAuth),
            Case(nil, "Channel closed by server: 404 (NOT-FOUND) with message \"NOT_FOUND - no exchange 'billing' in vhost '/'\"", .endpointMoved),
            Case("pyodbc.InterfaceError", "('28000', '[28000] [Microsoft][ODBC Driver 18 for SQL Server] (18456) (SQLDriverConnect)')", .endpointAuth),
            Case("Npgsql.NpgsqlException", "The connection pool has been exhausted, either raise 'Max Pool Size' (currently 100) or 'Timeout' (currently 15 seconds)", .resource),
            Case("botocore.exceptions.ClientError", "An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.", .validation),
            Case("botocore.exceptions.ClientError", "An error occurred (FilterLimitExceeded) when calling the DescribeInstances operation: too many filter values", .validation),
            Case("botocore.exceptions.ClientError", "An error occurred (RequestTimeTooSkewed) when calling the PutObject operation: The difference between the request time and the current time is too large.", .endpointAuth),
            Case(nil, "ActiveRecord::NoDatabaseError: FATAL:  database \"billing_prod\" does not exist", .endpointMoved),
            Case(nil, "2026-03-01 10:00:00 UTC [77] LOG:  duration: 5012.331 ms  statement: SELECT * FROM invoices", .slow),
            Case(nil, "[2026-03-01T10:00:00,000][WARN ][o.e.m.j.JvmGcMonitorService] [node-1] [gc][120] overhead, spent [2.1s] collecting in the last [2.3s]", .slow),
            Case(nil, "settlement batch took longer than 30s (42s)", .slow),
        ]

        /// Vocabulary of brokers, caches, payment APIs, identity providers and parsers, as their
        /// documentation words it.
        static let brokersPaymentsAndParsers: [Case] = [
            Case("redis.exceptions.ResponseError", "OOM command not allowed when used memory > 'maxmemory'.", .resource),
            Case(nil, "The node was low on resource: memory. Container billing was using 1Gi, which exceeds its request of 512Mi.", .resource),
            Case("org.elasticsearch.common.util.concurrent.EsRejectedExecutionException", "rejected execution of coordinating operation [shard_detail=[billing][0]]", .resource),
            Case("io.github.resilience4j.bulkhead.BulkheadFullException", "Bulkhead 'ledger' is full and does not permit further calls", .resource),
            Case(nil, "All threads (200) are currently busy, waiting. Increase maxThreads (200) or check the servlet status", .resource),
            Case(nil, "write /var/lib/billing/out.csv: the filesystem is full", .resource),
            Case("Npgsql.NpgsqlException", "Exception while reading from stream", .transient),
            Case("pika.exceptions.StreamLostError", "Stream connection lost: ConnectionResetError(104, 'Connection reset by peer')", .transient),
            Case(nil, "rpc error: code = Unavailable desc = failed to connect to all addresses", .transient),
            Case("System.Data.SqlClient.SqlException", "Cannot open database \"billing\" requested by the login. The login failed.", .endpointAuth),
            Case(nil, "SASL authentication error: Authentication failed: Invalid username or password", .endpointAuth),
            Case(nil, "{\"error\":\"consent_required\",\"error_description\":\"The user has not granted the requested scopes\"}", .endpointAuth),
            Case(nil, "The specified container does not exist. RequestId:0b1c", .endpointMoved),
            Case(nil, "The bucket you are attempting to access must be addressed using the specified endpoint.", .endpointMoved),
            Case("com.google.protobuf.InvalidProtocolBufferException", "Protocol message contained an invalid tag (zero).", .deserialization),
            Case(nil, "proto: cannot parse invalid wire-format data", .deserialization),
            Case("xml.parsers.expat.ExpatError", "not well-formed (invalid token): line 1, column 0", .deserialization),
            Case("yaml.scanner.ScannerError", "mapping values are not allowed here", .deserialization),
            Case(nil, "Error deserializing key/value for partition billing-0 at offset 12: Unknown magic byte!", .deserialization),
            Case(nil, "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.", .rateLimited),
            Case(nil, "strconv.Atoi: parsing \"12a\": invalid syntax", .validation),
            Case("Stripe::CardError", "Your card was declined.", .validation),
            Case(nil, "{\"error\": {\"code\": \"resource_missing\", \"message\": \"No such customer: 'cus_123'\"}}", .validation),
            Case(nil, "# Query_time: 12.000312  Lock_time: 0.000101 Rows_sent: 1  Rows_examined: 9000000", .slow),
            Case(nil, "Detected pause in JVM or host machine (eg GC): pause of approximately 12000ms", .slow),
            Case(nil, "2026-03-01T10:00:00.000+0000 I COMMAND [conn12] command billing.invoices command: find { find: \"invoices\" } planSummary: COLLSCAN keysExamined:0 docsExamined:90000 numYields:700 reslen:300 1840ms", .slow),
            Case(nil, "applied op: CRUD { op: \"u\", ns: \"billing.invoices\" }, took 1250ms", .slow),
        ]

        @Test(arguments: java + dotnet + python + goNodeRuby + plainWording + protocolsAndServers + brokersPaymentsAndParsers)
        func classifiesByTheEcosystemsOwnNames(_ example: Case) {
            let result = classify(example.errorClass, example.message)
            #expect(result.category == example.expected, "\(result.reasonText)")
            #expect(result.reason != nil)
        }

        @Test func unknownClassesClassifyByTheWordsOfTheirNames() {
            let throttled = classify("com.acme.storage.ProvisionedCapacityThrottledException", "try later")
            #expect(throttled.category == .rateLimited)
            #expect(throttled.reason == "rate-limit-words: words 'throttl*' in ProvisionedCapacityThrottledException")
            let unauthorised = classify("com.acme.billing.BillerUnauthorizedException", "no")
            #expect(unauthorised.category == .endpointAuth)
            #expect(unauthorised.reason?.contains("BillerUnauthorizedException") == true)
        }

        @Test func codesAreWholeCaseSensitiveTokens() {
            #expect(classify(nil, "connect ECONNREFUSED 127.0.0.1:5432").reason == "node-errno-transient: code ECONNREFUSED")
            // `unavailable` as an English word is not the gRPC status UNAVAILABLE.
            #expect(classify(nil, "feature flag unavailable for tenant").category == .other)
            // A token that merely contains a code is not the code.
            #expect(classify(nil, "XECONNRESETX happened").category == .other)
        }

        /// Broad phrases stay in their lane: resolving a table is not DNS, gRPC's "Name resolution
        /// delay" is not a failed lookup, an invalid index is a programming error, a logger named
        /// after logins is not a refused login.
        @Test func broadPhrasesDoNotOverreach() {
            #expect(classify(nil, "failed to resolve table \"invoices\" in schema billing").category != .endpointMoved)
            #expect(classify("io.grpc.StatusRuntimeException", "DEADLINE_EXCEEDED: deadline exceeded after 4.9s. Name resolution delay 0.0 seconds").category == .transient)
            #expect(classify("java.lang.IndexOutOfBoundsException", "Invalid index 3, size is 2").isUnclassified)
            #expect(classify("java.lang.NullPointerException", "ERROR [LoginController] [handle] java.lang.NullPointerException").category != .endpointAuth)
        }

        @Test func noEvidenceIsUnclassifiedAndSaysSo() {
            let result = classify(nil, "something odd happened in step seven")
            #expect(result.category == .other)
            #expect(result.isUnclassified)
            #expect(result.reasonText == Classification.unclassifiedReason)
            let abort = classify("org.apache.catalina.connector.ClientAbortException", "java.io.IOException: Broken pipe")
            #expect(abort.category == .other)
            #expect(!abort.isUnclassified)
            #expect(abort.rule == "caller-aborted")
        }
    }
}
