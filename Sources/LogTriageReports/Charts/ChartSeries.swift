/// Preparing a time series for drawing: thinning it to the plot's pixel columns and splitting
/// it where windows are missing.
enum ChartSeries {
    typealias Point = (start: Int64, value: Double)

    /// At most one point per pixel column of `columns` over `range`: the column's highest value
    /// (the earliest on a tie), so a one-window spike survives however long the series is.
    /// `points` must be sorted by start and inside `range`; the result is too.
    static func decimated(_ points: [Point], columns: Int, range: ClosedRange<Int64>) -> [Point] {
        guard columns > 0, points.count > columns else { return points }
        let low = Double(range.lowerBound), span = max(1, Double(range.upperBound) - low)
        var kept: [Point] = []
        var keptColumn = -1
        for point in points {
            let column = min(columns - 1, max(0, Int((Double(point.start) - low) / span * Double(columns))))
            if column != keptColumn {
                kept.append(point)
                keptColumn = column
            } else if point.value > kept[kept.count - 1].value {
                kept[kept.count - 1] = point
            }
        }
        return kept
    }

    /// Runs of points to join with a line: a new run starts wherever the next point is more
    /// than `gap` after the previous one (a window without a value), never when `gap` is nil.
    static func segments(_ points: [Point], gap: Double?) -> [[Point]] {
        var runs: [[Point]] = []
        for point in points {
            if let previous = runs.last?.last, gap.map({ Double(point.start) - Double(previous.start) <= $0 }) ?? true {
                runs[runs.count - 1].append(point)
            } else {
                runs.append([point])
            }
        }
        return runs
    }
}
