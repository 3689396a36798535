extension NRQLQuery {
    // LogTriage's limits on one condition's query. New Relic documents none of these (its NRQL
    // limits are on query duration and rate: docs.newrelic.com/docs/nrql/using-nrql/rate-limits-nrql-queries),
    // so each is LogTriage's own, far beyond New Relic's 727 public quickstart conditions
    // (`../shared/newrelic-quickstarts-alerts`: the longest query is 439 characters, with 7
    // aggregates; no IN list holds over 8 values). A query beyond one is refused with the limit
    // named (``NRQLError/isBeyondLimit``), and its condition is not backtested: a hand-made file
    // of 20,000 aggregates, `uniqueCount()` of 1,000 attributes or an IN list of 100,000 values
    // took gigabytes or ran for minutes, replayed record by record and window by window.

    /// The longest query read, in characters (Unicode scalars).
    public static let maximumLength = 16_384
    /// The most aggregates in the `SELECT` (each window keeps one accumulator per aggregate).
    public static let maximumAggregates = 64
    /// The most arguments of one function, `uniqueCount()` included (whose windows keep every
    /// distinct combination of its arguments).
    public static let maximumArguments = 32
    /// The most values of one `IN` list (each record is compared with every value).
    public static let maximumInValues = 1_000
}
