/// The value a sort would put at a given place, found without sorting: the tuner reads one
/// rank (a median, a percentile) of a week of window values for every shape of every
/// proposal, and sorting them took about an eighth of its time.
enum OrderStatistic {
    /// The element `sorted()` would hold at `rank` (0-based, within bounds), by a quickselect
    /// that partitions three ways around a median of three: window values repeat a lot (many
    /// quiet windows hold the same few counts), and equal values then settle in one pass.
    /// Values that do not order totally (a NaN) are sorted instead, so the answer is the
    /// sort's whatever they hold.
    static func element<Value: Comparable>(at rank: Int, of values: [Value]) -> Value {
        precondition(values.indices.contains(rank), "rank \(rank) outside \(values.count) values")
        if values.contains(where: { $0 != $0 }) { return values.sorted()[rank] }
        var values = values
        var low = 0, high = values.count - 1
        while low < high {
            let pivot = medianOfThree(values[low], values[low + (high - low) / 2], values[high])
            // [low, less) < pivot, [less, index) == pivot, (greater, high] > pivot.
            var less = low, index = low, greater = high
            while index <= greater {
                if values[index] < pivot {
                    values.swapAt(index, less)
                    less += 1
                    index += 1
                } else if pivot < values[index] {
                    values.swapAt(index, greater)
                    greater -= 1
                } else {
                    index += 1
                }
            }
            if rank < less {
                high = less - 1
            } else if rank > greater {
                low = greater + 1
            } else {
                return pivot
            }
        }
        return values[low]
    }

    private static func medianOfThree<Value: Comparable>(_ a: Value, _ b: Value, _ c: Value) -> Value {
        if a < b { return b < c ? b : (a < c ? c : a) }
        return a < c ? a : (b < c ? c : b)
    }
}
