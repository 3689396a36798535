import LogTriageAlerts

/// Settings of a sample export: which week variant to generate and how much of it.
public struct SampleExportOptions: Sendable, Equatable {
    /// Seed of every random choice; the same seed and scale give byte-identical files.
    public var seed: UInt64
    /// Multiplies record volume (calls, loops, messages); services, billers, hosts and
    /// episode windows stay the same. Scale 1 is about 41,000 records (~3 MB gzip, ~35 MB uncompressed).
    public var scale: Double
    /// Plants blank, non-JSON, cut-off and invalid-UTF-8 lines in the JSON-lines files, and
    /// cuts Sunday's file short. Without it, every record New Relic received is in the export.
    public var includeDamage: Bool
    /// The week before (2026-11-02 to 2026-11-08): the same services and background
    /// failures, none of the sample week's incidents (outages, the credential rotation, the
    /// moved endpoint, the expired certificate, the pump's bad day, the sync release, the
    /// export outage). Its report is the baseline the sample week is compared with.
    public var previousWeek: Bool
    /// The team's alert conditions: when given, the export also holds the `NrAiIncident`
    /// events New Relic's streaming alerts opened for them on the week
    /// (`logs/incidents/nrai-incident-000.json.gz`, see `NewRelicAlertSimulator`).
    public var alertConditions: [AlertCondition]
    /// Adds eight billers whose endpoints have been broken since before the week before
    /// (expired certificates, a host that no longer resolves, rejected credentials, an IP
    /// allow-list, a firewall, a moved API): every call to them fails, in both weeks. Off in
    /// the bundled sample; the alert-quality tests and measurements turn it on.
    public var chronicFailures: Bool

    public init(seed: UInt64 = 1, scale: Double = 1, includeDamage: Bool = true, previousWeek: Bool = false,
                alertConditions: [AlertCondition] = [], chronicFailures: Bool = false) {
        self.seed = seed
        self.scale = scale
        self.includeDamage = includeDamage
        self.previousWeek = previousWeek
        self.alertConditions = alertConditions
        self.chronicFailures = chronicFailures
    }

    /// How far the written times lie before the sample week's own.
    var timeShift: Int64 { previousWeek ? 7 * SampleTime.day : 0 }

    /// gzip level: smallest (9) for repository-sized samples up to scale 2, fast (1) for
    /// benchmark-sized samples above scale 10, 6 in between.
    var compressionLevel: Int32 { scale <= 2 ? 9 : scale > 10 ? 1 : 6 }
}
