/// Reads the `newrelic_nrql_alert_condition` resources of a Terraform state as `terraform
/// show -json` prints it: `values.root_module.resources[]` and, recursively, those of
/// `child_modules[]`. Each resource's `values` holds the provider's snake_case arguments;
/// blocks (`nrql`, `critical`, `warning`, the deprecated `term`) are one-element lists.
enum TerraformStateConditionReader {
    static let resourceType = "newrelic_nrql_alert_condition"

    /// Whether the decoded JSON is a Terraform state (`values.root_module`).
    static func isState(_ root: Any) -> Bool {
        ((root as? [String: Any])?["values"] as? [String: Any])?["root_module"] != nil
    }

    static func conditions(_ root: Any, source: String) -> [AlertCondition] {
        guard let module = ((root as? [String: Any])?["values"] as? [String: Any])?["root_module"] as? [String: Any] else {
            return []
        }
        var conditions: [AlertCondition] = []
        collect(module, source: source, into: &conditions)
        return conditions
    }

    private static func collect(_ module: [String: Any], source: String, into conditions: inout [AlertCondition]) {
        for item in module["resources"] as? [Any] ?? [] {
            guard let resource = item as? [String: Any], resource["type"] as? String == resourceType,
                  let values = resource["values"] as? [String: Any]
            else { continue }
            let address = resource["address"] as? String ?? "\(source) resource \(conditions.count + 1)"
            conditions.append(condition(values, fallbackName: address))
        }
        for child in module["child_modules"] as? [Any] ?? [] {
            if let child = child as? [String: Any] { collect(child, source: source, into: &conditions) }
        }
    }

    static func condition(_ values: [String: Any], fallbackName: String) -> AlertCondition {
        let name = (ConditionSettingValue.text(values["name"])?.trimmingCharacters(in: .whitespaces))
            .flatMap { $0.isEmpty ? nil : $0 } ?? fallbackName
        let nrql = (values["nrql"] as? [Any])?.first as? [String: Any]
        let query = ConditionSettingValue.text(nrql?["query"])?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var condition = AlertCondition(name: name, nrql: query, critical: nil)
        condition.policy = ConditionSettingValue.text(values["policy_id"])
        var problems: [String] = []
        if query.isEmpty { problems.append("it has no nrql.query") }
        if let type = ConditionSettingValue.word(values["type"]) {
            if let known = ConditionType(rawValue: type) { condition.type = known } else {
                problems.append("its type '\(type)' is not static, baseline or outlier")
            }
        }
        if let enabled = ConditionSettingValue.flag(values["enabled"]) { condition.enabled = enabled }
        if let window = ConditionSettingValue.seconds(values["aggregation_window"]) { condition.windowSeconds = window }
        condition.slideBySeconds = ConditionSettingValue.seconds(values["slide_by"])
        switch ConditionSettingValue.word(values["fill_option"]) {
        case nil, "none": break
        case "last_value": condition.fill = .lastValue
        case "static": condition.fill = .static(ConditionSettingValue.number(values["fill_value"]) ?? 0)
        case let other?: problems.append("its fill_option '\(other)' is not none, static or last_value")
        }
        if let method = ConditionSettingValue.word(values["aggregation_method"]) {
            if let known = AggregationMethod(rawValue: method) { condition.aggregationMethod = known } else {
                problems.append("its aggregation_method '\(method)' is not event_flow, event_timer or cadence")
            }
        }
        condition.aggregationDelaySeconds = ConditionSettingValue.seconds(values["aggregation_delay"])
        condition.aggregationTimerSeconds = ConditionSettingValue.seconds(values["aggregation_timer"])
        condition.expirationSeconds = ConditionSettingValue.seconds(values["expiration_duration"])
        condition.openOnExpiration = ConditionSettingValue.flag(values["open_violation_on_expiration"]) ?? false
        condition.closeOnExpiration = ConditionSettingValue.flag(values["close_violations_on_expiration"]) ?? false
        if let limit = ConditionSettingValue.seconds(values["violation_time_limit_seconds"]) {
            condition.violationTimeLimitSeconds = limit
        }
        var blocks: [(String, [String: Any])] = []
        for priority in ["critical", "warning"] {
            if let block = (values[priority] as? [Any])?.first as? [String: Any] { blocks.append((priority, block)) }
        }
        for item in values["term"] as? [Any] ?? [] {
            guard let block = item as? [String: Any] else { continue }
            blocks.append((ConditionSettingValue.word(block["priority"]) ?? "critical", block))
        }
        for (priority, block) in blocks {
            let duration = ConditionSettingValue.isAbsent(block["threshold_duration"])
                ? (ConditionSettingValue.number(block["duration"]).map { $0 * 60 } as Any?) : block["threshold_duration"]
            let read = ConditionTermReader.threshold(
                operator: block["operator"], value: block["threshold"], duration: duration,
                occurrences: block["threshold_occurrences"], windowSeconds: condition.windowSeconds)
            ConditionTermReader.add(read, priority: priority, to: &condition, problems: &problems)
        }
        ConditionTermReader.finish(&condition, problems: problems)
        return condition
    }
}
