import Foundation
import Testing
@testable import LogTriageBasics
@testable import LogTriageIngest
@testable import LogTriageAnalysis
import LogTriageTestSupport

/// The week is where the records are: records dated far from the others are counted apart,
/// whatever order the records and files come in.
@Suite("Ingest: the week from the records' days")
struct RecordDaysTests {
    static let day = RecordDays.millisecondsPerDay
    /// 2026-11-02T00:00:00Z.
    static let monday: Int64 = 1_793_577_600_000
    static let yearZero: Int64 = -62_167_219_200_000
    static let year9999: Int64 = 253_402_300_799_000

    static func tallied(_ times: [Int64]) -> RecordDays {
        var tally = RecordDayTally()
        for time in times { tally.add(time) }
        return tally.finish()
    }

    /// Seven days of records, one an hour, in time order.
    static let week: [Int64] = (0..<(7 * 24)).map { Self.monday + Int64($0) * 3_600_000 + 1_234 }

    @Test func daysRoundDownAlsoBefore1970() {
        #expect(RecordDays.day(of: 0) == 0)
        #expect(RecordDays.day(of: Self.day - 1) == 0)
        #expect(RecordDays.day(of: Self.day) == 1)
        #expect(RecordDays.day(of: -1) == -1)
        #expect(RecordDays.day(of: -Self.day) == -1)
        #expect(RecordDays.day(of: -Self.day - 1) == -2)
        #expect(RecordDays.day(of: Self.yearZero) == -719_528)
    }

    /// Each record's day, counted against a dictionary keyed by the same rounding: at day
    /// edges, at both ends of Int64, and with the days out of order.
    @Test func theTallyCountsEveryRecordOnItsDay() {
        let monday = Self.monday, day = Self.day
        let times: [Int64] = [monday, monday + day - 1, monday + day, monday - 1, monday, .min, .min + 1, .max, .max - 1,
                              -1, 0, 1, Self.yearZero, Self.year9999, monday + 5, monday + day - 1]
        let days = Self.tallied(times).days
        var expected: [Int64: (records: Int, first: Int64, last: Int64)] = [:]
        for time in times {
            let key = RecordDays.day(of: time)
            let old = expected[key] ?? (0, time, time)
            expected[key] = (old.records + 1, min(old.first, time), max(old.last, time))
        }
        #expect(days.map(\.day) == expected.keys.sorted())
        for day in days {
            let want = expected[day.day]!
            #expect(day.records == want.records && day.first == want.first && day.last == want.last, "day \(day.day)")
        }
        #expect(days.reduce(0) { $0 + $1.records } == times.count)
    }

    @Test func aWeekWithoutStrayRecordsIsAllOfIt() throws {
        let week = try #require(Self.tallied(Self.week).week())
        #expect(week.range == Self.week.first!...Self.week.last!)
        #expect(week.outsideRecords == 0 && week.outsideDays.isEmpty)
        #expect(RecordDays().week() == nil)
    }

    @Test func recordsFarFromTheWeekAreOutsideIt() throws {
        let times = [Self.yearZero] + Self.week + [Self.year9999, Self.year9999 - 5, .max]
        let week = try #require(Self.tallied(times).week())
        #expect(week.range == Self.week.first!...Self.week.last!)
        #expect(week.outsideRecords == 4)
        #expect(week.outsideDays.map(\.records) == [1, 2, 1])
        #expect(week.outsideDays.first?.first == Self.yearZero && week.outsideDays.last?.last == .max)
    }

    /// Days up to a week apart belong together; more than a week apart, the run with more
    /// records is the week.
    @Test func aGapOfMoreThanSevenDaysSeparates() throws {
        let late = Self.week.last! + 7 * Self.day  // the seventh day after the last: still together
        let joined = try #require(Self.tallied(Self.week + [late]).week())
        #expect(joined.range.upperBound == late && joined.outsideRecords == 0)

        let apart = Self.week.last! + 8 * Self.day
        let split = try #require(Self.tallied(Self.week + [apart]).week())
        #expect(split.range.upperBound == Self.week.last! && split.outsideRecords == 1)

        // Many records before, few after: the week is where most records are, either side.
        let earlier = (0..<500).map { Self.monday - 30 * Self.day + Int64($0) * 1_000 }
        let fewer = try #require(Self.tallied(earlier + Self.week).week())
        #expect(fewer.range == earlier.first!...earlier.last! && fewer.outsideRecords == Self.week.count)
    }

    @Test func onATieTheEarlierRunIsTheWeek() throws {
        let first = [Self.monday, Self.monday + 1], second = [Self.monday + 30 * Self.day, Self.monday + 30 * Self.day + 1]
        let week = try #require(Self.tallied(second + first).week())
        #expect(week.range == Self.monday...(Self.monday + 1) && week.outsideRecords == 2)
    }

    /// Read in any order, or as files merged in any order, the days and the week are the same.
    @Test func theOrderOfRecordsAndFilesChangesNothing() throws {
        let times = [Self.yearZero] + Self.week + [Self.year9999, Self.monday - 20 * Self.day]
        let inOrder = Self.tallied(times)
        var generator = SplitMix64(seed: 11)
        for round in 0..<5 {
            let shuffled = times.shuffled(using: &generator)
            #expect(Self.tallied(shuffled) == inOrder, "round \(round)")
            let cut = Int(generator.next() % UInt64(shuffled.count))
            var merged = Self.tallied(Array(shuffled[cut...]))
            merged.merge(Self.tallied(Array(shuffled[..<cut])))
            #expect(merged == inOrder && merged.week() == inOrder.week(), "round \(round)")
        }
    }

    @Test func theDaysSurviveEncoding() throws {
        let days = Self.tallied(Self.week + [Self.yearZero, .max])
        let decoded = try JSONDecoder().decode(RecordDays.self, from: JSONEncoder().encode(days))
        #expect(decoded == days)
    }

    /// Days a read could not have counted (an edited partial) are refused on decoding: a first
    /// time after the last, a time off the day, no records, a day given twice. (An edited
    /// partial's first times once made `week()` trap.)
    @Test(arguments: [
        "{\"days\":[{\"day\":20759,\"records\":2,\"first\":1793577699999,\"last\":1793577600000}]}",
        "{\"days\":[{\"day\":20759,\"records\":2,\"first\":9999999999999,\"last\":9999999999999}]}",
        "{\"days\":[{\"day\":20759,\"records\":0,\"first\":1793577600000,\"last\":1793577600000}]}",
        "{\"days\":[{\"day\":20759,\"records\":-5,\"first\":1793577600000,\"last\":1793577600000}]}",
        "{\"days\":[{\"day\":20759,\"records\":1,\"first\":1793577600000,\"last\":1793577600000},"
            + "{\"day\":20759,\"records\":1,\"first\":1793577600000,\"last\":1793577600000}]}",
    ])
    func daysNoReadCouldCountAreRefused(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RecordDays.self, from: Data(json.utf8)) }
    }

    /// The reader counts a file's days and takes its first and last time from them.
    @Test func theReaderCountsEachFilesDays() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        // Far dates as ISO 8601 text: a number that large would be read as microseconds.
        let times = Self.week + [Self.year9999, Self.yearZero]
        var text = Self.week.map { "{\"timestamp\":\($0),\"message\":\"m\"}\n" }.joined()
        text += "{\"timestamp\":\"9999-12-31T23:59:59Z\",\"message\":\"m\"}\n"
        text += "{\"timestamp\":\"0000-01-01T00:00:00Z\",\"message\":\"m\"}\n"
        text += "{\"message\":\"no time\"}\n"
        let result = try readInput(try fixtures.gzip("week.json.gz", members: [Array(text.utf8)]), chunkSize: 4_096)
        #expect(result.report.records == times.count + 1 && result.report.untimedRecords == 1)
        #expect(result.report.days == Self.tallied(times))
        #expect(result.report.firstTimestamp == Self.yearZero && result.report.lastTimestamp == Self.year9999)

        var summary = IngestSummary()
        summary.add(result.report)
        #expect(summary.firstTimestamp == Self.week.first && summary.lastTimestamp == Self.week.last)
        #expect(summary.recordsOutsideWeek == 2)
    }
}
