import LogTriageModel

extension AlertCondition {
    /// The longest of every other time setting (threshold durations, aggregation delay and
    /// timer, loss of signal, violation time limit): 30 days, New Relic's largest limit
    /// (`violation_time_limit_seconds`).
    public static let maximumSettingSeconds = 2_592_000

    /// The most steps of a sliding window (`window / slide_by`): each stored step is merged into
    /// that many windows, facet value by facet value, so a 6-hour window sliding by 1 s with
    /// `FACET traceId` ran for minutes. New Relic documents no such limit; its quickstart
    /// conditions slide a 60 s window by 30 s (2 steps), and 360 steps is a 6-hour window
    /// sliding by a minute or a 30-minute window by 5 s.
    public static let maximumSlideSteps = 360

    /// Why a time setting is beyond what New Relic accepts by far, naming the first such
    /// setting; nil when all are within reach. A condition from a hand-edited or damaged file
    /// could hold any 64-bit number, and the replay's millisecond arithmetic must not overflow.
    public var settingOutOfRange: String? {
        if windowSeconds < 1 || windowSeconds > AlertTuning.maximumWindowSeconds {
            return "its aggregation window (\(windowSeconds) s) is not between 1 s and \(AlertTuning.maximumWindowSeconds) s"
        }
        let settings: [(String, Int?)] = [
            ("slide_by", slideBySeconds), ("critical duration", critical?.durationSeconds),
            ("warning duration", warning?.durationSeconds), ("aggregation_delay", aggregationDelaySeconds),
            ("aggregation_timer", aggregationTimerSeconds), ("expiration_duration", expirationSeconds),
            ("violation_time_limit_seconds", violationTimeLimitSeconds),
        ]
        for case let (name, seconds?) in settings where seconds < 0 || seconds > Self.maximumSettingSeconds {
            return "its \(name) (\(seconds) s) is not between 0 s and \(Self.maximumSettingSeconds) s (30 days)"
        }
        return nil
    }
}
