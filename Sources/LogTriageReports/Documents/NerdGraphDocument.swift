import LogTriageModel
import LogTriageAlerts

/// `alerts-nerdgraph.json`: the proposals as NerdGraph mutation input, for teams that apply
/// conditions through the API or the New Relic CLI rather than Terraform, with the same
/// structure as alerts.tf: a policy per team, the conditions in their team's policy, a
/// channel per team, tier and destination kind, a workflow per team and tier, and the moves of
/// kept conditions that page the wrong team.
///
/// Each list pairs with the mutation of the same name at the top. Ids New Relic hands out are
/// placeholders to replace in order: `${ACCOUNT_ID}`; `${POLICY_ID_<TEAM>}` from
/// `alertsPolicyCreate`; `${DESTINATION_ID_<TEAM>_<KIND>}`, the team's own destinations (with
/// their credentials, created in New Relic); `${CHANNEL_ID_<TEAM>_<TIER>_<KIND>}` from
/// `aiNotificationsCreateChannel`; `${CONDITION_ID_<NAME>}` for a condition to move. For
/// example, a condition:
/// `newrelic nerdgraph query "$(jq -r .mutation alerts-nerdgraph.json)" --variables "$(jq -c '.conditions[0]' alerts-nerdgraph.json)"`.
/// Written by hand (keys in a fixed order, numbers as NRQL prints them) so the same review
/// gives the same bytes.
public struct NerdGraphDocument {
    public let review: AlertReview

    public init(review: AlertReview) { self.review = review }

    public static let mutation = "mutation($accountId: Int!, $policyId: ID!, $condition: AlertsNrqlConditionStaticInput!) "
        + "{ alertsNrqlConditionStaticCreate(accountId: $accountId, policyId: $policyId, condition: $condition) { id name } }"
    public static let policyMutation = "mutation($accountId: Int!, $policy: AlertsPolicyInput!) "
        + "{ alertsPolicyCreate(accountId: $accountId, policy: $policy) { id name } }"
    public static let channelMutation = "mutation($accountId: Int!, $channel: AiNotificationsChannelInput!) "
        + "{ aiNotificationsCreateChannel(accountId: $accountId, channel: $channel) { channel { id name } error { ... on AiNotificationsResponseError { description } } } }"
    public static let workflowMutation = "mutation($accountId: Int!, $workflow: AiWorkflowsCreateWorkflowInput!) "
        + "{ aiWorkflowsCreateWorkflow(accountId: $accountId, createWorkflowData: $workflow) { workflow { id name } errors { description type } } }"
    public static let deleteMutation = "mutation($accountId: Int!, $id: ID!) { alertsConditionDelete(accountId: $accountId, id: $id) { id } }"

    public func rendered() -> String {
        let terraform = TerraformDocument(review: review)
        let teams = terraform.teams
        let routing = review.routing
        var conditions: [String] = []
        for row in terraform.proposals {
            guard let team = row.route else { continue }
            conditions.append(Self.variables(row, team: team))
        }
        var moves: [String] = []
        for row in terraform.moves {
            guard let team = row.moveTo, let condition = row.condition else { continue }
            var moved = row
            moved.nrql = condition.nrql
            moved.windowSeconds = condition.windowSeconds
            moved.slideBySeconds = condition.slideBySeconds
            moved.critical = condition.critical
            moved.warning = condition.warning
            moved.action = .keep
            moved.replaces = nil
            moved.route = team
            conditions.append(Self.variables(moved, team: team))
            moves.append("""
                    {"condition": \(Self.string(row.name)), "from": \(Self.string(row.route ?? "")), "to": \(Self.string(team)), \
                "delete": {"accountId": "${ACCOUNT_ID}", "id": \(Self.string("${CONDITION_ID_\(Self.placeholder(row.name))}"))}, \
                "create": {"conditionIndex": \(conditions.count - 1)}}
                """)
        }
        var policies: [String] = []
        var channels: [String] = []
        var workflows: [String] = []
        for team in teams {
            let key = Self.placeholder(team)
            policies.append("""
                    {"team": \(Self.string(team)), "accountId": "${ACCOUNT_ID}", "policy": {"name": \(Self.string(team)), \
                "incidentPreference": "PER_CONDITION_AND_TARGET"}}
                """)
            for tier in Tier.allCases {
                let kinds = routing.kinds(for: tier)
                guard !kinds.isEmpty else { continue }
                var channelIds: [String] = []
                for kind in kinds {
                    let service = routing.service(kind, team: team)
                    let channelId = "${CHANNEL_ID_\(key)_\(tier.rawValue.uppercased())_\(kind.rawValue.uppercased())}"
                    channelIds.append(channelId)
                    channels.append("""
                            {"team": \(Self.string(team)), "tier": "\(tier.rawValue)", "kind": "\(kind.rawValue)", "id": \(Self.string(channelId)), \
                        "accountId": "${ACCOUNT_ID}", "channel": {"name": \(Self.string("\(team) \(tier.rawValue) (\(service.displayName))")), \
                        "type": "\(TerraformRouting.channelType(service))", "product": "IINT", \
                        "destinationId": \(Self.string("${DESTINATION_ID_\(key)_\(kind.rawValue.uppercased())}")), \
                        "properties": [\(Self.properties(service, team: key))]}}
                        """)
                }
                let destinations = channelIds.map { "{\"channelId\": \(Self.string($0))}" }.joined(separator: ", ")
                workflows.append("""
                        {"team": \(Self.string(team)), "tier": "\(tier.rawValue)", "accountId": "${ACCOUNT_ID}", "workflow": {\
                    "name": \(Self.string("\(team) \(tier.rawValue)")), "mutingRulesHandling": "NOTIFY_ALL_ISSUES", \
                    "issuesFilter": {"name": \(Self.string("\(team) \(tier.rawValue) issues")), "type": "FILTER", "predicates": [\
                    {"attribute": "labels.policyIds", "operator": "EXACTLY_MATCHES", "values": [\(Self.string("${POLICY_ID_\(key)}"))]}, \
                    {"attribute": "priority", "operator": "EQUAL", "values": ["\(TerraformRouting.priority(tier))"]}]}, \
                    "destinationConfigurations": [\(destinations)]}}
                    """)
            }
        }
        func list(_ items: [String]) -> String { items.isEmpty ? "[]" : "[\n" + items.joined(separator: ",\n") + "\n  ]" }
        return """
            {
              "mutation": \(Self.string(Self.mutation)),
              "policyMutation": \(Self.string(Self.policyMutation)),
              "channelMutation": \(Self.string(Self.channelMutation)),
              "workflowMutation": \(Self.string(Self.workflowMutation)),
              "deleteMutation": \(Self.string(Self.deleteMutation)),
              "policies": \(list(policies)),
              "conditions": \(list(conditions)),
              "channels": \(list(channels)),
              "workflows": \(list(workflows)),
              "moves": \(list(moves))
            }

            """
    }

    /// `client-services` → `CLIENT_SERVICES`, for placeholders.
    static func placeholder(_ name: String) -> String {
        TerraformDocument.identifier(name, prefix: "x_").uppercased()
    }

    /// The channel properties a service needs, with placeholders for what the team fills in.
    static func properties(_ service: AlertRouting.Service, team: String) -> String {
        func property(_ key: String, _ value: String) -> String { "{\"key\": \"\(key)\", \"value\": \(string(value))}" }
        switch service {
        case .pagerduty: return property("summary", "{{ annotations.title.[0] }}")
        case .slack: return property("channelId", "${SLACK_CHANNEL_ID_\(team)}")
        case .teams:
            return property("teamId", "${TEAMS_TEAM_ID_\(team)}") + ", " + property("channelId", "${TEAMS_CHANNEL_ID_\(team)}")
        case .email: return property("subject", "{{ issueTitle }}")
        case .opsgenie, .webhook:
            return property("payload", "{\n  \"message\": {{ json issueTitle }},\n  \"priority\": {{ json priority }},\n  \"issueUrl\": {{ json issuePageUrl }}\n}")
        }
    }

    private static func variables(_ row: ConditionReview, team: String) -> String {
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
                  "team": \(string(team)),
                  "accountId": "${ACCOUNT_ID}",
                  "policyId": \(string("${POLICY_ID_\(placeholder(team))}")),
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
