/// Generates `export-consumer`: a consumer that sends export batches to the downstream
/// export API. Its shipper writes `timestamp` as epoch seconds with a fraction.
///
/// Normally a failed send is retried ("retry attempt 2 of 5", WARN) and then succeeds.
/// Saturday 2026-11-14 03:10-03:25Z the export API is unavailable (503 or connection
/// refused) and every message is dead-lettered at once: "Message <uuid> dead-lettered to
/// export.dlq after 0 retries: <reason>" (WARN): the retry policy does not cover it.
/// A nightly export batch runs 03:00-03:40Z every day.
struct ExportConsumerSampleService {
    private var random: SampleRandom
    private let scale: Double
    /// False for the week before the sample week: its incidents are not planted.
    private let incidents: Bool
    /// Messages per minute around the clock at scale 1.
    static let messagesPerMinute = 0.12
    /// Messages per minute during the nightly batch (03:00-03:40Z) at scale 1.
    static let batchMessagesPerMinute = 6.0

    init(seed: UInt64, scale: Double, incidents: Bool = true) {
        self.incidents = incidents
        random = SampleRandom(seed: seed, stream: 7)
        self.scale = scale
    }

    mutating func generate(minute start: Int64, into context: inout SampleGenerationContext) {
        let minuteOfDay = Int(start % SampleTime.day / SampleTime.minute)
        let nightly = (180..<220).contains(minuteOfDay)
        let rate = nightly ? Self.batchMessagesPerMinute : Self.messagesPerMinute
        for _ in 0..<random.count(mean: rate * scale) {
            export(at: start + Int64(random.below(60_000)), into: &context)
        }
    }

    private mutating func export(at time: Int64, into context: inout SampleGenerationContext) {
        let id = (random.next(), random.next())
        let messageId = SampleJSON.uuidString(high: id.0, low: id.1)
        let batch = random.int(in: 1...9_999)
        let rows = random.int(in: 50...500)
        let trace = (random.next(), random.next())
        if incidents, SampleEpisodeKind.exportOutageWindow.contains(time) {
            let refused = random.chance(0.4)
            let reason = refused ? "Connection refused" : "503 Service Unavailable"
            var fields = header(level: "ERROR", messageId: messageId, batch: batch)
            fields.append(SampleField("durationMs", refused ? random.int(in: 1...4) : random.int(in: 8...40)))
            if !refused { fields.append(SampleField("http.statusCode", 503)) }
            if refused {
                fields.append(SampleField("error.class", "java.net.ConnectException"))
                fields.append(SampleField("error.message", "Connection refused"))
                fields.append(SampleField("error.stack", SampleStackTraces.exportConnectionRefused))
            } else {
                fields.append(SampleField("error.class", "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable"))
                fields.append(SampleField("error.message", "503 Service Unavailable: \"{\"error\":\"export backend unavailable\"}\""))
                fields.append(SampleField("error.stack", SampleStackTraces.exportServiceUnavailable))
            }
            fields.append(SampleField("trace.id", .hex(trace.0, trace.1)))
            emit(at: time, message: "Export of message \(messageId) (batch \(batch)) failed: \(reason)", fields: fields,
                 episode: .exportDeadLetterOutage, into: &context)
            var dlq = header(level: "WARN", messageId: messageId, batch: batch)
            dlq.append(SampleField("dlq", "export.dlq"))
            dlq.append(SampleField("retries", 0))
            dlq.append(SampleField("outcome", "failure"))
            dlq.append(SampleField("trace.id", .hex(trace.0, trace.1)))
            emit(at: time + Int64(random.int(in: 2...9)),
                 message: "Message \(messageId) dead-lettered to export.dlq after 0 retries: \(reason)", fields: dlq,
                 episode: .exportDeadLetterOutage, into: &context)
            return
        }
        var now = time
        var retries = 0
        if random.chance(0.03) {
            let failures = random.chance(0.3) ? 2 : 1
            for attempt in 1...failures {
                var fields = header(level: "WARN", messageId: messageId, batch: batch)
                fields.append(SampleField("durationMs", random.int(in: 8...40)))
                fields.append(SampleField("http.statusCode", 503))
                fields.append(SampleField("error.class", "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable"))
                fields.append(SampleField("error.message", "503 Service Unavailable: \"{\"error\":\"export backend busy\"}\""))
                fields.append(SampleField("retry.attempt", attempt + 1))
                fields.append(SampleField("trace.id", .hex(trace.0, trace.1)))
                let delay = 1_000 << attempt
                emit(at: now,
                     message: "Export of message \(messageId) failed: 503 Service Unavailable; retry attempt \(attempt + 1) of 5 in \(delay) ms",
                     fields: fields, episode: .exportRetries, into: &context)
                now += Int64(delay + random.int(in: 5...60))
                retries = attempt
            }
        }
        let duration = random.int(in: 120...900)
        var fields = header(level: "INFO", messageId: messageId, batch: batch)
        fields.append(SampleField("rows", rows))
        fields.append(SampleField("durationMs", duration))
        fields.append(SampleField("http.statusCode", 202))
        fields.append(SampleField("outcome", "success"))
        if retries > 0 { fields.append(SampleField("retries", retries)) }
        fields.append(SampleField("trace.id", .hex(trace.0, trace.1)))
        let suffix = retries > 0 ? " after \(retries) \(retries == 1 ? "retry" : "retries")" : ""
        emit(at: now,
             message: "Exported message \(messageId) (batch \(batch), \(rows) rows) to export-api in \(duration) ms\(suffix)",
             fields: fields, episode: retries > 0 ? .exportRetries : nil, into: &context)
    }

    private func header(level: String, messageId: String, batch: Int) -> [SampleField] {
        var fields: [SampleField] = [
            SampleField("newrelic.source", "logs.APM"),
            SampleField("entity.name", "export-consumer"),
            SampleField("entity.guid", SampleCatalog.entityGUID(.exportConsumer)),
            SampleField("hostname", SampleCatalog.host(.exportConsumer, 0)),
            SampleField("level", level),
            SampleField("logger.name", "com.acme.export.consumer.ExportMessageHandler"),
            SampleField("thread.name", "export-listener-1"),
            SampleField("queue", "export.requests"),
            SampleField("messageId", messageId),
            SampleField("batchId", batch),
        ]
        fields.reserveCapacity(18)
        return fields
    }

    private func emit(at time: Int64, message: String, fields: [SampleField], episode: SampleEpisodeKind?,
                      into context: inout SampleGenerationContext) {
        context.emit(SampleRecord(timestamp: time, service: .exportConsumer, host: 0, message: .string(message),
                                  fields: fields, timestampStyle: .secondsWithFraction),
                     episode: episode)
    }
}
