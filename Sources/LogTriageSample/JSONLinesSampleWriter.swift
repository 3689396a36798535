/// Writes one JSON-lines sample file: one flat record object per line, with the file's
/// planned damage and, for the streaming-export file, a gzip member per hour.
final class JSONLinesSampleWriter {
    let spec: SampleFileSpec
    private let output: SampleOutputFile
    private var plan: SampleDamagePlan
    private var random: SampleRandom
    private var line: [UInt8] = []
    private var position = 0
    private var pendingCut = 0
    private var pendingInvalidUTF8 = 0
    private var memberHour: Int64 = -1
    private(set) var records = 0
    private(set) var damage = SampleDamageCounts()
    private(set) var firstTimestamp: Int64?
    private(set) var lastTimestamp: Int64?
    private(set) var services = Set<SampleService>()
    /// Records written per service, by `SampleService.rawValue`.
    private(set) var serviceCounts = [Int](repeating: 0, count: SampleService.allCases.count)

    init(spec: SampleFileSpec, directory: String, level: Int32, plan: SampleDamagePlan, random: SampleRandom) throws {
        self.spec = spec
        self.plan = plan
        self.random = random
        output = try SampleOutputFile(path: directory + "/" + spec.relativePath, compressed: spec.compressed, level: level)
        line.reserveCapacity(16_384)
    }

    var path: String { output.path }
    var uncompressedBytes: Int { output.uncompressedBytes }
    var members: Int { output.members }

    func write(_ record: SampleRecord) throws {
        if spec.memberPerHour {
            let hour = record.timestamp / SampleTime.hour
            if hour != memberHour {
                try output.finishMember()
                memberHour = hour
            }
        }
        for kind in plan.take(upTo: position) {
            switch kind {
            case .blank:
                try output.append([0x0A])
                damage.blank += 1
            case .notJSON:
                try output.append(Array(random.pick(SampleDamageKind.notJSONLines).utf8) + [0x0A])
                damage.notJson += 1
            case .invalidJSON: pendingCut += 1
            case .invalidUTF8: pendingInvalidUTF8 += 1
            }
        }
        position += 1
        line.removeAll(keepingCapacity: true)
        let alterable = record.episode == nil && record.service != .pumpWorker
        if alterable && pendingCut > 0 {
            pendingCut -= 1
            SampleJSON.appendFlat(record, to: &line)
            line.removeLast(line.count - line.count * 11 / 20)
            line.append(0x0A)
            try output.append(line)
            damage.invalidJson += 1
            return
        }
        if alterable && pendingInvalidUTF8 > 0, case let .string(text) = record.message {
            pendingInvalidUTF8 -= 1
            var altered = record
            altered.message = .rawString(Array(text.utf8) + random.pick(SampleDamageKind.invalidUTF8Snippets))
            SampleJSON.appendFlat(altered, to: &line)
            damage.invalidUTF8Repaired += 1
        } else {
            SampleJSON.appendFlat(record, to: &line)
        }
        line.append(0x0A)
        try output.append(line)
        records += 1
        if firstTimestamp == nil { firstTimestamp = record.timestamp }
        lastTimestamp = record.timestamp
        services.insert(record.service)
        serviceCounts[record.service.rawValue] += 1
    }

    func close() throws {
        try output.close()
    }
}
