/// Clustered records per UTC hour and category (``ErrorTimeline``), for the hourly chart.
package final class TimelineStage: RecordStage {
    package private(set) var timeline = ErrorTimeline()

    package init() {}

    package func consume(_ record: borrowing RecordContext) throws {
        guard let placement = record.placement else { return }
        timeline.add(time: record.facts.time, category: placement.category)
    }

    /// Takes in a partial run's hours.
    package func absorb(_ other: ErrorTimeline) {
        timeline.merge(other)
    }

    /// Stale failures stay on the chart: it shows what was logged, hour by hour.
    package func finish(stale _: StaleVerdicts) throws {}
}
