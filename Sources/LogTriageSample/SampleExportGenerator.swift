import Foundation

/// Generates a deterministic, realistic week of New Relic log exports for the sample
/// folder, tests and benchmarks (`logtriage sample`).
///
/// The week (Monday 2026-11-09 to Sunday 2026-11-15, UTC) holds six services and the
/// episodes listed in the manifest (`SampleEpisodeKind` defines their windows). Generation
/// walks the week minute by minute, so memory stays flat whatever the scale: each minute's
/// records are sorted by time and written out once no later minute can precede them.
/// The same seed and scale always produce byte-identical files.
public enum SampleExportGenerator {
    /// Writes the sample files and `manifest.json` under `directory` (created if needed;
    /// other files in it are left alone) and returns the manifest.
    public static func write(to directory: String, options: SampleExportOptions = SampleExportOptions()) throws
        -> SampleExportManifest {
        guard options.scale.isFinite, options.scale > 0 else { throw SampleExportError.invalidScale(options.scale) }
        let scale = options.scale
        let accounts = max(500, Int(8_000 * scale))
        let incidents = !options.previousWeek
        var gateway = GatewaySampleService(seed: options.seed, scale: scale, accounts: accounts, incidents: incidents,
                                           chronic: options.chronicFailures)
        var pump = PumpWorkerSampleService(seed: options.seed, scale: scale, accounts: accounts, incidents: incidents)
        var autopay = AutopaySampleService(seed: options.seed, scale: scale, accounts: accounts)
        var billpay = BillpaySampleService(seed: options.seed, scale: scale, accounts: accounts)
        var sync = SyncConsumerSampleService(seed: options.seed, scale: scale, incidents: incidents)
        var export = ExportConsumerSampleService(seed: options.seed, scale: scale, incidents: incidents)
        let router = SampleFileRouter(directory: directory, options: options)
        let alerts = NewRelicAlertSimulator(conditions: options.alertConditions)
        var context = SampleGenerationContext()

        for minute in 0..<SampleTime.minutesInWeek {
            let start = SampleTime.weekStart + Int64(minute) * SampleTime.minute
            gateway.generate(minute: start, into: &context)
            pump.generate(minute: start, into: &context)
            autopay.generate(minute: start, into: &context)
            billpay.generate(minute: start, into: &context)
            sync.generate(minute: start, into: &context)
            export.generate(minute: start, into: &context)
            try flush(&context, before: start + SampleTime.minute, to: router, alerts: alerts, shift: options.timeShift)
        }
        try flush(&context, before: .max, to: router, alerts: alerts, shift: options.timeShift)
        var files = try router.finish()
        if alerts.isRunning {
            let incidents = alerts.finish(at: SampleTime.weekEnd - options.timeShift)
            files.append(try NrAiIncidentExportWriter.write(incidents, conditions: options.alertConditions,
                                                            directory: directory, options: options))
            files.sort { $0.relativePath < $1.relativePath }
        }
        let manifest = makeManifest(options: options, files: files, episodeRecords: context.episodeRecords,
                                    episodeFirstRecords: context.episodeFirstRecords)
        try writeManifest(manifest, to: directory + "/manifest.json")
        return manifest
    }

    /// Writes the pending records stamped before `cutoff`, oldest first, and hands each to
    /// New Relic's alerts as it received it: whole, whatever damage the export then suffers.
    private static func flush(_ context: inout SampleGenerationContext, before cutoff: Int64,
                              to router: SampleFileRouter, alerts: NewRelicAlertSimulator, shift: Int64) throws {
        guard !context.pending.isEmpty else { return }
        context.pending.sort { ($0.timestamp, $0.sequence) < ($1.timestamp, $1.sequence) }
        var written = 0
        for record in context.pending {
            if record.timestamp >= cutoff { break }
            try router.write(record)
            if alerts.isRunning {
                var received = record
                received.timestamp -= shift
                alerts.receive(received)
            }
            written += 1
        }
        context.pending.removeFirst(written)
    }

    static func makeManifest(options: SampleExportOptions, files: [SampleFile], episodeRecords: [Int],
                             episodeFirstRecords: [Int64]) -> SampleExportManifest {
        var byService: [String: Int] = [:]
        var damage = SampleDamageCounts()
        for file in files {
            damage = damage + file.damage
            for (service, count) in file.recordsWrittenByService { byService[service, default: 0] += count }
        }
        let incidentFiles = files.compactMap(\.incidentEvents)
        let totals = SampleExportTotals(files: files.count, records: files.reduce(0) { $0 + $1.records },
                                        bytes: files.reduce(0) { $0 + $1.bytes },
                                        uncompressedBytes: files.reduce(0) { $0 + $1.uncompressedBytes },
                                        damage: damage, recordsWrittenByService: byService,
                                        incidentEvents: incidentFiles.isEmpty ? nil : incidentFiles.reduce(0, +))
        let shift = options.timeShift
        let kinds = SampleEpisodeKind.allCases.filter {
            (!options.previousWeek || !$0.isIncident) && (options.chronicFailures || !$0.isChronic)
        }
        let episodes = kinds.map { kind -> SampleEpisode in
            let (category, real, tier) = kind.triage
            return SampleEpisode(id: kind.id, service: kind.service.name, category: category, real: real, tier: tier,
                                 startMs: kind.window.lowerBound - shift, endMs: kind.window.upperBound - shift,
                                 start: SampleTime.iso8601(kind.window.lowerBound - shift),
                                 end: SampleTime.iso8601(kind.window.upperBound - shift),
                                 attributes: kind.attributes, summary: kind.summary,
                                 records: episodeRecords[kind.rawValue],
                                 firstRecordMs: episodeFirstRecords[kind.rawValue] == .max ? nil
                                     : episodeFirstRecords[kind.rawValue] - shift)
        }
        return SampleExportManifest(formatVersion: 1, seed: options.seed, scale: options.scale,
                                    includeDamage: options.includeDamage, weekStartMs: SampleTime.weekStart - shift,
                                    weekEndMs: SampleTime.weekEnd - shift, files: files, totals: totals, episodes: episodes)
    }

    private static func writeManifest(_ manifest: SampleExportManifest, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(manifest)
            data.append(0x0A)
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw SampleExportError.cannotWriteManifest(path: path, reason: String(describing: error))
        }
    }
}
