import Testing
@testable import LogTriageReports

extension ChartTests {
    @Suite struct ChartSeriesTests {
        @Test func decimationKeepsTheHighestPointOfEachColumn() {
            let points = (0..<1000).map { (start: Int64($0), value: $0 == 537 ? 100.0 : Double($0 % 5)) }
            let kept = ChartSeries.decimated(points, columns: 10, range: 0...999)
            #expect(kept.count == 10)
            #expect(kept.contains { $0.start == 537 && $0.value == 100 })
            #expect(kept.filter { $0.start != 537 }.allSatisfy { $0.value == 4 })
            #expect(kept.map(\.start) == kept.map(\.start).sorted())
            // Ties keep the earliest point of the column.
            #expect(kept.first?.start == 4)
        }

        @Test func shortSeriesAreLeftAlone() {
            let points = (0..<5).map { (start: Int64($0), value: Double($0)) }
            #expect(ChartSeries.decimated(points, columns: 10, range: 0...4).map(\.start) == [0, 1, 2, 3, 4])
        }

        @Test func segmentsBreakAtGaps() {
            let points: [ChartSeries.Point] = [(0, 1), (10, 1), (20, 1), (45, 1), (55, 1), (100, 1)]
            #expect(ChartSeries.segments(points, gap: 10).map { $0.map(\.start) } == [[0, 10, 20], [45, 55], [100]])
            #expect(ChartSeries.segments(points, gap: nil).count == 1)
            #expect(ChartSeries.segments([], gap: 10).isEmpty)
        }
    }
}
