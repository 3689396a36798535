import Testing
@testable import LogTriageReports

extension ChartTests {
    @Suite struct ChartCalendarTests {
        @Test func dayLabelsNameWeekdayAndDate() {
            #expect(ChartCalendar.dayLabel(day: 0) == "Thu 01-01")
            #expect(ChartCalendar.dayLabel(day: Int64(ChartWeek.firstDay)) == "Mon 11-09")
            #expect(ChartCalendar.dayLabel(day: Int64(ChartWeek.firstDay) + 6) == "Sun 11-15")
            #expect(ChartCalendar.dayLabel(day: -1) == "Wed 12-31")
        }

        @Test func minuteLabelsFloorTowardsThePast() {
            #expect(ChartCalendar.hourMinuteLabel(milliseconds: ChartWeek.start + 14 * ChartWeek.hour + 3 * 60_000 + 59_999)
                    == "Mon 11-09 14:03")
            #expect(ChartCalendar.hourMinuteLabel(milliseconds: -1) == "Wed 12-31 23:59")
        }

        @Test func floorDivisionRoundsDown() {
            #expect(ChartCalendar.floorDivide(-1, 24) == -1)
            #expect(ChartCalendar.floorDivide(-24, 24) == -1)
            #expect(ChartCalendar.floorDivide(47, 24) == 1)
        }
    }
}
