import LogTriageModel

extension Backtester {
    /// Categories whose errors nobody can act on, by default: only `other` (no rule matched).
    public static let defaultNonActionable: Set<String> = [Category.other.rawValue]

    /// Whether an incident is noise, judged on the error records of its opening window.
    ///
    /// Noise when the window holds no error at all (the condition fired on something that is
    /// not a failure), or when more than half of its errors are stale failures or fall in a
    /// non-actionable category the rules decided: nobody can fix what paged. Never noise when
    /// the incident is unknown (``isUnknown(errors:byCategory:)``): errors no rule classifies
    /// may be a real outage the rules do not know, so they count neither as noise nor against
    /// it. Otherwise real.
    ///
    /// - Parameters:
    ///   - errors: error records of the window that match the condition.
    ///   - stale: how many of them are stale-invoice failures.
    ///   - byCategory: the errors that are *not* stale failures, by category raw value, so no
    ///     error is counted twice; an overlap the caller leaves in is capped at `errors`.
    ///   - nonActionable: category raw values that do not count as actionable.
    public static func isNoise(errors: Int, stale: Int, byCategory: [String: Int],
                               nonActionable: Set<String> = defaultNonActionable) -> Bool {
        guard errors > 0 else { return true }
        if isUnknown(errors: errors, byCategory: byCategory) { return false }
        var notActionable = max(0, stale)
        for (category, count) in byCategory where nonActionable.contains(category) && category != Category.other.rawValue {
            notActionable += max(0, count)
        }
        return 2 * min(notActionable, errors) > errors
    }

    /// Whether an incident is unknown: more than half of its window's errors are `other`, which
    /// is where errors no rule classifies land. The judgement sees categories only, so a caller
    /// abort (`other` with a reason) counts here too; that errs on the side of keeping an alert.
    public static func isUnknown(errors: Int, byCategory: [String: Int]) -> Bool {
        guard errors > 0 else { return false }
        let unclassified = max(0, byCategory[Category.other.rawValue] ?? 0)
        return 2 * min(unclassified, errors) > errors
    }
}
