import Foundation
import Testing
import Yams
@testable import LogTriageAnalysis

/// An installed binary must find its defaults and rules with no resource bundle beside it.
@Suite("Built-in resources")
struct BuiltInResourcesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: [("defaults.yml", BuiltInText.defaults), ("rules.yml", BuiltInText.rules)])
    func theCompiledTextIsTheShippedYAML(name: String, compiled: String) throws {
        let path = Self.root.appendingPathComponent("Sources/LogTriageAnalysis/Resources/\(name)").path
        let shipped = try String(contentsOfFile: path, encoding: .utf8)
        #expect(compiled == shipped, "Resources/\(name) changed: run `make embed` (scripts/embed-resources.py)")
    }

    @Test func noSourceLooksForAResourceBundle() throws {
        let sources = Self.root.appendingPathComponent("Sources").path
        let files = try FileManager.default.subpathsOfDirectory(atPath: sources).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100)
        for file in files {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            #expect(!text.contains("Bundle" + ".module"), "\(file)")
        }
        let manifest = try String(contentsOfFile: Self.root.appendingPathComponent("Package.swift").path, encoding: .utf8)
        #expect(!manifest.contains("resources:"))
    }

    @Test func theBuiltInConfigurationLoadsFromTheCompiledText() throws {
        let configuration = try TriageConfiguration.load(path: nil)
        #expect(!configuration.categoryRules.rules.isEmpty)
        #expect(try TriageConfiguration.rulesText().hasPrefix("# LogTriage built-in classification rules"))
    }

    /// The built-in files are read without resolving plain scalars by pattern: they read the
    /// same as with Yams' patterns for numbers, booleans, nulls and times.
    @Test func theBuiltInFilesReadTheSameWithoutPatternResolution() throws {
        let basic = try TriageConfiguration.defaults(resolver: .basic)
        #expect(basic == (try TriageConfiguration.defaults(resolver: .default)))
        #expect(basic == (try TriageConfiguration.defaults()))
        #expect(!basic.categoryRules.rules.isEmpty && basic.slowThresholdMs > 0)
    }
}
