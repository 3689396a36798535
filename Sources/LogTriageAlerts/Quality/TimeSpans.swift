/// A set of time spans (epoch ms, half-open), kept sorted and disjoint: how long a condition
/// was red, and how much of that a failure explains.
struct TimeSpans: Sendable, Equatable {
    private(set) var spans: [Range<Int64>] = []

    init() {}

    /// The union of `ranges`.
    init(_ ranges: some Sequence<Range<Int64>>) {
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = spans.last, range.lowerBound <= last.upperBound {
                spans[spans.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                spans.append(range)
            }
        }
    }

    /// Total length in ms.
    var milliseconds: Int64 { spans.reduce(0) { $0 + ($1.upperBound - $1.lowerBound) } }

    var minutes: Double { Double(milliseconds) / 60_000 }

    /// The parts of these spans inside `other`.
    func intersection(_ other: TimeSpans) -> TimeSpans {
        var result: [Range<Int64>] = []
        var index = 0
        for span in spans {
            while index < other.spans.count, other.spans[index].upperBound <= span.lowerBound { index += 1 }
            var probe = index
            while probe < other.spans.count, other.spans[probe].lowerBound < span.upperBound {
                let part = max(span.lowerBound, other.spans[probe].lowerBound)..<min(span.upperBound, other.spans[probe].upperBound)
                if !part.isEmpty { result.append(part) }
                probe += 1
            }
        }
        return TimeSpans(result)
    }

    /// The parts of these spans outside `other`.
    func subtracting(_ other: TimeSpans) -> TimeSpans {
        var result: [Range<Int64>] = []
        for span in spans {
            var cursor = span.lowerBound
            for cut in other.spans where cut.upperBound > cursor && cut.lowerBound < span.upperBound {
                if cut.lowerBound > cursor { result.append(cursor..<cut.lowerBound) }
                cursor = max(cursor, cut.upperBound)
                if cursor >= span.upperBound { break }
            }
            if cursor < span.upperBound { result.append(cursor..<span.upperBound) }
        }
        return TimeSpans(result)
    }

    /// The spans clipped to `bounds`.
    func clipped(to bounds: Range<Int64>) -> TimeSpans { intersection(TimeSpans([bounds])) }
}
