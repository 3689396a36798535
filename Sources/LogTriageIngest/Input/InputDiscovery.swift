#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LogTriageBasics

/// Expands command-line INPUT arguments into the inputs to read.
///
/// Files are kept as given (any kind but a directory, so `<(zcat …)` works); directories
/// are walked recursively for regular files, skipping hidden names (a leading `.`) and not
/// following symbolic links to directories (no cycles), and their files are sorted by path
/// bytewise so runs are reproducible; `-` is standard input. Arguments keep their order.
public enum InputDiscovery {
    /// Returns the inputs and the arguments (or files found inside directories) that
    /// cannot be read; problems never stop the expansion.
    public static func expand(_ arguments: [String]) -> (sources: [InputSource], problems: [InputProblem]) {
        var sources: [InputSource] = []
        var problems: [InputProblem] = []
        for argument in arguments {
            if argument == "-" {
                sources.append(.standardInput)
                continue
            }
            var info = stat()
            guard stat(argument, &info) == 0 else {
                problems.append(InputProblem(path: argument, reason: InputError.reason(errno: errno)))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                var files: [String] = []
                walk(directory: argument, into: &files, problems: &problems)
                files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                sources.append(contentsOf: files.map(InputSource.file))
            } else if let reason = unreadableReason(argument) {
                problems.append(InputProblem(path: argument, reason: reason))
            } else {
                sources.append(.file(argument))
            }
        }
        return (sources, problems)
    }

    private static func walk(directory: String, into files: inout [String], problems: inout [InputProblem]) {
        guard let handle = opendir(directory) else {
            problems.append(InputProblem(
                path: directory, reason: "cannot list directory: " + InputError.reason(errno: errno)))
            return
        }
        defer { closedir(handle) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasPrefix(".") { continue }
            let path = prefix + name
            var info = stat()
            guard lstat(path, &info) == 0 else {
                problems.append(InputProblem(path: path, reason: InputError.reason(errno: errno)))
                continue
            }
            var kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                // Follow links to files; a link to a directory could loop, so it is skipped.
                guard stat(path, &info) == 0 else {
                    problems.append(InputProblem(path: path, reason: InputError.reason(errno: errno)))
                    continue
                }
                kind = info.st_mode & S_IFMT
                if kind == S_IFDIR { continue }
            }
            if kind == S_IFDIR {
                walk(directory: path, into: &files, problems: &problems)
            } else if kind == S_IFREG {
                if let reason = unreadableReason(path) {
                    problems.append(InputProblem(path: path, reason: reason))
                } else {
                    files.append(path)
                }
            }
        }
    }

    /// Why the current user cannot read `path`, or nil when it can.
    private static func unreadableReason(_ path: String) -> String? {
        access(path, R_OK) == 0 ? nil : InputError.reason(errno: errno)
    }
}
