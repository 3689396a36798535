/// Sorts more rows than fit in memory: rows are buffered up to `maxRowsInMemory`, each full
/// buffer is sorted and written as a run file, and the runs are merged k ways at the end.
///
/// Memory stays at one buffer of rows plus one read buffer per run being merged; when there are
/// more runs than `maxFanIn`, groups of runs are merged into longer runs first. With no run
/// written, the rows are sorted in memory and no file is touched.
package final class ExternalSorter<Row: SpoolRecord> {
    private let directory: SpoolDirectory
    private let purpose: String
    private let maxRowsInMemory: Int
    private let maxFanIn: Int
    private var rows: [Row] = []
    private var runs: [String] = []
    /// Rows appended so far.
    package private(set) var count = 0

    package init(directory: SpoolDirectory, purpose: String, maxRowsInMemory: Int, maxFanIn: Int = 64) {
        self.directory = directory
        self.purpose = purpose
        self.maxRowsInMemory = max(1, maxRowsInMemory)
        self.maxFanIn = max(2, maxFanIn)
    }

    package func append(_ row: Row) throws(SpoolError) {
        rows.append(row)
        count += 1
        if rows.count >= maxRowsInMemory { try spill() }
    }

    /// Run files written so far; tests use it to check that the merge was exercised.
    var runCount: Int { runs.count }

    /// Calls `body` with every row in order, then deletes the runs. The sorter is empty after.
    package func drain(_ body: (Row) throws -> Void) throws {
        if runs.isEmpty {
            Row.sort(&rows)
            let sorted = rows
            rows = []
            for row in sorted { try body(row) }
            return
        }
        if runs.count < maxFanIn {
            // The rows still in memory are the last run, merged from memory rather than
            // written out and read back; it has the place a file of them would have had.
            Row.sort(&rows)
            let last = rows, paths = runs
            rows = []
            runs = []
            try Self.merge(sortedFiles: paths, memory: last, in: directory, body)
            return
        }
        if !rows.isEmpty { try spill() }
        rows = []
        while runs.count > maxFanIn {
            var merged: [String] = []
            for start in stride(from: 0, to: runs.count, by: maxFanIn) {
                let group = Array(runs[start..<min(start + maxFanIn, runs.count)])
                if group.count == 1 {
                    merged.append(group[0])
                    continue
                }
                merged.append(try Self.writeRun(in: directory, purpose: purpose + "-run") { row in
                    try Self.merge(sortedFiles: group, in: directory, row)
                })
            }
            runs = merged
        }
        let last = runs
        runs = []
        try Self.merge(sortedFiles: last, in: directory, body)
    }

    /// Writes every row, in order, to a new file of the directory, a sorted run for
    /// ``merge(sortedFiles:memory:in:_:)``, and returns its path. The sorter is empty after.
    package func drain(toFile purpose: String) throws -> String {
        try Self.writeRun(in: directory, purpose: purpose, drain)
    }

    /// Writes the rows `rows` hands over, in that order, to a new file; returns its path.
    private static func writeRun(in directory: SpoolDirectory, purpose: String,
                                 _ rows: ((Row) throws -> Void) throws -> Void) throws -> String {
        let writer = try SpoolWriter(path: directory.newFilePath(purpose))
        try rows { row in
            row.write(to: writer)
            try writer.endRow()
        }
        try writer.close()
        return writer.path
    }

    private func spill() throws(SpoolError) {
        Row.sort(&rows)
        let writer = try SpoolWriter(path: directory.newFilePath(purpose + "-run"))
        for row in rows {
            row.write(to: writer)
            try writer.endRow()
        }
        try writer.close()
        runs.append(writer.path)
        rows.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with every row of `paths`, files each written in sort order (one row after
    /// another, as a run is), and of `memory`, a sorted run after them, merged
    /// (``SortedRunMerge``); deletes each file once read.
    package static func merge(sortedFiles paths: [String], memory: [Row] = [], in directory: SpoolDirectory,
                              _ body: (Row) throws -> Void) throws {
        var readers: [SpoolReader] = []
        defer {
            for reader in readers { reader.close() }
            for path in paths { directory.removeFile(path) }
        }
        for path in paths { readers.append(try SpoolReader(path: path)) }
        try Row.merge(runs: readers, memory: memory, body)
    }
}
