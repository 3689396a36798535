/// Reads a condition in NerdGraph's shape: an element of `nrqlConditionsSearch`'s
/// `nrqlConditions`, or a quickstart's `alert-policies/*.yml` condition (NerdGraph's
/// camelCase input written as YAML).
///
/// Keys: `name`, `type`, `enabled`, `nrql.query`, `terms[]{priority, operator, threshold,
/// thresholdDuration, thresholdOccurrences}`, `signal{aggregationWindow, slideBy,
/// fillOption, fillValue, aggregationMethod, aggregationDelay, aggregationTimer,
/// evaluationOffset}`, `expiration{expirationDuration, openViolationOnExpiration,
/// closeViolationsOnExpiration}`, `violationTimeLimitSeconds` (or the older
/// `violationTimeLimit`), `policyId`. A setting that cannot be used does not stop the
/// others: the condition is kept with ``AlertCondition/problem`` saying why it cannot be
/// backtested.
enum NerdGraphConditionReader {
    static func condition(_ object: [String: Any], fallbackName: String, policy: String?) -> AlertCondition {
        let name = (ConditionSettingValue.text(object["name"])?.trimmingCharacters(in: .whitespaces))
            .flatMap { $0.isEmpty ? nil : $0 } ?? fallbackName
        let nrqlObject = object["nrql"] as? [String: Any]
        let query = (ConditionSettingValue.text(nrqlObject?["query"]) ?? ConditionSettingValue.text(object["nrql"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var condition = AlertCondition(name: name, nrql: query, critical: nil)
        condition.policy = policy ?? ConditionSettingValue.text(object["policyId"])
        var problems: [String] = []
        if query.isEmpty { problems.append("it has no nrql.query") }
        if let type = ConditionSettingValue.word(object["type"]) {
            if let known = ConditionType(rawValue: type) { condition.type = known } else {
                problems.append("its type '\(type)' is not STATIC, BASELINE or OUTLIER")
            }
        }
        if let enabled = ConditionSettingValue.flag(object["enabled"]) { condition.enabled = enabled }

        let signal = object["signal"] as? [String: Any] ?? [:]
        if let window = ConditionSettingValue.seconds(signal["aggregationWindow"]) { condition.windowSeconds = window }
        condition.slideBySeconds = ConditionSettingValue.seconds(signal["slideBy"])
        switch ConditionSettingValue.word(signal["fillOption"]) {
        case nil, "none": break
        case "last_value": condition.fill = .lastValue
        case "static": condition.fill = .static(ConditionSettingValue.number(signal["fillValue"]) ?? 0)
        case let other?: problems.append("its fillOption '\(other)' is not NONE, STATIC or LAST_VALUE")
        }
        if let method = ConditionSettingValue.word(signal["aggregationMethod"]) {
            if let known = AggregationMethod(rawValue: method) { condition.aggregationMethod = known } else {
                problems.append("its aggregationMethod '\(method)' is not EVENT_FLOW, EVENT_TIMER or CADENCE")
            }
        } else if let offset = ConditionSettingValue.seconds(signal["evaluationOffset"]) {
            // The deprecated evaluation offset (in windows) is New Relic's cadence method
            // with that many windows of delay.
            condition.aggregationMethod = .cadence
            condition.aggregationDelaySeconds = offset * condition.windowSeconds
        }
        condition.aggregationDelaySeconds = ConditionSettingValue.seconds(signal["aggregationDelay"])
            ?? condition.aggregationDelaySeconds
        condition.aggregationTimerSeconds = ConditionSettingValue.seconds(signal["aggregationTimer"])

        let expiration = object["expiration"] as? [String: Any] ?? [:]
        condition.expirationSeconds = ConditionSettingValue.seconds(expiration["expirationDuration"])
        condition.openOnExpiration = ConditionSettingValue.flag(expiration["openViolationOnExpiration"]) ?? false
        condition.closeOnExpiration = ConditionSettingValue.flag(expiration["closeViolationsOnExpiration"]) ?? false
        if let limit = ConditionSettingValue.seconds(object["violationTimeLimitSeconds"]) {
            condition.violationTimeLimitSeconds = limit
        } else if let hours = ConditionSettingValue.word(object["violationTimeLimit"]),
                  let limit = legacyTimeLimits[hours] {
            condition.violationTimeLimitSeconds = limit
        }

        for (offset, item) in (object["terms"] as? [Any] ?? []).enumerated() {
            guard let term = item as? [String: Any] else {
                problems.append("term \(offset + 1) is not a mapping")
                continue
            }
            let priority = ConditionSettingValue.word(term["priority"]) ?? "critical"
            let read = ConditionTermReader.threshold(
                operator: term["operator"], value: term["threshold"], duration: term["thresholdDuration"],
                occurrences: term["thresholdOccurrences"], windowSeconds: condition.windowSeconds)
            ConditionTermReader.add(read, priority: priority, to: &condition, problems: &problems)
        }
        ConditionTermReader.finish(&condition, problems: problems)
        return condition
    }

    /// NerdGraph's older `violationTimeLimit` enum, in seconds.
    static let legacyTimeLimits: [String: Int] = [
        "one_hour": 3_600, "two_hours": 7_200, "four_hours": 14_400, "eight_hours": 28_800,
        "twelve_hours": 43_200, "twenty_four_hours": 86_400, "thirty_days": 2_592_000,
    ]
}
