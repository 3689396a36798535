import LogTriageBasics
import LogTriageModel
import LogTriageAlerts

/// The routing part of `alerts.tf`: per team a policy, per destination kind it uses a
/// variable for the destination's id (plus what the channel type needs: a Slack channel id,
/// a Teams team and channel), per team and tier a channel for each kind and a workflow that
/// sends the policy's issues of that priority to them.
///
/// New Relic gives an issue the priority of its incidents: CRITICAL for a critical term's,
/// HIGH for a warning term's; the workflows filter on it and on `labels.policyIds`. A channel
/// serves one workflow only, so each workflow has its own.
struct TerraformRouting {
    let routing: AlertRouting
    let teams: [String]

    /// Terraform identifiers of the teams, unique.
    private var identifiers: [String: String] {
        var used = UniqueNames()
        var result: [String: String] = [:]
        for team in teams { result[team] = used.claim(TerraformDocument.identifier(team, prefix: "team_")) { "\($0)_\($1)" } }
        return result
    }

    /// `newrelic_alert_policy.<team>.id`.
    func policyReference(_ team: String) -> String {
        "newrelic_alert_policy.\(identifiers[team] ?? TerraformDocument.identifier(team, prefix: "team_")).id"
    }

    /// The issue priority New Relic gives a tier's incidents.
    static func priority(_ tier: Tier) -> String { tier == .critical ? "CRITICAL" : "HIGH" }

    /// The notification channel type for a service.
    static func channelType(_ service: AlertRouting.Service) -> String {
        switch service {
        case .pagerduty: "PAGERDUTY_SERVICE_INTEGRATION"
        case .slack: "SLACK"
        case .teams: "MICROSOFT_TEAMS"
        case .email: "EMAIL"
        case .opsgenie, .webhook: "WEBHOOK"
        }
    }

    func rendered() -> String {
        let ids = identifiers
        var text = ""
        for team in teams {
            let id = ids[team]!
            text += "\n# \(TerraformDocument.comment(team)): its policy, its destinations and one workflow per tier.\n"
            text += """
                resource "newrelic_alert_policy" "\(id)" {
                  name                = \(TerraformDocument.string(team))
                  incident_preference = "PER_CONDITION_AND_TARGET"
                }

                """
            let kinds = Set(Tier.allCases.flatMap { routing.kinds(for: $0) }).sorted()
            for kind in kinds {
                let service = routing.service(kind, team: team)
                text += "\n" + variable("\(id)_\(kind.rawValue)_destination_id",
                                        "Id of the New Relic notification destination (\(service.displayName)) that \(kind == .paging ? "pages" : "tells") \(team): create it in New Relic with its credentials, then give its id here.")
                switch service {
                case .slack:
                    text += "\n" + variable("\(id)_slack_channel_id", "Slack channel id of \(team)'s alerts channel.")
                case .teams:
                    text += "\n" + variable("\(id)_teams_team_id", "Microsoft Teams team id of \(team).")
                    text += "\n" + variable("\(id)_teams_channel_id", "Microsoft Teams channel id of \(team)'s alerts channel.")
                default:
                    break
                }
            }
            for tier in Tier.allCases {
                let tierKinds = routing.kinds(for: tier)
                guard !tierKinds.isEmpty else { continue }
                for kind in tierKinds { text += "\n" + channel(team: team, id: id, tier: tier, kind: kind) }
                text += "\n" + workflow(team: team, id: id, tier: tier, kinds: tierKinds)
            }
        }
        return text
    }

    private func variable(_ name: String, _ description: String) -> String {
        """
        variable "\(name)" {
          description = \(TerraformDocument.string(description))
          type        = string
        }

        """
    }

    private func channel(team: String, id: String, tier: Tier, kind: AlertRouting.Kind) -> String {
        let service = routing.service(kind, team: team)
        var lines = [
            "resource \"newrelic_notification_channel\" \"\(id)_\(tier.rawValue)_\(kind.rawValue)\" {",
            "  name           = \(TerraformDocument.string("\(team) \(tier.rawValue) (\(service.displayName))"))",
            "  type           = \"\(Self.channelType(service))\"",
            "  destination_id = var.\(id)_\(kind.rawValue)_destination_id",
            "  product        = \"IINT\"",
        ]
        func property(_ key: String, _ value: String) {
            lines += ["", "  property {", "    key   = \"\(key)\"", "    value = \(TerraformDocument.string(value))", "  }"]
        }
        switch service {
        case .pagerduty:
            property("summary", "{{ annotations.title.[0] }}")
        case .slack:
            lines += ["", "  property {", "    key   = \"channelId\"", "    value = var.\(id)_slack_channel_id", "  }"]
        case .teams:
            lines += ["", "  property {", "    key   = \"teamId\"", "    value = var.\(id)_teams_team_id", "  }"]
            lines += ["", "  property {", "    key   = \"channelId\"", "    value = var.\(id)_teams_channel_id", "  }"]
        case .email:
            property("subject", "{{ issueTitle }}")
        case .opsgenie, .webhook:
            property("payload", "{\n  \"message\": {{ json issueTitle }},\n  \"priority\": {{ json priority }},\n  \"issueUrl\": {{ json issuePageUrl }}\n}")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func workflow(team: String, id: String, tier: Tier, kinds: [AlertRouting.Kind]) -> String {
        var lines = [
            "resource \"newrelic_workflow\" \"\(id)_\(tier.rawValue)\" {",
            "  name                  = \(TerraformDocument.string("\(team) \(tier.rawValue)"))",
            "  muting_rules_handling = \"NOTIFY_ALL_ISSUES\"",
            "",
            "  issues_filter {",
            "    name = \(TerraformDocument.string("\(team) \(tier.rawValue) issues"))",
            "    type = \"FILTER\"",
            "",
            "    predicate {",
            "      attribute = \"labels.policyIds\"",
            "      operator  = \"EXACTLY_MATCHES\"",
            "      values    = [\(policyReference(team))]",
            "    }",
            "",
            "    predicate {",
            "      attribute = \"priority\"",
            "      operator  = \"EQUAL\"",
            "      values    = [\"\(Self.priority(tier))\"]",
            "    }",
            "  }",
        ]
        for kind in kinds {
            lines += ["", "  destination {", "    channel_id = newrelic_notification_channel.\(id)_\(tier.rawValue)_\(kind.rawValue).id", "  }"]
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
