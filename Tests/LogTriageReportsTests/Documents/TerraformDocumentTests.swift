import Foundation
import Testing
@testable import LogTriageAlerts
@testable import LogTriageReports

@Suite("Reports: alerts.tf")
struct TerraformDocumentTests {
    static func row(_ name: String, critical: AlertThreshold?, warning: AlertThreshold?, fillsZero: Bool) -> ConditionReview {
        ConditionReview(name: name, kind: .proposed, action: .add, tier: critical == nil ? "warning" : "critical",
                        route: "sync", nrql: "SELECT filter(count(*), WHERE error.class = 'a\"b') FROM Log WHERE message LIKE '${x}%'",
                        windowSeconds: 300, critical: critical, warning: warning, fillsZero: fillsZero,
                        figures: BacktestFigures(), incidents: [], caught: [], missed: [], notes: [], replaces: nil,
                        chart: nil)
    }

    @Test func everyProposalIsAResourceWithItsOperatorSet() {
        let term = AlertThreshold(operator: .aboveOrEquals, value: 2.5, durationSeconds: 600)
        let review = AlertReview(current: [], proposed: [
            Self.row("sync: failures!", critical: term, warning: nil, fillsZero: true),
            Self.row("sync: failures?", critical: nil, warning: term, fillsZero: false),
        ], episodes: [], coverageGaps: [])
        let text = TerraformDocument(review: review).rendered()
        #expect(text.components(separatedBy: "resource \"newrelic_nrql_alert_condition\"").count == 3)
        #expect(text.contains("\"sync_failures\""))
        #expect(text.contains("\"sync_failures_2\""))
        #expect(text.components(separatedBy: "operator              = \"above_or_equals\"").count == 3)
        #expect(text.contains("threshold_duration    = 600"))
        // Both in the policy of their team (route: sync), which the file declares.
        #expect(text.components(separatedBy: "policy_id                    = newrelic_alert_policy.sync.id").count == 3)
        #expect(text.contains("resource \"newrelic_alert_policy\" \"sync\""))
        #expect(!text.contains("var.policy_id"))
        #expect(text.contains("fill_value                   = 0"))
        #expect(text.contains("critical {") && text.contains("warning {"))
        // Braces balance outside strings.
        var depth = 0, inString = false, escaped = false
        for character in text {
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" { inString = true } else if character == "{" { depth += 1 } else if character == "}" {
                depth -= 1
                #expect(depth >= 0)
            }
        }
        #expect(depth == 0 && !inString)
    }

    @Test func stringsAreEscapedForHCL() {
        #expect(TerraformDocument.string("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"")
        #expect(TerraformDocument.string("${var} and %{if}") == "\"$${var} and %%{if}\"")
        #expect(TerraformDocument.string("cost $5 {x}") == "\"cost $5 {x}\"")
        // Scalar by scalar: CR LF is two line breaks to HCL, a combining mark after `{` does
        // not hide a template, and control characters are escapes, never raw.
        #expect(TerraformDocument.string("a\r\nb") == "\"a\\r\\nb\"")
        #expect(TerraformDocument.string("${\u{301}x}") == "\"$${\u{301}x}\"")
        #expect(TerraformDocument.string("$${x} %%{y}") == "\"$$${x} %%%{y}\"")
        #expect(TerraformDocument.string("bell\u{7}") == "\"bell\\u0007\"")
    }
}
