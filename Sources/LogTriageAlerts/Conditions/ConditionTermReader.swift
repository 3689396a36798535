/// Reads one threshold term from a decoded JSON or YAML tree, for the NerdGraph, quickstart
/// and Terraform readers; failures say what is wrong in words a report can show.
enum ConditionTermReader {
    /// Puts a read term on `condition` as its critical or warning threshold, or its problem
    /// in `problems`.
    static func add(_ term: Result<AlertThreshold, TermProblem>, priority: String, to condition: inout AlertCondition,
                    problems: inout [String]) {
        switch term {
        case let .success(threshold):
            if priority == "warning" { condition.warning = threshold } else { condition.critical = threshold }
        case let .failure(problem):
            problems.append("its \(priority) term \(problem)")
        }
    }

    /// Records the problems on `condition`, adding that it has no term when nothing else is wrong.
    static func finish(_ condition: inout AlertCondition, problems: [String]) {
        var problems = problems
        if condition.critical == nil, condition.warning == nil, problems.isEmpty {
            problems.append("it has no critical or warning term")
        }
        condition.problem = problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    static func threshold(operator operatorValue: Any?, value: Any?, duration: Any?, occurrences: Any?,
                          windowSeconds: Int) -> Result<AlertThreshold, TermProblem> {
        guard let operatorWord = ConditionSettingValue.word(operatorValue) else {
            return .failure(TermProblem("has no operator (New Relic's Terraform default 'equals' is rarely meant)"))
        }
        guard let thresholdOperator = ThresholdOperator(rawValue: operatorWord) else {
            return .failure(TermProblem("has an unknown operator '\(operatorWord)'"))
        }
        guard let threshold = ConditionSettingValue.number(value) else {
            return .failure(TermProblem("has no numeric threshold"))
        }
        guard let seconds = ConditionSettingValue.seconds(duration) else {
            return .failure(TermProblem("has no threshold duration"))
        }
        var mode = ThresholdOccurrences.all
        if let word = ConditionSettingValue.word(occurrences) {
            guard let known = ThresholdOccurrences(rawValue: word) else {
                return .failure(TermProblem("has an unknown occurrence mode '\(word)'"))
            }
            mode = known
        }
        guard seconds % windowSeconds == 0 else {
            return .failure(TermProblem("lasts \(seconds) s, not a multiple of the \(windowSeconds) s window"))
        }
        return .success(AlertThreshold(operator: thresholdOperator, value: threshold, durationSeconds: seconds,
                                       occurrences: mode))
    }
}

/// Why a term cannot be read, as a phrase after "its critical term".
struct TermProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
