import LogTriageBasics

/// A facet value's windows in a partial's document as one string of numbers
/// (``CompactIntegers``) rather than an array of keyed objects.
///
/// The windows are most of an `--alerts` partial's document (10 of its 11 MB on the bench
/// week), and `JSONEncoder` and `JSONDecoder` spend their time per value, not per byte: a
/// window was about thirty keyed values. Doubles go as their bit patterns, so every value
/// comes back exactly. Windows whose aggregate keeps a percentile sketch or the values of a
/// `uniqueCount` are not packed (``pack(_:)`` gives nil) and stay keyed objects.
enum PackedWindows {
    /// How deep an aggregate's inner aggregates nest in a packed window at most: far more than
    /// any NRQL function nests, and it keeps a damaged string from recursing without bound.
    private static let maxDepth = 16

    /// The windows as one string, or nil when one of them cannot be packed.
    static func pack(_ windows: [AlertStage.Snapshot.Window]) -> String? {
        var numbers: [Int64] = [Int64(windows.count)]
        numbers.reserveCapacity(1 + windows.count * 24)
        for window in windows {
            let state = window.state
            numbers.append(window.start)
            numbers.append(Int64(state.clustered.count))
            numbers.append(contentsOf: state.clustered.lazy.map(Int64.init))
            numbers.append(contentsOf: [Int64(state.stale), state.firstRecord, state.lastRecord, state.firstFlowRecord,
                                        Int64(state.accumulator.count)])
            for accumulator in state.accumulator {
                guard pack(accumulator, into: &numbers, depth: 0) else { return nil }
            }
        }
        return CompactIntegers.encode(numbers)
    }

    private static func pack(_ state: NRQLAccumulator.State, into numbers: inout [Int64], depth: Int) -> Bool {
        guard depth < maxDepth, state.sketch == nil, state.unique == nil,
              (state.chosenValue == nil) == (state.chosenTime == nil) else { return false }
        numbers.append(contentsOf: [Int64(state.recordCount), Int64(state.matched), Int64(state.valueCount),
                                    bits(state.total), bits(state.squares), bits(state.smallest), bits(state.largest)])
        if let value = state.chosenValue, let time = state.chosenTime {
            numbers.append(contentsOf: [1, bits(value), time])
        } else {
            numbers.append(0)
        }
        numbers.append(contentsOf: [state.arrivals, Int64(state.satisfied), Int64(state.tolerating), Int64(state.inner.count)])
        for inner in state.inner {
            guard pack(inner, into: &numbers, depth: depth + 1) else { return false }
        }
        return true
    }

    /// The windows of a string ``pack(_:)`` wrote; nil when it is damaged.
    static func unpack(_ text: String) -> [AlertStage.Snapshot.Window]? {
        guard let numbers = CompactIntegers.decode(text) else { return nil }
        var reader = NumberReader(numbers: numbers)
        guard let count = reader.count() else { return nil }
        var windows: [AlertStage.Snapshot.Window] = []
        windows.reserveCapacity(count)
        for _ in 0..<count {
            guard let start = reader.next(), let clusteredCount = reader.count() else { return nil }
            var clustered: [Int32] = []
            clustered.reserveCapacity(clusteredCount)
            for _ in 0..<clusteredCount {
                guard let tally = reader.int32() else { return nil }
                clustered.append(tally)
            }
            guard let stale = reader.int32(), let firstRecord = reader.next(), let lastRecord = reader.next(),
                  let firstFlowRecord = reader.next(), let accumulatorCount = reader.count() else { return nil }
            var accumulators: [NRQLAccumulator.State] = []
            for _ in 0..<accumulatorCount {
                guard let accumulator = unpackAccumulator(&reader, depth: 0) else { return nil }
                accumulators.append(accumulator)
            }
            windows.append(AlertStage.Snapshot.Window(
                start: start,
                state: ConditionWindow.State(accumulator: accumulators, clustered: clustered, stale: stale, firstRecord: firstRecord,
                                             lastRecord: lastRecord, firstFlowRecord: firstFlowRecord)))
        }
        return reader.isAtEnd ? windows : nil
    }

    private static func unpackAccumulator(_ reader: inout NumberReader, depth: Int) -> NRQLAccumulator.State? {
        guard depth < maxDepth, let recordCount = reader.int(), let matched = reader.int(), let valueCount = reader.int(),
              let total = reader.double(), let squares = reader.double(), let smallest = reader.double(),
              let largest = reader.double(), let chosen = reader.next() else { return nil }
        var chosenValue: Double?
        var chosenTime: Int64?
        switch chosen {
        case 0: break
        case 1:
            guard let value = reader.double(), let time = reader.next() else { return nil }
            (chosenValue, chosenTime) = (value, time)
        default: return nil
        }
        guard let arrivals = reader.next(), let satisfied = reader.int(), let tolerating = reader.int(),
              let innerCount = reader.count() else { return nil }
        var inner: [NRQLAccumulator.State] = []
        for _ in 0..<innerCount {
            guard let state = unpackAccumulator(&reader, depth: depth + 1) else { return nil }
            inner.append(state)
        }
        return NRQLAccumulator.State(recordCount: recordCount, matched: matched, valueCount: valueCount, total: total,
                                     squares: squares, smallest: smallest, largest: largest, chosenValue: chosenValue,
                                     chosenTime: chosenTime, arrivals: arrivals, satisfied: satisfied, tolerating: tolerating,
                                     sketch: nil, unique: nil, inner: inner)
    }

    private static func bits(_ value: Double) -> Int64 { Int64(bitPattern: value.bitPattern) }

    /// Reads a packed string's numbers in order; every read is nil past the end.
    private struct NumberReader {
        let numbers: [Int64]
        var position = 0

        var isAtEnd: Bool { position == numbers.count }

        mutating func next() -> Int64? {
            guard position < numbers.count else { return nil }
            defer { position += 1 }
            return numbers[position]
        }

        mutating func int() -> Int? { next().flatMap { Int(exactly: $0) } }

        mutating func int32() -> Int32? { next().flatMap { Int32(exactly: $0) } }

        mutating func double() -> Double? { next().map { Double(bitPattern: UInt64(bitPattern: $0)) } }

        /// A count of items that follow, each at least one number: never more than are left.
        mutating func count() -> Int? {
            guard let value = next(), value >= 0, value <= numbers.count - position else { return nil }
            return Int(value)
        }
    }
}
