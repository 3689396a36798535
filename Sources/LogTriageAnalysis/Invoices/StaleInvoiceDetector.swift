import LogTriageBasics

/// Finds stale invoice failures: an older invoice refused for its own state while the newest
/// invoice of the same account loop went through (or failed for an unrelated reason).
///
/// Integrations loop over an account's open invoices, oldest first; an old invoice that the
/// biller calls unknown or already settled is noise when a newer one in the same loop is fine.
/// When the newest invoice fails the same way the biller is rejecting everything, and none of
/// the loop's failures is stale.
///
/// Verdicts must not depend on the order of files or records (a loop can straddle two export
/// files given in either order) and memory must not grow with the number of records, so
/// observations are spooled to sorted run files and merged (see ``ExternalSorter``) by
/// (account bytes, time, invoice day, outcome, reference). A first pass over the merged stream
/// finds the loops, writing each loop's newest invoice and outcome plus its failures to two
/// sequential files; a second pass reads them side by side and spools the verdicts, which a
/// last external sort puts in reference order. Every file lives in a private directory under
/// `temporaryDirectory`, removed by ``finish(_:)`` whether it succeeds or not, or on deinit.
///
/// The accounts are split into ``partCount`` parts by a hash of their key, each sorted on its
/// own and judged side by side on the judgement's threads: a loop never spans two accounts, so
/// the parts' verdicts, merged by reference, and their figures, added up, are one judgement's.
///
/// Loop rules, exactly:
/// - an account's observations sorted by time form one loop until the gap to the previous
///   observation exceeds `loopGapMilliseconds` (a gap of exactly the limit continues the loop);
/// - the loop's newest invoice is its largest `invoiceDay`; its outcome is that of its latest
///   observation by time, and on a tie in time the most pessimistic (invoice-state failure,
///   then other failure, then success);
/// - a failure is stale iff it is an invoice-state failure, its invoice day is below the newest,
///   and the newest invoice's outcome is not an invoice-state failure. Other failures never are.
///
/// Not thread-safe: one detector is fed from one thread.
public final class StaleInvoiceDetector {
    /// The longest pause between two records of one loop.
    public let loopGapMilliseconds: Int64
    private let maxRowsInMemory: Int
    /// The threads the judgement of the parts may use.
    private let threads: Int
    private var directory: SpoolDirectory?
    /// The observations of each part of the accounts; nil once finished.
    private var parts: [ExternalSorter<InvoiceObservation>]?

    /// The parts the accounts are judged in.
    package static let partCount = 2

    /// - Parameters:
    ///   - loopGapMilliseconds: a longer pause between two observations of an account starts a
    ///     new loop (default 10 minutes).
    ///   - temporaryDirectory: where the spool directory is created; it needs room for about
    ///     twice the observations' size (account bytes plus 25 bytes each).
    ///   - maxRowsInMemory: rows sorted in memory before a run is written, over all parts; it
    ///     bounds memory.
    ///   - threads: how many parts are judged at once.
    public init(loopGapMilliseconds: Int64 = 600_000, temporaryDirectory: String, maxRowsInMemory: Int = 1 << 18,
                threads: Int = 1) throws {
        guard loopGapMilliseconds > 0 else {
            throw StaleInvoiceError.invalidLimit(name: "loopGapMilliseconds", value: loopGapMilliseconds)
        }
        guard maxRowsInMemory > 0 else {
            throw StaleInvoiceError.invalidLimit(name: "maxRowsInMemory", value: Int64(maxRowsInMemory))
        }
        self.loopGapMilliseconds = loopGapMilliseconds
        self.maxRowsInMemory = maxRowsInMemory
        self.threads = max(1, threads)
        let directory = try SpoolDirectory(in: temporaryDirectory)
        self.directory = directory
        parts = (0..<Self.partCount).map { part in
            ExternalSorter(directory: directory, purpose: "observations-\(part)",
                           maxRowsInMemory: max(1, maxRowsInMemory / Self.partCount))
        }
    }

    deinit { directory?.remove() }

    /// Where this detector's files are, while it has any; nil after ``finish(_:)``.
    public var spoolPath: String? { directory?.path }

    /// Observations taken in so far.
    package var observationCount: Int { parts?.reduce(0) { $0 + $1.count } ?? 0 }

    /// Adds one record's observation; call it for successes too, since they decide whether
    /// older failures are stale.
    public func observe(_ observation: InvoiceObservation) throws {
        guard let parts else { throw StaleInvoiceError.alreadyFinished }
        try parts[Self.part(of: observation.account)].append(observation)
    }

    /// The part of the accounts `account` belongs to, the same from run to run: the key is a
    /// hash already, mixed once more (a multiplication by an odd constant, its high half folded
    /// in) so that every bit of it takes part.
    package static func part(of account: UInt64) -> Int {
        let mixed = account &* 0x9E37_79B9_7F4A_7C15
        return Int((mixed ^ (mixed >> 32)) % UInt64(partCount))
    }

    /// Hands over every observation, sorted, instead of judging them: a partial run writes
    /// them down for the merge to judge with the other parts'. Ends the detector as `finish` does.
    package func drainObservations(_ body: (InvoiceObservation) throws -> Void) throws {
        try ending { directory, parts in
            // Each part sorted to a file of its own, the files then merged into one order.
            let paths = try parts.map { try $0.drain(toFile: "observations-sorted") }
            try ExternalSorter<InvoiceObservation>.merge(sortedFiles: paths, in: directory, body)
        }
    }

    /// Judges every failure observation and reports each verdict, in ascending `reference`
    /// order (equal references: not stale first), so the caller can merge them with its own
    /// row-ordered streams. Removes the spool; the detector cannot be used afterwards.
    public func finish(_ verdict: (_ reference: Int64, _ stale: Bool) throws -> Void) throws -> StaleInvoiceSummary {
        try ending { directory, parts in
            // Each part's verdicts come in reference order, to a file of their own.
            let judged = mapConcurrently(Array(parts.indices), threads: threads) { index in
                Result { () throws -> (summary: StaleInvoiceSummary, path: String) in
                    let part = try judge(parts[index].drain, spoolingIn: directory,
                                         verdictRows: max(1, maxRowsInMemory / Self.partCount))
                    return (part.summary, try part.verdicts.drain(toFile: "verdicts-sorted"))
                }
            }
            var summary = StaleInvoiceSummary()
            var paths: [String] = []
            for result in judged {
                let part = try result.get()
                summary.add(part.summary)
                paths.append(part.path)
            }
            try ExternalSorter<InvoiceVerdict>.merge(sortedFiles: paths, in: directory) { try verdict($0.reference, $0.stale) }
            return summary
        }
    }

    /// Judges observations that come already sorted, in runs (the partials of a merge, each
    /// written in order), instead of those taken in: the runs are merged k ways, with no sort.
    /// A run out of order is the caller's to refuse (its source throws). Ends the detector as
    /// `finish` does; it must not have taken in any observation.
    package func finish(sortedRuns runs: [() throws -> InvoiceObservation?],
                        _ verdict: (_ reference: Int64, _ stale: Bool) throws -> Void) throws -> StaleInvoiceSummary {
        try ending { directory, parts in
            precondition(parts.allSatisfy { $0.count == 0 }, "observations are taken in or handed over sorted, not both")
            var heads = [InvoiceObservation?](repeating: nil, count: runs.count)
            let judged = try judge({ body in
                try SortedRunMerge.merge(runs: runs.count, advance: { run in
                    heads[run] = try runs[run]()
                    return heads[run] != nil
                }, precedes: { InvoiceObservation.precedes(heads[$0]!, heads[$1]!) }, emit: { try body(heads[$0]!) })
            }, spoolingIn: directory, verdictRows: maxRowsInMemory)
            try judged.verdicts.drain { try verdict($0.reference, $0.stale) }
            return judged.summary
        }
    }

    /// Ends the detector: hands `body` its spool directory and parts, then removes the
    /// directory, whatever `body` does.
    private func ending<Value>(_ body: (SpoolDirectory, [ExternalSorter<InvoiceObservation>]) throws -> Value) throws -> Value {
        guard let directory, let parts else { throw StaleInvoiceError.alreadyFinished }
        self.parts = nil
        defer {
            directory.remove()
            self.directory = nil
        }
        return try body(directory, parts)
    }

    /// Judges the observations `sorted` hands over in sort order (account, then time); the
    /// verdicts come back in a sorter with `verdictRows` in memory, to drain in reference order.
    private func judge(_ sorted: ((InvoiceObservation) throws -> Void) throws -> Void, spoolingIn directory: SpoolDirectory,
                       verdictRows: Int) throws -> (summary: StaleInvoiceSummary, verdicts: ExternalSorter<InvoiceVerdict>) {
        var summary = StaleInvoiceSummary()
        let failures = try SpoolWriter(path: directory.newFilePath("failures"))
        let loops = try SpoolWriter(path: directory.newFilePath("loops"))

        // Pass 1: loops from the merged stream; failures and per-loop facts to sequential files.
        var loop: InvoiceLoop?
        func close(_ loop: InvoiceLoop) throws(SpoolError) {
            guard loop.failures > 0 else { return }
            loops.write(loop.failures)
            loops.write(loop.newestDay)
            loops.write(loop.newestOutcome.rawValue)
            try loops.endRow()
        }
        try sorted { observation in
            summary.observations += 1
            if var current = loop, current.continues(with: observation, gap: loopGapMilliseconds) {
                current.add(observation)
                loop = current
            } else {
                if let previous = loop {
                    try close(previous)
                    if previous.account != observation.account { summary.accounts += 1 }
                } else {
                    summary.accounts += 1
                }
                summary.loops += 1
                loop = InvoiceLoop(first: observation)
            }
            if observation.outcome.isFailure {
                loop?.failures += 1
                failures.write(observation.invoiceDay)
                failures.write(observation.outcome.rawValue)
                failures.write(observation.reference)
                try failures.endRow()
            }
        }
        if let loop { try close(loop) }
        try failures.close()
        try loops.close()

        // Pass 2: each loop's failures judged against its newest invoice, spooled by reference.
        let verdicts = ExternalSorter<InvoiceVerdict>(directory: directory, purpose: "verdicts", maxRowsInMemory: verdictRows)
        let failureReader = try SpoolReader(path: failures.path)
        let loopReader = try SpoolReader(path: loops.path)
        while try loopReader.ensure(13) {
            let count = loopReader.readInt64()
            let newestDay = loopReader.readInt32()
            guard let newestOutcome = InvoiceOutcome(rawValue: loopReader.readUInt8()) else {
                throw SpoolError.spoolDamaged(path: loops.path)
            }
            var anyStale = false
            for _ in 0..<count {
                guard try failureReader.ensure(13) else { throw SpoolError.spoolDamaged(path: failures.path) }
                let day = failureReader.readInt32()
                let outcome = failureReader.readUInt8()
                let reference = failureReader.readInt64()
                let stale = outcome == InvoiceOutcome.invoiceStateFailure.rawValue && day < newestDay
                    && newestOutcome != .invoiceStateFailure
                if stale { summary.staleFailures += 1; anyStale = true } else { summary.recentFailures += 1 }
                try verdicts.append(InvoiceVerdict(reference: reference, stale: stale))
            }
            if anyStale { summary.loopsWithStaleFailures += 1 }
        }
        failureReader.close()
        loopReader.close()
        directory.removeFile(failures.path)
        directory.removeFile(loops.path)
        return (summary, verdicts)
    }
}
