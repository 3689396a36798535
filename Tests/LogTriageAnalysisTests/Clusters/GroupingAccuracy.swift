/// Grouping Accuracy as Loghub defines it: a line is correct when the set of lines in its
/// predicted group is exactly the set of lines sharing its ground-truth id.
enum GroupingAccuracy {
    static func compute<P: Hashable, T: Hashable>(predicted: [P], truth: [T]) -> Double {
        precondition(predicted.count == truth.count)
        guard !truth.isEmpty else { return 1 }
        var predictedGroups: [P: Set<Int>] = [:]
        var truthGroups: [T: Set<Int>] = [:]
        for (line, (p, t)) in zip(predicted, truth).enumerated() {
            predictedGroups[p, default: []].insert(line)
            truthGroups[t, default: []].insert(line)
        }
        var correct = 0
        for (p, t) in zip(predicted, truth) where predictedGroups[p] == truthGroups[t] { correct += 1 }
        return Double(correct) / Double(truth.count)
    }
}
