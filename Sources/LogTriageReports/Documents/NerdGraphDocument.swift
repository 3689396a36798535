import LogTriageAlerts

/// `alerts-nerdgraph.json`: the proposals as NerdGraph mutation input, for teams that apply
/// conditions through the API or the New Relic CLI rather than Terraform.
///
/// One `mutation` text (`alertsNrqlConditionStaticCreate`) and, per proposal New Relic would
/// accept, the `variables` to send with it: `accountId` and `policyId` are placeholders
/// (`${ACCOUNT_ID}`, `${POLICY_ID}`) to replace, `condition` is the
/// `AlertsNrqlConditionStaticInput` with the same settings as alerts.tf. For example:
/// `newrelic nerdgraph query "$(jq -r .mutation alerts-nerdgraph.json)" --variables "$(jq -c '.conditions[0]' alerts-nerdgraph.json)"`.
/// Written by hand (keys in a fixed order, numbers as NRQL prints them) so the same review
/// gives the same bytes.
public struct NerdGraphDocument {
    public let review: AlertReview

    public init(review: AlertReview) { self.review = review }

    public static let mutation = "mutation($accountId: Int!, $policyId: ID!, $condition: AlertsNrqlConditionStaticInput!) "
        + "{ alertsNrqlConditionStaticCreate(accountId: $accountId, policyId: $policyId, condition: $condition) { id name } }"

    public func rendered() -> String {
        let conditions = review.proposed.filter { ProposalLimits.problems($0).isEmpty }.map(Self.variables)
        var text = "{\n  \"mutation\": \(Self.string(Self.mutation)),\n  \"conditions\": ["
        text += conditions.isEmpty ? "]\n}\n" : "\n" + conditions.joined(separator: ",\n") + "\n  ]\n}\n"
        return text
    }

    private static func variables(_ row: ConditionReview) -> String {
        var terms: [String] = []
        for (priority, term) in [("CRITICAL", row.critical), ("WARNING", row.warning)] {
            guard let term else { continue }
            terms.append("""
                        {"priority": "\(priority)", "operator": "\(term.operator.rawValue.uppercased())", \
                "threshold": \(NRQLValue.format(term.value)), "thresholdDuration": \(term.durationSeconds), \
                "thresholdOccurrences": "\(term.occurrences == .all ? "ALL" : "AT_LEAST_ONCE")"}
                """)
        }
        var fill = row.fillsZero ? "\"fillOption\": \"STATIC\", \"fillValue\": 0" : "\"fillOption\": \"NONE\""
        if let slide = row.slideBySeconds { fill += ", \"slideBy\": \(slide)" }
        var description = row.action.rawValue
        if let replaced = row.replaces { description += " (replaces \(replaced))" }
        if let route = row.route { description += "; route to \(route)" }
        if !row.chronicExclusions.isEmpty {
            description += "; leaves out chronic billers \(row.chronicExclusions.joined(separator: ", ")) (chronic.csv): remove each once fixed"
        }
        return """
                {
                  "accountId": "${ACCOUNT_ID}",
                  "policyId": "${POLICY_ID}",
                  "condition": {
                    "name": \(string(row.name)),
                    "description": \(string(description)),
                    "enabled": true,
                    "nrql": {"query": \(string(row.nrql))},
                    "valueFunction": "SINGLE_VALUE",
                    "violationTimeLimitSeconds": \(ProposalSettings.violationTimeLimitSeconds),
                    "signal": {"aggregationWindow": \(row.windowSeconds), "aggregationMethod": "EVENT_TIMER", \
            "aggregationTimer": \(ProposalSettings.aggregationTimerSeconds), \(fill)},
                    "terms": [
            \(terms.joined(separator: ",\n"))
                    ]
                  }
                }
            """
    }

    /// A JSON string literal.
    static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(control.value, radix: 16).count)
                    + String(control.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
