/// Where a proposal goes among the current conditions.
enum ProposalPlacement: Hashable {
    /// It replaces the current condition at this position: the first unsound one that counted
    /// failures of its service.
    case replaces(condition: Int)
    /// A sound current condition at this position already detects every episode the proposal
    /// would: that condition keeps its place and the proposal is not written.
    case coveredBy(condition: Int)
    /// No current condition counted these failures, or none that did is unsound or detects
    /// what it would: the proposal is added beside them.
    case added
}
