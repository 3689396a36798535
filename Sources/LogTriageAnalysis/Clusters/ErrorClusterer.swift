import LogTriageBasics
import LogTriageIngest
import LogTriageModel

/// Folds error, warning and slow records into clusters as they stream by.
///
/// One cluster per service and kind of failure. The mined message template leads; where the
/// message is empty or generic, the root-cause exception class and the top in-app frames
/// refine it. Exception evidence and categories are cached, so stack traces are parsed once
/// per distinct stack, not once per record. Memory is bounded by the number of clusters:
/// past `maxClusters`, new kinds go to one "other templates" cluster per run and are counted.
public final class ErrorClusterer {
    /// How a record was placed, for the assignments file.
    public struct Placement: Sendable, Equatable {
        public let severity: RecordSeverity
        /// Index of the provisional cluster; map it with `ClusteringResult.clusterIndex`.
        public let provisional: Int
        public let category: Category
        public let retryable: Bool?
        /// Whether the biller refused this invoice for its own state: the only failures that
        /// can be stale-invoice noise.
        public let invoiceState: Bool
    }

    public let rules: CategoryRules
    public let invoiceStatePolicy: InvoiceStatePolicy
    public let slowThresholdMs: Int
    public let maxClusters: Int
    private let templater: MessageTemplater
    var miner: TemplateMiner { templater.miner }
    var accumulators: [ClusterAccumulator] = []
    /// Per provisional cluster, the file of its first record (for merging partial runs).
    var firstFiles: [Int] = []
    /// The file of the record being clustered, set by the caller when it keeps a journal.
    package var currentFile = 0 {
        didSet { miner.journal?.file = currentFile }
    }
    private var index: [ClusterKey: Int] = [:]
    /// The evidence met so far (at most ``evidenceCacheLimit``), and where each key's is: read
    /// in place by its position, a record's evidence is not copied (each copy retained its
    /// strings and frames).
    private var evidences: [CachedEvidence] = []
    private var evidencePositions: [UInt64: Int] = [:]
    private var genericTemplates: [TemplateID: Bool] = [:]
    var errorRecords = 0
    var warningRecords = 0
    var overflowRecords = 0
    /// How many times evidence was parsed and classified (cache misses): classification cost
    /// grows with this, not with the records.
    var classifiedEvidence = 0
    var endpoints = EndpointEvidence()
    /// Endpoint-evidence integrations by the number a context builder's caller gives the
    /// service and biller pair (``consume(_:severity:service:billerId:namePair:)``).
    private var integrations: [Int64: Int] = [:]

    private struct ClusterKey: Hashable {
        let service: String
        let template: TemplateID
        let refinement: String
    }

    private struct CachedEvidence {
        let rootCause: String?
        let frames: [String]
        let classification: Classification
        let invoiceState: Bool
        let httpStatus: Int?
    }

    static let evidenceCacheLimit = 8192
    static let noService = "(none)"
    static let overflowService = "(other)"

    public init(rules: CategoryRules, invoiceStatePolicy: InvoiceStatePolicy = InvoiceStatePolicy(),
                slowThresholdMs: Int, maxClusters: Int = 20_000, miner: TemplateMinerConfiguration = .default) {
        self.rules = rules
        self.invoiceStatePolicy = invoiceStatePolicy
        self.slowThresholdMs = slowThresholdMs
        self.maxClusters = maxClusters
        templater = MessageTemplater(configuration: miner)
    }

    /// Clusters `record` when it is an error, a warning or slow; nil for the rest.
    public func consume(_ record: RecordView) -> Placement? {
        consume(record, severity: RecordSeverity(record))
    }

    /// The same, for a caller that already knows the record's severity.
    public func consume(_ record: RecordView, severity: RecordSeverity) -> Placement? {
        let service = Self.service(of: record)
        let keys = PlacementKeys(of: record, severity: severity, slowThresholdMs: slowThresholdMs)
        let (placement, status) = place(record, keys: keys, service: service)
        if record.rawBytes(.billerId) != nil {
            trackEndpoint(record, severity: severity, placement: placement, evidenceStatus: status) {
                endpoints.integration(service: service, billerId: record.string(.billerId) ?? "")
            }
        }
        return placement
    }

    /// The same, for a caller that has read the record's names already (the context builder):
    /// its service and biller as texts, and `namePair`, a number standing for the two (its ids
    /// of both, ``RecordNames/pair(_:_:)``), by which each biller record finds its endpoint
    /// integration without hashing a string; and its `keys`, worked out on any thread.
    package func consume(_ record: RecordView, keys: PlacementKeys, service: String, billerId: String?,
                         namePair: Int64) -> Placement? {
        let severity = keys.severity
        let (placement, status) = place(record, keys: keys, service: service)
        if record.rawBytes(.billerId) != nil {
            trackEndpoint(record, severity: severity, placement: placement, evidenceStatus: status) {
                if let known = integrations[namePair] { return known }
                let position = endpoints.integration(service: service, billerId: billerId ?? "")
                integrations[namePair] = position
                return position
            }
        }
        return placement
    }

    /// The service a record names, `(none)` when it names none.
    private static func service(of record: RecordView) -> String {
        record.string(.service).flatMap { $0.isEmpty ? nil : $0 } ?? noService
    }

    /// Feeds a biller call's outcome to the endpoint evidence: a record that states its outcome
    /// (an `outcome` field or an HTTP status field), or an error record. Runs on every biller
    /// record, so it reads raw bytes; `integration` finds the call's integration, only for
    /// a call the evidence counts.
    private func trackEndpoint(_ record: RecordView, severity: RecordSeverity, placement: Placement?, evidenceStatus: Int?,
                               integration: () -> Int) {
        guard let time = record.timestampMilliseconds, let biller = record.rawBytes(.billerId), biller.count > 0 else { return }
        let outcome = record.rawBytes(.outcome).flatMap(Self.statedOutcome)
        let statusField = record.rawBytes(.httpStatus).flatMap(Self.statusCode)
        guard outcome != nil || statusField != nil || severity == .error else { return }
        let failed = outcome.map { !$0 } ?? (severity == .error || (statusField ?? 0) >= 400)
        let position = integration()
        if failed {
            endpoints.failure(integration: position, time: time, cluster: placement?.provisional, category: placement?.category,
                              status: statusField ?? evidenceStatus)
        } else {
            endpoints.success(integration: position, time: time)
        }
    }

    /// `outcome` as success (true) or failure (false), as ``CallOutcome`` reads ASCII text; nil
    /// when it names neither or is not ASCII.
    private static func statedOutcome(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        CallOutcome.namedASCII(bytes).flatMap { $0 }.map { $0 == .success }
    }

    /// A status field's code (`404`, `"404"`, `404.0`) read from its bytes.
    private static func statusCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var code = 0, digits = 0
        for byte in bytes {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                guard digits < 3 else { return nil }
                code = code * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: " ") {
                if digits == 3 { break }
            } else {
                return nil
            }
        }
        return digits == 3 && (100...599).contains(code) ? code : nil
    }

    /// Clusters the record; also returns the HTTP status its evidence names.
    private func place(_ record: RecordView, keys: PlacementKeys, service: String) -> (Placement?, Int?) {
        let severity = keys.severity, slow = keys.slow
        guard keys.isPlaced else { return (nil, nil) }
        if severity == .error { errorRecords += 1 } else if severity == .warning { warningRecords += 1 }

        let evidence = self.evidence(of: record, key: keys.evidence, service: service)
        let measured = slow ? slowClassification(service: service) : nil
        let category = measured?.category ?? evidences[evidence].classification.category
        let retryable = slow ? measured?.retryable : evidences[evidence].classification.retryable
        let template = templater.template(of: record, key: keys.template)
        let refinement = isGeneric(template) && !slow
            ? ([evidences[evidence].rootCause ?? ""] + evidences[evidence].frames.prefix(2)).joined(separator: "|") : ""
        var key = ClusterKey(service: service, template: template, refinement: refinement)
        if template.isOverflow { key = ClusterKey(service: service, template: .overflow, refinement: "") }
        let position: Int
        if let existing = index[key] {
            position = existing
        } else {
            if accumulators.count >= maxClusters {
                key = ClusterKey(service: Self.overflowService, template: .overflow, refinement: "")
            }
            if let existing = index[key] {
                position = existing
            } else {
                position = accumulators.count
                index[key] = position
                accumulators.append(ClusterAccumulator(service: key.service, templateID: key.template,
                                                       refinement: key.refinement))
                firstFiles.append(currentFile)
            }
        }
        if key.template.isOverflow { overflowRecords += 1 }
        accumulators[position].add(time: record.timestampMilliseconds, severity: severity,
                                   message: TextLimits.example(ClusterMessage.text(of: record)),
                                   rootCause: evidences[evidence].rootCause, frame: Self.firstFrame(of: record),
                                   category: category,
                                   classification: measured ?? evidences[evidence].classification)
        return (Placement(severity: severity, provisional: position, category: category,
                          retryable: retryable, invoiceState: !slow && evidences[evidence].invoiceState),
                evidences[evidence].httpStatus)
    }

    /// Folds provisional clusters whose templates the miner merged, and names the results.
    /// `staleByProvisional` counts the stale-invoice failures of each provisional cluster.
    public func finish(staleByProvisional: [Int: Int] = [:]) -> ClusteringResult {
        for (index, count) in staleByProvisional where accumulators.indices.contains(index) {
            accumulators[index].staleCount += count
        }
        var merged: [ClusterKey: Int] = [:]
        var finalAccumulators: [ClusterAccumulator] = []
        var provisionalToFinal: [Int] = []
        for accumulator in accumulators {
            let template = accumulator.templateID.isOverflow ? accumulator.templateID : miner.finalID(of: accumulator.templateID)
            let key = ClusterKey(service: accumulator.service, template: template, refinement: accumulator.refinement)
            if let existing = merged[key] {
                finalAccumulators[existing].merge(accumulator)
                provisionalToFinal.append(existing)
            } else {
                merged[key] = finalAccumulators.count
                provisionalToFinal.append(finalAccumulators.count)
                var copy = ClusterAccumulator(service: key.service, templateID: template, refinement: key.refinement)
                copy.merge(accumulator)
                finalAccumulators.append(copy)
            }
        }
        // Evidence beyond one message: an integration whose every call failed the same way
        // while other billers succeeded points at the endpoint; a cluster made mostly of such
        // calls takes the endpoint's category.
        var endpointFindings: [EndpointFinding] = []
        let found = endpoints.findings(finalCluster: { provisionalToFinal[$0] }) { index in
            let accumulator = finalAccumulators[index]
            let template = miner.template(of: accumulator.templateID)
            return (ErrorCluster.stableID(service: accumulator.service, template: template, refinement: accumulator.refinement),
                    accumulator.winningClassification?.category ?? .other)
        }
        for (finding, clusters) in found {
            var finding = finding
            for (index, clusterFailures) in clusters {
                let accumulator = finalAccumulators[index]
                let current = accumulator.classificationOverride ?? accumulator.winningClassification
                if current?.category != finding.category, 2 * clusterFailures >= accumulator.errorCount {
                    finalAccumulators[index].classificationOverride = rules.classification(
                        for: finding.category, service: accumulator.service, rule: "endpoint-evidence", reason: finding.reason)
                    finding.reclassified = true
                }
            }
            endpointFindings.append(finding)
        }
        let clusters = finalAccumulators.map { accumulator in
            accumulator.cluster(template: miner.template(of: accumulator.templateID))!
        }
        // Rows sort by count, then id; the mapping follows the sort.
        let order = clusters.indices.sorted {
            clusters[$0].count != clusters[$1].count ? clusters[$0].count > clusters[$1].count : clusters[$0].id < clusters[$1].id
        }
        var rank = [Int](repeating: 0, count: clusters.count)
        for (position, original) in order.enumerated() { rank[original] = position }
        var result = ClusteringResult(clusters: order.map { clusters[$0] },
                                      clusterIndex: provisionalToFinal.map { rank[$0] },
                                      errorRecords: errorRecords, warningRecords: warningRecords,
                                      overflowRecords: overflowRecords, maxClusters: maxClusters)
        result.endpointFindings = endpointFindings
        return result
    }

    /// The record's own top in-app frame, for its cluster's example: parsed only when the
    /// record becomes the example, since the cached evidence is that of the first record of
    /// its kind, whose stack may run through other methods.
    private static func firstFrame(of record: RecordView) -> String? {
        ExceptionEvidence(errorClass: record.string(.errorClass), errorMessage: record.string(.errorMessage),
                          errorStack: record.string(.errorStack), message: record.string(.message)).frames.first
    }

    /// `slow` is measured, not matched: its reason names the threshold.
    private func slowClassification(service: String) -> Classification {
        rules.classification(for: .slow, service: service,
                             reason: "slow: durationMs above slowThresholdMs (\(slowThresholdMs) ms)")
    }

    /// A template with fewer than three words of text says too little to tell failures apart.
    private func isGeneric(_ template: TemplateID) -> Bool {
        if let known = genericTemplates[template] { return known }
        var words = 0
        for token in miner.tokens(of: template) where Self.isWord(token) {
            words += 1
            if words == 3 { break }
        }
        let generic = words < 3
        genericTemplates[template] = generic
        return generic
    }

    /// A token with at least two letters and no `<*>`. Read over its UTF-8 bytes: every new
    /// template's tokens are read, and `contains("<*>")` went through Foundation's string search.
    private static func isWord(_ token: String) -> Bool {
        var letters = 0
        var previous: (UInt8, UInt8) = (0, 0)
        var ascii = true
        for byte in token.utf8 {
            if byte >= 0x80 { ascii = false }
            if (byte | 0x20) &- UInt8(ascii: "a") < 26 { letters += 1 }
            if previous == (UInt8(ascii: "<"), UInt8(ascii: "*")) && byte == UInt8(ascii: ">") { return false }
            previous = (previous.1, byte)
        }
        guard !ascii else { return letters >= 2 }
        // Letters beyond ASCII count as letters too.
        return token.unicodeScalars.lazy.filter { $0.properties.isAlphabetic }.prefix(2).count >= 2
    }

    /// The evidence of a record, parsed and classified once per distinct kind of evidence:
    /// its position in ``evidences``.
    ///
    /// The cache key reads the exception class, the error message, the stack's first line and
    /// the class of every `Caused by:` in it, with variables blinded (``PlacementKeys``), and
    /// the service; it does not read the frames, so a stack is never decoded or parsed twice for
    /// one kind of error. The text is built only for evidence not met before.
    private func evidence(of record: RecordView, key partialKey: UInt64, service: String) -> Int {
        var key = EvidenceKey(resuming: partialKey)
        key.mix(service)
        let hash = key.hash
        if let known = evidencePositions[hash] { return known }

        let evidence = ExceptionEvidence(errorClass: record.string(.errorClass), errorMessage: record.string(.errorMessage),
                                         errorStack: record.string(.errorStack), message: record.string(.message),
                                         httpStatus: record.string(.httpStatus))
        let prepared = PreparedEvidence(evidence)
        let classification = rules.classify(prepared, service: service)
        classifiedEvidence += 1
        let cached = CachedEvidence(rootCause: evidence.rootCause?.className, frames: evidence.frames,
                                    classification: classification,
                                    invoiceState: invoiceStatePolicy.isInvoiceStateFailure(prepared, category: classification.category),
                                    httpStatus: evidence.httpStatus)
        if evidences.count >= Self.evidenceCacheLimit {
            evidences.removeAll(keepingCapacity: true)
            evidencePositions.removeAll(keepingCapacity: true)
        }
        evidencePositions[hash] = evidences.count
        evidences.append(cached)
        return evidences.count - 1
    }
}

/// The clusters of a run, most frequent first, and how provisional placements map to them.
public struct ClusteringResult: Sendable {
    public let clusters: [ErrorCluster]
    /// For each provisional index handed out by `consume`, the index in `clusters`.
    public let clusterIndex: [Int]
    public let errorRecords: Int
    public let warningRecords: Int
    /// Records that went to an "other templates" cluster because a cap was reached.
    public let overflowRecords: Int
    public let maxClusters: Int
    /// Biller integrations whose every call failed the same way for a while, by service and
    /// biller; their clusters' categories already reflect them where they decided.
    public internal(set) var endpointFindings: [EndpointFinding] = []

    public static let empty = ClusteringResult(clusters: [], clusterIndex: [], errorRecords: 0, warningRecords: 0,
                                               overflowRecords: 0, maxClusters: 0)

    /// Error records in clusters no evidence classified (category `other` without a reason):
    /// what the rules do not know.
    public var unclassifiedErrorRecords: Int {
        clusters.reduce(0) { $0 + ($1.classification.isUnclassified ? $1.errorCount : 0) }
    }

    /// ``unclassifiedErrorRecords`` over all error records; 0 without errors.
    public var unclassifiedShare: Double {
        errorRecords == 0 ? 0 : Double(unclassifiedErrorRecords) / Double(errorRecords)
    }

    /// Records per category, over all clusters.
    public var categoryCounts: [Category: Int] {
        clusters.reduce(into: [:]) { $0[$1.classification.category, default: 0] += $1.count }
    }
}
