import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriageReports
@testable import LogTriageSample
@testable import LogTriage
@testable import LogTriageBasics
@testable import LogTriageModel

@Suite("Routing: the routing: section of triage.yml")
struct RoutingConfigurationTests {
    func routing(_ yaml: String) throws -> AlertRouting {
        var configuration = try TriageConfiguration.defaults()
        try configuration.apply(yaml: yaml, path: "triage.yml")
        return configuration.routing
    }

    @Test func theDefaultsPageOnCriticalOnlyAndAreWhatLogtriageDefaultsPrints() throws {
        let routing = try TriageConfiguration.defaults().routing
        #expect(routing == AlertRouting())
        #expect(routing.kinds(for: .critical) == [.paging] && routing.kinds(for: .warning) == [.chat])
        #expect(routing.pages(.critical) && !routing.pages(.warning))
        #expect(routing.destination(team: "anyone", tier: .critical) == "PagerDuty")
        let text = try TriageConfiguration.defaultsText()
        #expect(text.contains("\nrouting:\n") && text.contains("critical: [paging]") && text.contains("warning: [chat]"))
    }

    @Test func teamsAndTiersOverrideTheDefaults() throws {
        let routing = try routing("""
            routing:
              tiers:
                warning: [chat, email]
              services: {chat: teams}
              teams:
                client-services: {paging: opsgenie}
            """)
        #expect(routing.kinds(for: .critical) == [.paging])
        #expect(routing.kinds(for: .warning) == [.chat, .email])
        #expect(routing.service(.paging, team: "client-services") == .opsgenie)
        #expect(routing.service(.paging, team: "sre") == .pagerduty)
        #expect(routing.service(.chat, team: "sre") == .teams)
        #expect(routing.destination(team: "client-services", tier: .critical) == "Opsgenie")
        #expect(routing.destination(team: "sre", tier: .warning) == "Microsoft Teams and e-mail")
        let quiet = try self.routing("routing:\n  tiers: {warning: []}")
        #expect(quiet.destination(team: "sre", tier: .warning) == "nobody")
    }

    @Test(arguments: [
        ("routing:\n  tiers: {urgent: [paging]}", "routing.tiers.urgent"),
        ("routing:\n  tiers: {critical: [pager]}", "routing.tiers.critical"),
        ("routing:\n  services: {paging: beeper}", "routing.services.paging"),
        ("routing:\n  teams: {sre: {sms: slack}}", "routing.teams.sre.sms"),
        ("routing:\n  policies: 1", "routing.policies"),
        ("routing: 5", "'routing'"),
    ])
    func invalidValuesNameTheKey(yaml: String, key: String) {
        var text: String?
        do { _ = try routing(yaml) } catch { text = (error as? ConfigurationError)?.description }
        #expect(text?.contains(key) == true, "\(text ?? "no error")")
    }
}

/// The routing applied on a generated week: every proposal in one team's policy, a workflow
/// per team and tier, destinations only as variables, the load per team agreeing with
/// incidents.csv, and nobody paged for a category they do not own.
@Suite("Routing: policies, workflows and on-call load on a generated week", .serialized)
struct RoutingWeekTests {
    /// The sample's conditions, plus one that counts the gateway's 429s and pages SRE, though
    /// throttling is Integration's to handle: nothing replaces it, so it is kept and moved.
    static let throttling = """
        - name: gateway throttling
          nrql: "SELECT filter(count(*), WHERE error.class = 'org.springframework.web.client.HttpClientErrorException$TooManyRequests') FROM Log WHERE entity.name = 'rtd-gateway'"
          window_s: 3600
          warning: {operator: above, threshold: 1, duration_s: 3600}
          route: sre
        """

    static let week: (result: AnalysisResult, configuration: TriageConfiguration)? = {
        guard let week = AlertQualityWeekTests.week,
              let throttling = try? AlertConditionsFile.parse(yaml: throttling, path: "alerts.yml"),
              let sample = try? AlertConditionsFile.load(path: AlertQualityWeekTests.samplesFile("alerts.yml")),
              let result = try? Analysis(configuration: week.configuration, alertConditions: sample + throttling,
                                         previousWeek: week.previous).run(InputPlan(arguments: [week.logs]))
        else { return nil }
        return (result, week.configuration)
    }()

    @Test func theLoadPerTeamAndTierAgreesWithIncidentsCsv() throws {
        let review = try #require(Self.week?.result.alerts)
        let incidents = IncidentsTable.table(for: review).rows
        let table = RoutingTable.table(for: review)
        #expect(table.header == ["team", "tier", "destination", "current_incidents", "current_noise", "proposed_incidents",
                                 "proposed_noise", "actionable_failures"])
        let kept = Set(review.current.filter { $0.action == .keep }.map(\.name))
        for row in RoutingTable.rows(for: review) {
            let currentNames = Set(review.current.filter { ($0.route ?? TeamPages.unrouted) == row.team && $0.enabled }.map(\.name))
            let current = incidents.filter { $0[1] == "current" && currentNames.contains($0[0]) && $0[2] == row.tier.rawValue }
            #expect(row.currentIncidents == current.count, "\(row.team) \(row.tier) now")
            #expect(row.currentNoise == current.filter { $0[7] == "yes" }.count, "\(row.team) \(row.tier) noise now")
            let afterNames = Set(TeamPages.after(review).filter { TeamPages.team(of: $0, after: true) == row.team }.map(\.name))
            let after = incidents.filter {
                afterNames.contains($0[0]) && $0[2] == row.tier.rawValue && ($0[1] == "proposed" || kept.contains($0[0]))
            }
            #expect(row.proposedIncidents == after.count, "\(row.team) \(row.tier) after")
            #expect(row.proposedNoise == after.filter { $0[7] == "yes" }.count, "\(row.team) \(row.tier) noise after")
        }
        // Client Services: paged for its billers' new failures now, and can act on them.
        let clientServices = try #require(RoutingTable.rows(for: review).first { $0.team == "client-services" && $0.tier == .critical })
        #expect(clientServices.destination == "PagerDuty")
        #expect(clientServices.proposedIncidents > 0 && clientServices.actionableFailures > 0)
    }

    @Test func nobodyIsPagedForACategoryItDoesNotOwn() throws {
        let week = try #require(Self.week)
        let review = try #require(week.result.alerts)
        let rules = week.configuration.categoryRules
        let deadLetters = Set(week.result.outcomes.deadLetters.services.filter { $0.value.retryMismatches > 0 }.keys)
        for row in TeamPages.after(review) where row.enabled {
            let team = TeamPages.team(of: row, after: true)
            let service = try #require(["rtd-gateway", "pump-worker", "sync-consumer", "export-consumer", "autopay-runner", "billpay-web"]
                .first { row.nrql.contains("'\($0)'") })
            for incident in row.incidents where review.routing.pages(incident.tier) {
                guard let category = Category(rawValue: incident.topCategory) else { continue }
                let owner = ProposalPlan.owner(of: category, service: service, rules: rules, deadLetterServices: deadLetters)
                #expect(owner == team, "\(row.name) pages \(team) for \(category) of \(service), which \(owner) owns")
            }
        }
        // A moved endpoint or rotated credentials reach Client Services directly, and only them.
        let endpoint = review.proposed.filter { $0.nrql.contains("UnknownHostException") || $0.nrql.contains("Unauthorized") }
        #expect(!endpoint.isEmpty)
        #expect(endpoint.allSatisfy { $0.route == "client-services" && $0.tier == "critical" })
        // Dead letters after retryable errors go to the team that owns the consumer.
        #expect(deadLetters.contains("export-consumer"))
        let export = try #require(review.proposed.first { $0.nrql.contains("'export-consumer'") })
        #expect(export.route == rules.owningTeam(of: "export-consumer"))
    }

    @Test func aKeptConditionPagingTheWrongTeamMovesAndIsNotCopied() throws {
        let review = try #require(Self.week?.result.alerts)
        let throttling = try #require(review.current.first { $0.name == "gateway throttling" })
        #expect(throttling.action == .keep, "\(throttling.rationale)")
        #expect(throttling.moveTo == "integration", "\(throttling.rationale)")
        let text = TerraformDocument(review: review).rendered()
        let resources = text.components(separatedBy: "name                         = \"gateway throttling\"")
        #expect(resources.count == 2, "one resource for the moved condition")
        #expect(text.contains("import {\n  to = newrelic_nrql_alert_condition.gateway_throttling\n  id = var.gateway_throttling_condition_id\n}"))
        #expect(text.contains("required_version = \">= 1.6\""))
        let moved = try #require(text.components(separatedBy: "resource \"newrelic_nrql_alert_condition\" \"gateway_throttling\"").last)
        #expect(moved.contains("policy_id                    = newrelic_alert_policy.integration.id"))
        let nerdGraph = try #require(try JSONSerialization.jsonObject(with: Data(NerdGraphDocument(review: review).rendered().utf8))
            as? [String: Any])
        let moves = try #require(nerdGraph["moves"] as? [[String: Any]])
        #expect(moves.count == 1 && moves.first?["to"] as? String == "integration")
    }

    @Test func theTerraformHoldsAPolicyPerTeamAWorkflowPerTeamAndTierAndNoSecret() throws {
        let review = try #require(Self.week?.result.alerts)
        let text = TerraformDocument(review: review).rendered()
        let blocks = HCLBlocks(text)
        let teams = Set(review.proposed.compactMap(\.route) + review.current.compactMap(\.moveTo))
        let policies = blocks.resources("newrelic_alert_policy")
        #expect(Set(policies.compactMap { $0.arguments["name"] }) == Set(teams.map { "\"\($0)\"" }))
        #expect(policies.count == teams.count)
        // Every condition in exactly one team's policy: the one its route names.
        let policyOf = Dictionary(uniqueKeysWithValues: policies.map { ($0.name, $0.arguments["name"]!) })
        for condition in blocks.resources("newrelic_nrql_alert_condition") {
            let reference = try #require(condition.arguments["policy_id"])
            #expect(reference.hasPrefix("newrelic_alert_policy.") && reference.hasSuffix(".id"), "\(reference)")
            let policy = String(reference.dropFirst("newrelic_alert_policy.".count).dropLast(3))
            #expect(policyOf[policy] != nil, "\(reference)")
        }
        for row in review.proposed where ProposalLimits.problems(row).isEmpty {
            let resource = try #require(blocks.resources("newrelic_nrql_alert_condition")
                .first { $0.arguments["name"] == TerraformDocument.string(row.name) })
            let policy = String(resource.arguments["policy_id"]!.dropFirst("newrelic_alert_policy.".count).dropLast(3))
            #expect(policyOf[policy] == "\"\(row.route!)\"", "\(row.name)")
        }
        // One workflow per team and tier, filtered on its policy and priority, with its channels.
        let workflows = blocks.resources("newrelic_workflow")
        #expect(workflows.count == teams.count * Tier.allCases.count)
        for workflow in workflows {
            let filter = try #require(workflow.children.first { $0.type == "issues_filter" })
            let predicates = filter.children.filter { $0.type == "predicate" }
            #expect(predicates.contains { $0.arguments["attribute"] == "\"labels.policyIds\"" })
            #expect(predicates.contains {
                $0.arguments["attribute"] == "\"priority\"" && ["[\"CRITICAL\"]", "[\"HIGH\"]"].contains($0.arguments["values"] ?? "")
            })
            #expect(workflow.children.contains { $0.type == "destination" })
        }
        // Destinations only as variables: every destination id and channel id a team fills in.
        for channel in blocks.resources("newrelic_notification_channel") {
            #expect(channel.arguments["destination_id"]?.hasPrefix("var.") == true, "\(channel.name)")
        }
        let variables = blocks.blocks.filter { $0.type == "variable" }
        #expect(variables.allSatisfy { $0.arguments["default"] == nil && $0.arguments["type"] == "string" })
        let settings = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        for secret in ["api_key", "apiKey", "password", "token", "hooks.slack.com", "integration_key", "secret"] {
            #expect(!settings.contains { $0.localizedCaseInsensitiveContains(secret) }, "\(secret)")
        }
    }

    /// The provider's documented arguments (terraform-provider-newrelic v3.94.0,
    /// website/docs/r/*.html.markdown): every argument alerts.tf writes is one of them, every
    /// required one is there, and the enumerated values are documented ones.
    @Test func everyResourceUsesOnlyTheProvidersDocumentedArguments() throws {
        let review = try #require(Self.week?.result.alerts)
        let blocks = HCLBlocks(TerraformDocument(review: review).rendered())
        #expect(!blocks.resources("newrelic_nrql_alert_condition").isEmpty)
        for block in blocks.blocks where block.type == "resource" {
            let schema = try #require(ProviderSchema.resources[block.label], "\(block.label) is not a documented resource")
            schema.check(block, path: block.label)
        }
        for block in blocks.blocks where block.type == "terraform" {
            #expect(Set(block.arguments.keys).isSubset(of: ["required_version"]))
        }
        for block in blocks.blocks where block.type == "import" {
            #expect(Set(block.arguments.keys) == ["to", "id"])
        }
    }
}

/// The documented schema of the New Relic provider's resources alerts.tf writes, read from the
/// provider's own documentation (v3.94.0): argument names, nested blocks, required ones and
/// documented values.
struct ProviderSchema {
    var arguments: Set<String>
    var required: Set<String> = []
    var blocks: [String: ProviderSchema] = [:]
    var values: [String: Set<String>] = [:]

    func check(_ block: HCLBlocks.Block, path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for name in block.arguments.keys {
            #expect(arguments.contains(name), "\(path): '\(name)' is not a documented argument", sourceLocation: sourceLocation)
        }
        for name in required {
            #expect(block.arguments[name] != nil || block.children.contains { $0.type == name },
                    "\(path): required '\(name)' is missing", sourceLocation: sourceLocation)
        }
        for (name, allowed) in values {
            guard let value = block.arguments[name] else { continue }
            #expect(allowed.contains(value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))),
                    "\(path): \(name) = \(value) is not documented", sourceLocation: sourceLocation)
        }
        for child in block.children {
            guard let schema = blocks[child.type] else {
                Issue.record("\(path): block '\(child.type)' is not documented", sourceLocation: sourceLocation)
                continue
            }
            schema.check(child, path: path + "." + child.type, sourceLocation: sourceLocation)
        }
    }

    static let term = ProviderSchema(
        arguments: ["operator", "priority", "threshold", "threshold_duration", "threshold_occurrences", "duration",
                    "time_function", "disable_health_status_reporting", "disable_event_creation"],
        required: ["threshold"],
        values: ["operator": ["above", "above_or_equals", "below", "below_or_equals", "equals", "not_equals"],
                 "threshold_occurrences": ["all", "at_least_once"]])

    static let resources: [String: ProviderSchema] = [
        "newrelic_alert_policy": ProviderSchema(
            arguments: ["name", "incident_preference", "channel_ids", "account_id"], required: ["name"],
            values: ["incident_preference": ["PER_POLICY", "PER_CONDITION", "PER_CONDITION_AND_TARGET"]]),
        "newrelic_notification_channel": ProviderSchema(
            arguments: ["account_id", "name", "type", "destination_id", "product"],
            required: ["name", "type", "destination_id", "product"],
            blocks: ["property": ProviderSchema(arguments: ["key", "value", "label", "display_value"], required: ["key", "value"])],
            values: ["type": ["EMAIL", "SERVICENOW_INCIDENTS", "SERVICE_NOW_APP", "WEBHOOK", "JIRA_CLASSIC", "MOBILE_PUSH",
                              "EVENT_BRIDGE", "SLACK", "SLACK_COLLABORATION", "PAGERDUTY_ACCOUNT_INTEGRATION",
                              "PAGERDUTY_SERVICE_INTEGRATION", "MICROSOFT_TEAMS", "WORKFLOW_AUTOMATION"],
                     "product": ["DISCUSSIONS", "ERROR_TRACKING", "IINT"]]),
        "newrelic_workflow": ProviderSchema(
            arguments: ["name", "muting_rules_handling", "account_id", "enrichments_enabled", "destinations_enabled", "enabled"],
            required: ["name", "issues_filter", "muting_rules_handling", "destination"],
            blocks: [
                "issues_filter": ProviderSchema(
                    arguments: ["name", "type"], required: ["name", "type", "predicate"],
                    blocks: ["predicate": ProviderSchema(
                        arguments: ["attribute", "operator", "values"], required: ["attribute", "operator", "values"],
                        values: ["operator": ["CONTAINS", "DOES_NOT_CONTAIN", "EQUAL", "DOES_NOT_EQUAL", "STARTS_WITH", "ENDS_WITH",
                                              "LESS_OR_EQUAL", "LESS_THAN", "GREATER_OR_EQUAL", "GREATER_THAN",
                                              "EXACTLY_MATCHES", "DOES_NOT_EXACTLY_MATCH", "IS", "IS_NOT"]])],
                    values: ["type": ["FILTER"]]),
                "destination": ProviderSchema(arguments: ["channel_id", "notification_triggers", "update_original_message"],
                                              required: ["channel_id"]),
            ],
            values: ["muting_rules_handling": ["DONT_NOTIFY_FULLY_MUTED_ISSUES", "DONT_NOTIFY_FULLY_OR_PARTIALLY_MUTED_ISSUES",
                                               "NOTIFY_ALL_ISSUES"]]),
        "newrelic_nrql_alert_condition": ProviderSchema(
            arguments: ["account_id", "baseline_direction", "description", "title_template", "target_entity", "policy_id", "name",
                        "type", "runbook_url", "enabled", "violation_time_limit", "violation_time_limit_seconds", "fill_option",
                        "fill_value", "aggregation_window", "expiration_duration", "open_violation_on_expiration",
                        "close_violations_on_expiration", "ignore_on_expected_termination", "aggregation_method",
                        "aggregation_delay", "aggregation_timer", "evaluation_delay", "slide_by", "signal_seasonality"],
            required: ["policy_id", "name", "nrql"],
            blocks: ["nrql": ProviderSchema(arguments: ["query", "data_account_id", "evaluation_offset", "since_value"],
                                            required: ["query"]),
                     "critical": term, "warning": term],
            values: ["type": ["static", "baseline", "outlier"], "fill_option": ["none", "last_value", "static"],
                     "aggregation_method": ["cadence", "event_flow", "event_timer"]]),
    ]
}

/// A reader of the HCL alerts.tf writes (one argument per line, blocks opened on their own
/// line): each block's type, labels, arguments and nested blocks.
struct HCLBlocks {
    struct Block {
        var type: String
        var labels: [String]
        var arguments: [String: String] = [:]
        var children: [Block] = []
        var label: String { labels.first ?? "" }
        var name: String { labels.count > 1 ? labels[1] : "" }
    }

    var blocks: [Block] = []

    init(_ text: String) {
        var stack: [Block] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line == "}" {
                let done = stack.removeLast()
                if stack.isEmpty { blocks.append(done) } else { stack[stack.count - 1].children.append(done) }
                continue
            }
            if line.hasSuffix("{") && !line.contains("=") {
                let parts = line.dropLast().split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                stack.append(Block(type: parts.first ?? "", labels: Array(parts.dropFirst())))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value == "{" {
                // An object value (required_providers' entries): skip its lines.
                stack.append(Block(type: "=" + key, labels: []))
                continue
            }
            if !stack.isEmpty, !stack[stack.count - 1].type.hasPrefix("=") { stack[stack.count - 1].arguments[key] = value }
        }
    }

    func resources(_ type: String) -> [Block] { blocks.filter { $0.type == "resource" && $0.label == type } }
}
