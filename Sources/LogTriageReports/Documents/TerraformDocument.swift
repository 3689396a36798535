import LogTriageBasics
import LogTriageModel
import LogTriageAlerts

/// `alerts.tf`: the proposals applied the way New Relic routes: one `newrelic_alert_policy`
/// per team holding that team's conditions, one `newrelic_workflow` per team and tier sending
/// the policy's issues of that priority to the kinds of destination the tier uses
/// (`routing:`), a `newrelic_notification_channel` per workflow and destination, and the
/// destinations themselves as variables a team fills in with the id of a notification
/// destination it created in New Relic (credentials stay there: nothing secret is written).
/// Current conditions kept but paging the wrong team are moved, not copied: an `import` block
/// takes the existing condition (its id a variable) into a resource in the owner's policy, and
/// since `policy_id` forces a new resource, Terraform replaces it there.
///
/// Every term states its `operator` (the provider's default, `equals`, is almost never
/// meant). The signal settings are the ones the backtest replayed (``ProposalSettings``):
/// counts fill quiet windows with a static 0, so a quiet window closes an incident as in the
/// backtest; ratios are left without fill, as an empty window has no ratio, and without loss
/// of signal, so an incident of a service that stops calling stays open until calls return
/// below the threshold or the one-day time limit closes it. `event_timer` aggregation suits
/// sparse log signals.
public struct TerraformDocument {
    public let review: AlertReview

    public init(review: AlertReview) { self.review = review }

    /// The conditions the file writes: proposals New Relic would accept, then the moves.
    var proposals: [ConditionReview] { review.proposed.filter { ProposalLimits.problems($0).isEmpty } }
    var moves: [ConditionReview] { review.current.filter { $0.moveTo != nil && $0.condition != nil } }

    /// The teams with a condition in the file, sorted.
    var teams: [String] {
        Array(Set(proposals.compactMap(\.route) + moves.compactMap(\.moveTo))).sorted()
    }

    public func rendered() -> String {
        var text = """
            # Proposed New Relic alert conditions, written by logtriage from the week's backtest.
            # Each team's conditions go in its own policy, and each tier of its issues to the
            # destinations routing: names (see report.md and routing.csv). Fill in the variables with
            # the ids of notification destinations created in New Relic; no secret is written here.
            # Each condition resource replaces or adds the condition named in its description (see alerts.csv).

            terraform {

            """
        if !moves.isEmpty {
            text += "  # import blocks whose id is a variable need Terraform 1.6.\n  required_version = \">= 1.6\"\n"
        }
        text += """
              required_providers {
                newrelic = {
                  source = "newrelic/newrelic"
                }
              }
            }

            """
        let routing = TerraformRouting(routing: review.routing, teams: teams)
        text += routing.rendered()
        var used = UniqueNames()
        for row in proposals {
            guard let team = row.route else { continue }
            text += "\n" + resource(row, name: Self.uniqueName(row.name, used: &used),
                                    policy: routing.policyReference(team))
        }
        for row in moves {
            guard let team = row.moveTo, let condition = row.condition else { continue }
            let name = Self.uniqueName(row.name, used: &used)
            text += "\n" + move(row, condition: condition, name: name, policy: routing.policyReference(team), team: team)
        }
        return text
    }

    private func resource(_ row: ConditionReview, name: String, policy: String) -> String {
        var lines: [String] = []
        if !row.chronicExclusions.isEmpty {
            lines.append("# Leaves out billers \(row.chronicExclusions.joined(separator: ", ")): their failures are chronic (chronic.csv),")
            lines.append("# a ticket for their owner, not a page. Remove each from the NOT IN list once it is fixed.")
        }
        lines += [
            "resource \"newrelic_nrql_alert_condition\" \"\(name)\" {",
            "  policy_id                    = \(policy)",
            "  type                         = \"static\"",
            "  name                         = \(Self.string(row.name))",
            "  description                  = \(Self.string(Self.description(row)))",
            "  enabled                      = true",
            "  violation_time_limit_seconds = \(ProposalSettings.violationTimeLimitSeconds)",
            "  aggregation_window           = \(row.windowSeconds)",
            "  aggregation_method           = \"event_timer\"",
            "  aggregation_timer            = \(ProposalSettings.aggregationTimerSeconds)",
        ]
        if let slide = row.slideBySeconds {
            lines.append("  slide_by                     = \(slide)")
        }
        if row.fillsZero {
            lines += ["  fill_option                  = \"static\"", "  fill_value                   = 0"]
        } else {
            lines.append("  fill_option                  = \"none\"")
        }
        lines += ["", "  nrql {", "    query = \(Self.string(row.nrql))", "  }"]
        lines += Self.terms(critical: row.critical, warning: row.warning)
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A current condition moved to `team`'s policy: imported from where it is, written with
    /// every setting it had.
    private func move(_ row: ConditionReview, condition: AlertCondition, name: String, policy: String, team: String) -> String {
        let variable = name + "_condition_id"
        var lines = [
            "# Moves '\(Self.comment(row.name))' from \(Self.comment(row.route ?? "no route")) to \(Self.comment(team)): imported from its current policy,",
            "# then replaced in \(Self.comment(team))'s (policy_id forces a new condition), so it is not copied.",
            "variable \"\(variable)\" {",
            "  description = \(Self.string("Import id of the current condition '\(row.name)': <policy_id>:<condition_id>:static (terraform import format)."))",
            "  type        = string",
            "}",
            "",
            "import {",
            "  to = newrelic_nrql_alert_condition.\(name)",
            "  id = var.\(variable)",
            "}",
            "",
            "resource \"newrelic_nrql_alert_condition\" \"\(name)\" {",
            "  policy_id                    = \(policy)",
            "  type                         = \"static\"",
            "  name                         = \(Self.string(condition.name))",
            "  description                  = \(Self.string("kept; moved from \(row.route ?? "no route") to \(team)"))",
            "  enabled                      = \(condition.enabled)",
            "  violation_time_limit_seconds = \(condition.violationTimeLimitSeconds)",
            "  aggregation_window           = \(condition.windowSeconds)",
            "  aggregation_method           = \"\(condition.aggregationMethod.rawValue)\"",
        ]
        switch condition.aggregationMethod {
        case .eventTimer:
            lines.append("  aggregation_timer            = \(condition.aggregationTimerSeconds ?? 60)")
        case .eventFlow, .cadence:
            lines.append("  aggregation_delay            = \(condition.aggregationDelaySeconds ?? 120)")
        }
        if let slide = condition.slideBySeconds { lines.append("  slide_by                     = \(slide)") }
        lines.append("  fill_option                  = \"\(condition.fill.name)\"")
        if case let .static(value) = condition.fill { lines.append("  fill_value                   = \(NRQLValue.format(value))") }
        if let expiration = condition.expirationSeconds {
            lines += [
                "  expiration_duration            = \(expiration)",
                "  open_violation_on_expiration   = \(condition.openOnExpiration)",
                "  close_violations_on_expiration = \(condition.closeOnExpiration)",
            ]
        }
        lines += ["", "  nrql {", "    query = \(Self.string(condition.nrql))", "  }"]
        lines += Self.terms(critical: condition.critical, warning: condition.warning)
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func terms(critical: AlertThreshold?, warning: AlertThreshold?) -> [String] {
        var lines: [String] = []
        for (block, term) in [("critical", critical), ("warning", warning)] {
            guard let term else { continue }
            lines += [
                "", "  \(block) {",
                "    operator              = \"\(term.operator.rawValue)\"",
                "    threshold             = \(NRQLValue.format(term.value))",
                "    threshold_duration    = \(term.durationSeconds)",
                "    threshold_occurrences = \"\(term.occurrences == .all ? "all" : "at_least_once")\"",
                "  }",
            ]
        }
        return lines
    }

    private static func description(_ row: ConditionReview) -> String {
        var text = "\(row.action.rawValue)"
        if let replaced = row.replaces { text += " (replaces \(replaced))" }
        if let route = row.route { text += "; route to \(route)" }
        if !row.chronicExclusions.isEmpty {
            text += "; leaves out chronic billers \(row.chronicExclusions.joined(separator: ", ")) (chronic.csv): remove each once fixed"
        }
        return text
    }

    /// Text safe inside a `#` comment: one line.
    static func comment(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// An HCL quoted string: backslash, quote and control characters escaped, and `${` / `%{`
    /// doubled so Terraform does not read a template.
    ///
    /// Read scalar by scalar, as HCL does: a CR LF pair is one Swift character but two line
    /// breaks to HCL, and a `{` followed by a combining mark still opens a template.
    static func string(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\"": out.append(contentsOf: "\\\"".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "{" where previous == "$" || previous == "%":
                out.append(previous!)
                out.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            default:
                out.append(scalar)
            }
            previous = scalar
        }
        return "\"" + String(out) + "\""
    }

    /// A Terraform identifier from a condition name: lower-case letters, digits and `_`,
    /// starting with a letter, made unique with a numeric suffix.
    static func uniqueName(_ name: String, used: inout UniqueNames) -> String {
        used.claim(identifier(name)) { "\($0)_\($1)" }
    }

    /// `name` as a Terraform identifier (lower-case letters, digits, `_`, starting with a letter).
    static func identifier(_ name: String, prefix: String = "condition_") -> String {
        var base = ""
        for scalar in name.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                base.unicodeScalars.append(scalar)
            } else if !base.hasSuffix("_") {
                base += "_"
            }
        }
        base = String(base.drop { $0 == "_" })
        while base.hasSuffix("_") { base.removeLast() }
        if base.isEmpty || !(base.first!.isLetter) { base = prefix + base }
        return base
    }
}
