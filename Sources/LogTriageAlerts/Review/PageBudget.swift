/// Keeps each team's pages (critical incidents) per week within ``AlertTuning/maximumPagesPerTeam``.
///
/// Every proposal starts from its best candidate. While a team's proposals together page more
/// than the limit, the proposal that loses the fewest detected episodes per page saved steps
/// down to its best-ranked candidate that pages less and breaks no limit its current one
/// keeps. A team no candidate can bring under the limit keeps its best candidates, and the
/// proposals say so.
struct PageBudget {
    let limit: Int

    struct Choice {
        /// The position of the chosen candidate in the plan's ranked list.
        var index: Int
        /// Why it is not the first, in words; nil when it is, without a word to add.
        var reason: String?
    }

    func choose(_ plans: [(team: String, candidates: [ProposalTuner.Candidate])]) -> [Choice] {
        var choices = plans.map { _ in Choice(index: 0, reason: nil) }
        for team in Set(plans.map(\.team)).sorted() {
            let members = plans.indices.filter { plans[$0].team == team }
            func pages() -> Double {
                members.reduce(0) { $0 + plans[$1].candidates[choices[$1].index].quality.pagesPerWeek }
            }
            while pages() > Double(limit) {
                var best: (member: Int, index: Int, cost: Double, saved: Int)?
                for member in members {
                    let candidates = plans[member].candidates
                    let current = candidates[choices[member].index]
                    guard let next = Self.step(from: choices[member].index, in: candidates) else { continue }
                    let saved = current.quality.pages - candidates[next].quality.pages
                    let lost = max(0, current.quality.detected - candidates[next].quality.detected)
                    let cost = Double(lost) / Double(saved)
                    if best == nil || (cost, -saved) < (best!.cost, -best!.saved) {
                        best = (member, next, cost, saved)
                    }
                }
                guard let best else { break }
                choices[best.member].index = best.index
            }
            let after = pages()
            for member in members {
                if choices[member].index > 0 {
                    let first = plans[member].candidates[0].quality
                    choices[member].reason = "chosen to keep \(team)'s pages within \(limit) a week (alerts.maximumPagesPerTeam): the best-detecting candidate would page \(first.pages) times and detect \(first.detected) of \(first.episodes) episodes"
                } else if after > Double(limit) {
                    choices[member].reason = "\(team)'s proposals page \(Self.format(after)) times a week, over its limit of \(limit) (alerts.maximumPagesPerTeam): no candidate pages less without breaking another limit"
                }
            }
        }
        return choices
    }

    /// The candidates ``choose(_:)`` can ever pick for one plan, in their order: the best, and
    /// from each the first that pages less without breaking more limits. Every plan is tuned
    /// before any is chosen, so keeping only these (not every candidate with its incidents)
    /// bounds the review's memory by plans, not by the grid of candidates; the choice is the
    /// same, as every step is taken from the first candidate of this chain that qualifies.
    static func reachable(_ candidates: [ProposalTuner.Candidate]) -> [ProposalTuner.Candidate] {
        guard !candidates.isEmpty else { return [] }
        var kept: Set<Int> = [0]
        var current = 0
        while let next = step(from: current, in: candidates) {
            kept.insert(next)
            current = next
        }
        return candidates.indices.filter(kept.contains).map { candidates[$0] }
    }

    /// The one step the budget may take from a plan's candidate `index`: the first candidate
    /// that pages less without breaking more limits.
    private static func step(from index: Int, in candidates: [ProposalTuner.Candidate]) -> Int? {
        let current = candidates[index]
        return candidates.indices.first {
            candidates[$0].quality.pages < current.quality.pages
                && candidates[$0].violations.count <= current.violations.count
        }
    }

    static func format(_ value: Double) -> String { NRQLValue.format((value * 10).rounded() / 10) }
}
