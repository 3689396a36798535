import LogTriageBasics
import LogTriageAlerts

/// `alerts.tf`: one `newrelic_nrql_alert_condition` per proposed condition New Relic would
/// accept (``ProposalLimits``), ready for `terraform init` and `terraform plan` once
/// `policy_id` is set: it declares its provider (`newrelic/newrelic`).
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

    public func rendered() -> String {
        var text = """
            # Proposed New Relic alert conditions, written by logtriage from the week's backtest.
            # Each resource replaces or adds the condition named in its description (see alerts.csv).

            terraform {
              required_providers {
                newrelic = {
                  source = "newrelic/newrelic"
                }
              }
            }

            variable "policy_id" {
              description = "Id of the New Relic alert policy the proposed conditions belong to."
              type        = number
            }

            """
        var used = UniqueNames()
        for row in review.proposed where ProposalLimits.problems(row).isEmpty {
            text += "\n" + resource(row, name: Self.uniqueName(row.name, used: &used))
        }
        return text
    }

    private func resource(_ row: ConditionReview, name: String) -> String {
        var lines: [String] = []
        if !row.chronicExclusions.isEmpty {
            lines.append("# Leaves out billers \(row.chronicExclusions.joined(separator: ", ")): their failures are chronic (chronic.csv),")
            lines.append("# a ticket for their owner, not a page. Remove each from the NOT IN list once it is fixed.")
        }
        lines += [
            "resource \"newrelic_nrql_alert_condition\" \"\(name)\" {",
            "  policy_id                    = var.policy_id",
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
        for (block, term) in [("critical", row.critical), ("warning", row.warning)] {
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
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
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
        if base.isEmpty || !(base.first!.isLetter) { base = "condition_" + base }
        return used.claim(base) { "\($0)_\($1)" }
    }
}
