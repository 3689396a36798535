/// How many records fall on each UTC day, with the first and last time among them: what
/// tells the week apart from a few records dated far from it.
///
/// A single record dated 9999-12-31 (or 0000-01-01) among a week's records would otherwise
/// stretch every per-day figure, chart and alert window over thousands of years. The days
/// are counted as the records are read and merged by adding, so the week found from them
/// does not depend on the order of the records or of the files.
public struct RecordDays: Sendable, Equatable, Codable {
    /// One UTC day that holds records.
    public struct Day: Sendable, Equatable, Codable {
        /// Days since 1970-01-01 (negative before).
        public var day: Int64
        public var records: Int
        /// The first and last record time on the day, epoch milliseconds.
        public var first: Int64
        public var last: Int64

        mutating func merge(_ other: Day) {
            records += other.records
            first = Swift.min(first, other.first)
            last = Swift.max(last, other.last)
        }
    }

    public static let millisecondsPerDay: Int64 = 86_400_000

    /// Records separated by more than this many days from the week belong to no week of it.
    public static let weekGapDays: Int64 = 7

    /// The most records one day of a partial may claim (2^48): sums over millions of days
    /// stay within 64 bits.
    static let maximumRecordsPerDay = 1 << 48

    private var byDay: [Int64: Day] = [:]

    public init() {}

    /// The days in time order.
    public var days: [Day] { byDay.values.sorted { $0.day < $1.day } }

    public var isEmpty: Bool { byDay.isEmpty }

    /// The first and last record time of all days.
    public var first: Int64? { byDay.values.lazy.map(\.first).min() }
    public var last: Int64? { byDay.values.lazy.map(\.last).max() }

    /// The UTC day (days since 1970-01-01) holding `milliseconds`, rounding down also before 1970.
    public static func day(of milliseconds: Int64) -> Int64 {
        let quotient = milliseconds / millisecondsPerDay
        return milliseconds % millisecondsPerDay < 0 ? quotient - 1 : quotient
    }

    public mutating func add(_ day: Day) {
        if byDay[day.day] == nil {
            byDay[day.day] = day
        } else {
            byDay[day.day]!.merge(day)
        }
    }

    public mutating func merge(_ other: RecordDays) {
        for day in other.byDay.values { add(day) }
    }

    /// Where the week is: the longest run of days (by records) in which no more than
    /// ``weekGapDays`` days pass without a record, the earliest such run on a tie. Nil
    /// without timed records.
    public func week() -> RecordWeek? {
        let ordered = days
        guard !ordered.isEmpty else { return nil }
        var best = 0..<0, bestRecords = -1
        var start = 0, records = 0
        for index in ordered.indices {
            if index > start, ordered[index].day - ordered[index - 1].day > Self.weekGapDays {
                if records > bestRecords { (best, bestRecords) = (start..<index, records) }
                (start, records) = (index, 0)
            }
            records += ordered[index].records
        }
        if records > bestRecords { best = start..<ordered.count }
        let inside = ordered[best]
        let outside = ordered[..<best.lowerBound] + ordered[best.upperBound...]
        return RecordWeek(range: inside.first!.first...inside.last!.last,
                          outsideRecords: outside.reduce(0) { $0 + $1.records }, outsideDays: Array(outside))
    }

    private enum CodingKeys: String, CodingKey { case days }

    /// Refuses days that reading could not have counted (a damaged or edited partial): no
    /// records, or a first or last time that is not on the day, or the first after the last.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for day in try container.decode([Day].self, forKey: .days) {
            guard (1...Self.maximumRecordsPerDay).contains(day.records), day.first <= day.last, Self.day(of: day.first) == day.day, Self.day(of: day.last) == day.day,
                  byDay[day.day] == nil else {
                throw DecodingError.dataCorruptedError(forKey: .days, in: container,
                                                       debugDescription: "day \(day.day) does not hold its records' times")
            }
            add(day)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(days, forKey: .days)
    }
}

/// The span the week's time figures cover (see ``RecordDays/week()``), and the timed records
/// dated outside it: they count everywhere else (totals, clusters, billers), but in no
/// per-day figure, chart or alert window.
public struct RecordWeek: Sendable, Equatable {
    /// From the week's first record time to its last, epoch milliseconds.
    public var range: ClosedRange<Int64>
    public var outsideRecords: Int
    /// The days holding those records, in time order.
    public var outsideDays: [RecordDays.Day]
}

/// The days of one file's records as the reader goes: a record on the same day as the one
/// before costs two comparisons; the day is looked up only when it changes.
struct RecordDayTally {
    private(set) var days = RecordDays()
    /// The day being counted, not yet in ``days``; `openFirstMs...openLastMs` is its span.
    private var open = RecordDays.Day(day: 0, records: 0, first: 0, last: 0)
    private var openFirstMs: Int64 = 1
    private var openLastMs: Int64 = 0

    @inline(__always)
    mutating func add(_ milliseconds: Int64) {
        if milliseconds >= openFirstMs && milliseconds <= openLastMs {
            open.records += 1
            if milliseconds < open.first { open.first = milliseconds }
            if milliseconds > open.last { open.last = milliseconds }
        } else {
            openDay(of: milliseconds)
        }
    }

    private mutating func openDay(of milliseconds: Int64) {
        if open.records > 0 { days.add(open) }
        let day = RecordDays.day(of: milliseconds)
        open = RecordDays.Day(day: day, records: 1, first: milliseconds, last: milliseconds)
        // The day's first and last millisecond, within Int64 at its two ends.
        let start = day.multipliedReportingOverflow(by: RecordDays.millisecondsPerDay)
        openFirstMs = start.overflow ? Int64.min : start.partialValue
        let end = (day + 1).multipliedReportingOverflow(by: RecordDays.millisecondsPerDay)
        openLastMs = end.overflow ? Int64.max : end.partialValue - 1
    }

    /// Every day counted, the one being counted included.
    mutating func finish() -> RecordDays {
        if open.records > 0 { days.add(open) }
        open.records = 0
        (openFirstMs, openLastMs) = (1, 0)
        return days
    }
}
