/// Where a JSON-lines file gets its damaged lines: a few of each kind before chosen record
/// positions (from position 50 on, so the first records of a file stay clean).
///
/// Lines that replace or alter a record (cut-off JSON, invalid UTF-8) wait for a record that
/// belongs to no episode and is not a pump-worker record, so planted episodes and pump loops
/// stay whole; blank and non-JSON lines are inserted as extra lines.
struct SampleDamagePlan {
    private var entries: [(position: Int, kind: SampleDamageKind)]
    private var next = 0

    /// No damage.
    init() { entries = [] }

    init(random: inout SampleRandom, scale: Double) {
        let limit = max(60, Int(1_500 * min(scale, 20)))
        var planned: [(position: Int, kind: SampleDamageKind)] = []
        for kind in SampleDamageKind.allCases {
            for _ in 0..<random.int(in: 1...3) {
                planned.append((50 + random.below(limit - 50), kind))
            }
        }
        planned.sort { ($0.position, $0.kind.order) < ($1.position, $1.kind.order) }
        entries = planned
    }

    /// Removes and returns the kinds planned at or before record position `position`.
    mutating func take(upTo position: Int) -> [SampleDamageKind] {
        var kinds: [SampleDamageKind] = []
        while next < entries.count, entries[next].position <= position {
            kinds.append(entries[next].kind)
            next += 1
        }
        return kinds
    }
}
