import Testing
import LogTriageModel

/// Who is told about what: the default routing pages only on critical, a team's own services
/// replace the defaults for that team alone, and a tier routed nowhere says so.
@Suite struct AlertRoutingTests {
    @Test func byDefaultCriticalPagesAndWarningGoesToChat() {
        let routing = AlertRouting()
        #expect(routing.pages(.critical))
        #expect(!routing.pages(.warning))
        #expect(routing.destination(team: "payments", tier: .critical) == "PagerDuty")
        #expect(routing.destination(team: "payments", tier: .warning) == "Slack")
    }

    @Test func aTeamsOwnServicesApplyToThatTeamOnly() {
        var routing = AlertRouting()
        routing.teams["integrations"] = [.paging: .opsgenie, .chat: .teams]
        #expect(routing.destination(team: "integrations", tier: .critical) == "Opsgenie")
        #expect(routing.destination(team: "integrations", tier: .warning) == "Microsoft Teams")
        #expect(routing.destination(team: "payments", tier: .critical) == "PagerDuty")
        #expect(routing.service(.email, team: "integrations") == .email)
    }

    @Test func kindsAreListedInKindOrderWhateverTheConfiguredOrder() {
        var routing = AlertRouting()
        routing.tiers[.critical] = [.email, .chat, .paging]
        #expect(routing.kinds(for: .critical) == [.paging, .chat, .email])
        #expect(routing.destination(team: "t", tier: .critical) == "PagerDuty and Slack and e-mail")
    }

    @Test func aTierRoutedNowherePagesNobody() {
        var routing = AlertRouting()
        routing.tiers[.critical] = []
        routing.tiers[.warning] = nil
        #expect(!routing.pages(.critical))
        #expect(routing.destination(team: "t", tier: .critical) == "nobody")
        #expect(routing.destination(team: "t", tier: .warning) == "nobody")
    }

    /// A kind with no service configured anywhere falls back to the service its name implies.
    @Test func aKindWithoutAServiceFallsBackByKind() {
        var routing = AlertRouting()
        routing.services = [:]
        #expect(routing.service(.paging, team: "t") == .pagerduty)
        #expect(routing.service(.chat, team: "t") == .slack)
        #expect(routing.service(.email, team: "t") == .email)
    }
}
