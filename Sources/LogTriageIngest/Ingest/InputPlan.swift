#if canImport(Glibc)
import Glibc
#endif

/// The inputs of a run, found before reading starts so progress can show a percentage.
public struct InputPlan: Sendable {
    public let sources: [InputSource]
    /// Paths that could not be used; each becomes a file row with its error.
    public let problems: [InputProblem]
    /// Bytes on disk of all files (standard input counts as 0).
    public let totalBytes: Int
    /// The arguments as given.
    public let arguments: [String]
    /// Arguments that do not exist at all (as opposed to files that exist but cannot be read,
    /// which are reported as file rows and do not stop the run).
    public let missingPaths: [String]

    /// Expands the command-line inputs (directories walked) and reads them in path order,
    /// whatever order they were given in, so every output is the same for the same files.
    public init(arguments: [String]) {
        self.arguments = arguments
        missingPaths = arguments.filter { argument in
            var info = stat()
            return argument != "-" && stat(argument, &info) != 0 && errno == ENOENT
        }
        let (sources, problems) = InputDiscovery.expand(arguments)
        self.sources = sources.sorted { $0.displayName.utf8.lexicographicallyPrecedes($1.displayName.utf8) }
        self.problems = problems.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        totalBytes = Self.bytesOnDisk(sources)
    }

    private static func bytesOnDisk(_ sources: [InputSource]) -> Int {
        sources.reduce(0) { total, source in
            guard case let .file(path) = source else { return total }
            var info = stat()
            return stat(path, &info) == 0 ? total + Int(info.st_size) : total
        }
    }

    private init(sources: [InputSource], problems: [InputProblem], totalBytes: Int, arguments: [String],
                 missingPaths: [String]) {
        self.sources = sources
        self.problems = problems
        self.totalBytes = totalBytes
        self.arguments = arguments
        self.missingPaths = missingPaths
    }

    /// The files of one shard: of every input in path order (unreadable ones included, so
    /// that each is reported by exactly one shard), those whose position modulo the shard
    /// count is the shard's index. Workers given the same arguments split them this way
    /// without sharing a list.
    public func shard(_ shard: InputShard) -> InputPlan {
        enum Input { case source(InputSource), problem(InputProblem) }
        func path(of input: Input) -> String {
            switch input {
            case let .source(source): source.displayName
            case let .problem(problem): problem.path
            }
        }
        let all = (sources.map(Input.source) + problems.map(Input.problem))
            .sorted { path(of: $0).utf8.lexicographicallyPrecedes(path(of: $1).utf8) }
        var sources: [InputSource] = [], problems: [InputProblem] = []
        for (position, input) in all.enumerated() where position % shard.count == shard.index {
            switch input {
            case let .source(source): sources.append(source)
            case let .problem(problem): problems.append(problem)
            }
        }
        return InputPlan(sources: sources, problems: problems, totalBytes: Self.bytesOnDisk(sources), arguments: arguments,
                         missingPaths: missingPaths)
    }

    /// The inputs split into at most `count` parts of about the same work, for reading side
    /// by side in one run: the largest file first (``readingWork(of:)``), each to the part with
    /// the least work so far (the first such part on a tie), so that the parts end at about
    /// the same time. Unusable inputs go to the first part (they cost nothing to read); each
    /// part keeps path order. Which part reads a file changes no report, since parts are
    /// merged in path order, but the split is still the same for the same inputs.
    package func balanced(into count: Int) -> [InputPlan] {
        let count = max(1, min(count, sources.count))
        let sized = sources.map { source -> (source: InputSource, work: Int) in
            (source, Self.readingWork(of: source))
        }.sorted { $0.work != $1.work ? $0.work > $1.work
            : $0.source.displayName.utf8.lexicographicallyPrecedes($1.source.displayName.utf8) }
        var parts = Array(repeating: (sources: [InputSource](), work: 0), count: count)
        for input in sized {
            let lightest = parts.indices.min { parts[$0].work < parts[$1].work }!
            parts[lightest].sources.append(input.source)
            parts[lightest].work += input.work
        }
        return parts.enumerated().map { index, part in
            InputPlan(sources: part.sources.sorted { $0.displayName.utf8.lexicographicallyPrecedes($1.displayName.utf8) },
                      problems: index == 0 ? problems : [], totalBytes: Self.bytesOnDisk(part.sources), arguments: arguments,
                      missingPaths: missingPaths)
        }
    }

    /// The inputs in at most `count` parts of about the same work (``balanced(into:)``), each
    /// with its share of `jobs` (the remainder to the first parts), to read side by side; nil
    /// when there are not two parts to make, or when a file is named twice (one run reads it
    /// twice in a row, which parts cannot repeat).
    package func parts(upTo count: Int, sharing jobs: Int) -> [(plan: InputPlan, jobs: Int)]? {
        guard sources.count > 1, count > 1 else { return nil }
        let names = sources.map(\.displayName) + problems.map(\.path)
        guard Set(names).count == names.count else { return nil }
        let parts = balanced(into: count)
        return parts.enumerated().map { index, part in
            (part, jobs / parts.count + (index < jobs % parts.count ? 1 : 0))
        }
    }

    /// About how many bytes of text reading `source` parses: for a gzip file, the length its
    /// trailer gives (ISIZE) when that is possible, between the file's size and deflate's
    /// largest ratio (1,032 to 1); otherwise (several members, where it is the last one's)
    /// eight times the file's size, about what exports inflate to (7.8 for the 1 GB
    /// bench week, 7.4 for the generated one). Past 4 GiB of text ISIZE wraps, and such a file
    /// may count for less than it holds. Any other file: its size. Reading costs about the
    /// same per byte of text, compressed or not: weighed by their bytes on disk, a part of
    /// plain files would get about eight times the text of a part of gzip files. Standard
    /// input, unknown, counts as nothing.
    package static func readingWork(of source: InputSource) -> Int {
        guard case let .file(path) = source else { return 0 }
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        let size = Int(info.st_size)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return size }
        defer { close(descriptor) }
        var magic: (UInt8, UInt8) = (0, 0)
        var trailer: UInt32 = 0
        guard size >= 18, pread(descriptor, &magic, 2, 0) == 2, magic == (0x1F, 0x8B) else { return size }
        guard pread(descriptor, &trailer, 4, off_t(size - 4)) == 4 else { return size * 8 }
        let text = Int(UInt32(littleEndian: trailer))
        return (size...(size * 1_032)).contains(text) ? text : size * 8
    }

    /// Throws when the run would have nothing to read: a missing argument, or no file at all.
    /// Checked before reading so that no report is written for an export that never arrived.
    public func requireInput() throws(EmptyInputError) {
        if !missingPaths.isEmpty { throw .missingPaths(missingPaths) }
        if sources.isEmpty && problems.isEmpty { throw .noInputFiles(arguments: arguments) }
    }
}
