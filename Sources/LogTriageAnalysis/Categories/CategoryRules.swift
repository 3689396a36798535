import LogTriageModel

/// The ordered rules, the per-category policies and the service owners: everything needed to turn
/// evidence into a ``Classification``.
///
/// The first matching rule wins; `triage.yml` rules come before the built-in ones so a user can
/// correct any built-in decision. Where no rule matches the answer is `other`, never a guess.
/// Callers classify once per cluster and cache the result, so matching is a plain linear scan.
public struct CategoryRules: Sendable, Hashable {
    public var rules: [CategoryRule]
    public var policies: [Category: CategoryPolicy]
    /// Service → owning team, for categories whose team is ``TeamAssignment/owningTeam``.
    public var teams: [String: String]

    public init(rules: [CategoryRule], policies: [Category: CategoryPolicy] = [:], teams: [String: String] = [:]) {
        self.rules = rules
        self.policies = policies
        self.teams = teams
    }

    /// The category of the evidence from `service`, with the rule that decided and its policy.
    public func classify(_ evidence: ExceptionEvidence, service: String?) -> Classification {
        classify(PreparedEvidence(evidence), service: service)
    }

    /// The same, for a caller that reads the prepared evidence again afterwards.
    func classify(_ prepared: PreparedEvidence, service: String?) -> Classification {
        for rule in rules {
            guard let found = rule.match(prepared, service: service) else { continue }
            return classification(for: rule.category, service: service, rule: rule.name,
                                  reason: "\(rule.name): \(found.joined(separator: ", "))")
        }
        return classification(for: .other, service: service, rule: nil)
    }

    /// The policy of `category` resolved for `service`, for categories assigned without rules
    /// (`slow`, from the latency threshold) and for rules' results alike.
    /// `reason` is the evidence that decided, nil when nothing did.
    public func classification(for category: Category, service: String?, rule: String? = nil,
                               reason: String? = nil) -> Classification {
        let policy = policy(for: category)
        let team: String = switch policy.team {
        case .owningTeam: owningTeam(of: service)
        case let .named(name): name
        }
        return Classification(category: category, rule: rule, team: team, tier: policy.tier,
                              retryable: policy.retryable, runbook: policy.runbook, actionable: policy.actionable,
                              reason: reason)
    }

    /// The configured policy, or ``CategoryPolicy/fallback(for:)``.
    public func policy(for category: Category) -> CategoryPolicy {
        policies[category] ?? .fallback(for: category)
    }

    /// The team that owns `service`: its `teams:` entry, else the service name itself (services
    /// are usually named after what a team owns), else `unowned` when the record has no service.
    public func owningTeam(of service: String?) -> String {
        guard let service, !service.isEmpty else { return Self.unownedTeam }
        return teams[service] ?? service
    }

    /// The team of findings whose records name no service.
    public static let unownedTeam = "unowned"
}
