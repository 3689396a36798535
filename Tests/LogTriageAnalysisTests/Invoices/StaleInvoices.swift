import Testing

/// Groups the tests of `Sources/LogTriage/Invoices/` (and the `staleInvoices:` configuration),
/// so `swift test --filter StaleInvoices` runs them.
@Suite enum StaleInvoices {}
