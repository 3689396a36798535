// The tests of LogTriageModel alone belong here. There are none yet: the suites that check its
// values (categories, tiers, classifications, alert tuning) read them through the rules,
// configuration and stages that make them, so they sit in LogTriageAnalysisTests and above.
import LogTriageModel
