import LogTriageBasics
import LogTriageModel

/// Why a condition is not backtested: the replay of a week of logs cannot stand for what New
/// Relic evaluates. Each refusal is a value; the wording is made in ``description``.
public enum ConditionRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// A setting of the condition could not be read (see ``AlertCondition/problem``).
    case unusableSetting(String)
    /// The NRQL does not parse; the message names the construct and its column.
    case invalidNRQL(message: String, column: Int)
    /// The query reads events that are not log records (`FROM Metric`, `FROM Transaction`…).
    case otherEventType([String])
    /// A BASELINE or OUTLIER threshold counts standard deviations from what New Relic learned,
    /// which a week of logs cannot replay.
    case notStatic(ConditionType)
    /// A function whose value on log records would not be New Relic's (it reads metric
    /// timeslices or histograms).
    case functionWithoutMeaningOnLogs(String)
    /// The query is beyond one of LogTriage's limits (see ``NRQLQuery/maximumLength``); the
    /// message names the limit.
    case beyondLimit(String)
    /// The windows of the conditions listed up to it took more memory than the run keeps for
    /// them (``WindowAggregationStore/storageBudget``, in storage units): it was let go.
    case overStorageBudget(units: Int)

    /// The condition's query when it can be backtested, else why not.
    public static func check(_ condition: AlertCondition) -> Result<NRQLQuery, ConditionRefusal> {
        if let problem = condition.problem { return .failure(.unusableSetting(problem)) }
        if let outOfRange = condition.settingOutOfRange { return .failure(.unusableSetting(outOfRange)) }
        if let slide = condition.slideBySeconds, slide >= condition.windowSeconds || condition.windowSeconds % slide != 0 {
            return .failure(.unusableSetting(
                "its slide_by (\(slide) s) is not smaller than and a factor of its window (\(condition.windowSeconds) s)"))
        }
        if let slide = condition.slideBySeconds, condition.windowSeconds / slide > AlertCondition.maximumSlideSteps {
            return .failure(.unusableSetting(
                "its window (\(condition.windowSeconds) s) slides by \(slide) s, \(condition.windowSeconds / slide) steps a window, "
                    + "over LogTriage's limit of \(AlertCondition.maximumSlideSteps)"))
        }
        let query: NRQLQuery
        do {
            query = try NRQLQuery.parse(condition.nrql, condition: condition.name)
        } catch {
            if error.isBeyondLimit { return .failure(.beyondLimit(error.message)) }
            return .failure(.invalidNRQL(message: error.message, column: error.column))
        }
        let others = query.eventTypes.filter { $0 != NRQLQuery.logEventType }
        if !others.isEmpty { return .failure(.otherEventType(others)) }
        if condition.type != .static { return .failure(.notStatic(condition.type)) }
        if let function = query.functionWithoutMeaningOnLogs { return .failure(.functionWithoutMeaningOnLogs(function)) }
        return .success(query)
    }

    /// A short kind for counting refusals (`other_event_type`, `baseline`, `nrql`, …).
    public var kind: String {
        switch self {
        case .unusableSetting: "setting"
        case .invalidNRQL: "nrql"
        case .otherEventType: "other_event_type"
        case let .notStatic(type): type.rawValue
        case .functionWithoutMeaningOnLogs: "function"
        case .beyondLimit: "limit"
        case .overStorageBudget: "memory"
        }
    }

    public var description: String {
        switch self {
        case let .unusableSetting(problem): problem
        case let .invalidNRQL(message, column): "its NRQL does not parse: \(message) at column \(column)"
        case let .otherEventType(types):
            "it reads \(types.joined(separator: ", ")) events, not log records"
        case let .notStatic(type):
            "its \(type.rawValue.uppercased()) threshold counts standard deviations from what New Relic learned, which a week of logs cannot replay"
        case let .functionWithoutMeaningOnLogs(function):
            "\(function)() has no meaning on log records"
        case let .beyondLimit(message):
            "its NRQL is beyond what LogTriage replays: \(message)"
        case let .overStorageBudget(units):
            "the windows of the conditions listed up to it need more than the \(DigitGrouping.grouped(units)) windows "
                + "LogTriage keeps in memory on this input (alerts.replayWindowBudget, about "
                + "\(DigitGrouping.grouped(units * AlertTuning.replayWindowBytes / 1_000_000)) MB): "
                + "replay it in a run with fewer conditions, list it earlier, or raise the budget"
        }
    }
}
