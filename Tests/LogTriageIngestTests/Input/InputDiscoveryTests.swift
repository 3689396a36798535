import Foundation
import Testing
@testable import LogTriageIngest
import LogTriageTestSupport

@Suite struct InputDiscoveryTests {
    let fixtures: InputFixtures
    init() throws { fixtures = try InputFixtures() }

    private func touch(_ relative: String) throws {
        let path = fixtures.path(relative)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try fixtures.plain(relative, Array(relative.utf8))
    }

    @Test func walksDirectoriesSortedSkippingHidden() throws {
        defer { fixtures.remove() }
        for file in ["logs/b.json.gz", "logs/a/z.json", "logs/a.json", "logs/B.json", "logs/a/b/c.gz",
                     "logs/.hidden.gz", "logs/.git/x.gz", "logs/a/.cache/y.gz", "other.gz"] {
            try touch(file)
        }
        try FileManager.default.createDirectory(atPath: fixtures.path("logs/empty"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: fixtures.path("logs/loop"), withDestinationPath: fixtures.path("logs"))
        try FileManager.default.createSymbolicLink(atPath: fixtures.path("logs/link.gz"), withDestinationPath: fixtures.path("other.gz"))

        let logs = fixtures.path("logs")
        let missing = fixtures.path("nope.gz")
        let result = InputDiscovery.expand([fixtures.path("other.gz"), logs + "/", "-", missing])
        #expect(result.sources == [
            .file(fixtures.path("other.gz")),
            .file(logs + "/B.json"),        // bytewise: upper case before lower case
            .file(logs + "/a.json"),        // "." (0x2e) sorts before "/" (0x2f)
            .file(logs + "/a/b/c.gz"),
            .file(logs + "/a/z.json"),
            .file(logs + "/b.json.gz"),
            .file(logs + "/link.gz"),
            .standardInput,
        ])
        #expect(result.problems == [InputProblem(path: missing, reason: "no such file or directory")])
    }

    @Test func explicitHiddenFileIsKept() throws {
        defer { fixtures.remove() }
        try touch(".export.gz")
        let result = InputDiscovery.expand([fixtures.path(".export.gz")])
        #expect(result.sources == [.file(fixtures.path(".export.gz"))])
        #expect(result.problems.isEmpty)
    }

    @Test func unreadableFileIsAProblem() throws {
        defer { fixtures.remove() }
        guard getuid() != 0 else { return }   // root reads everything
        try touch("secret.gz")
        chmod(fixtures.path("secret.gz"), 0)
        let result = InputDiscovery.expand([fixtures.path("secret.gz")])
        #expect(result.sources.isEmpty)
        #expect(result.problems == [InputProblem(path: fixtures.path("secret.gz"), reason: "permission denied")])
    }

    @Test func displayNames() {
        #expect(InputSource.file("a/b.gz").displayName == "a/b.gz")
        #expect(InputSource.standardInput.displayName == "-")
    }
}
