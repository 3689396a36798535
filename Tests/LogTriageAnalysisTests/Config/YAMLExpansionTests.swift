import Testing
import Yams
import LogTriageModel
@testable import LogTriageAnalysis

/// A settings file whose aliases expand to billions of values (the "billion laughs") is refused
/// at once: a key made of one, or one described in an error, had walked every copy for hours.
@Suite("Config: YAML aliases expanding past any settings file")
struct YAMLExpansionTests {
    /// `levels` anchors, each a list of `width` aliases of the one before: `width^levels` strings.
    static func laughs(levels: Int, width: Int) -> String {
        var lists = ["&a0 [" + Array(repeating: "\"lol\"", count: width).joined(separator: ",") + "]"]
        for level in 1..<levels {
            lists.append("&a\(level) [" + Array(repeating: "*a\(level - 1)", count: width).joined(separator: ",") + "]")
        }
        return "[" + lists.joined(separator: ", ") + "]"
    }

    /// As a key, Yams walks the tree while it composes: refused by the count of aliases first.
    @Test(arguments: ["? \(laughs(levels: 10, width: 10))\n: 1\n",
                      "alerts: {minimumVolume: \(laughs(levels: 10, width: 10))}\n"])
    func aBillionLaughsIsRefused(yaml: String) throws {
        var configuration = try TriageConfiguration.defaults()
        #expect(throws: ConfigurationError.invalidYAML(
            path: "triage.yml", reason: "it uses more than \(YAMLExpansion.maximumAliases) aliases (*name)")) {
            try configuration.apply(yaml: yaml, path: "triage.yml")
        }
    }

    /// Few aliases of one huge anchor: refused by the size of the expanded tree.
    @Test func fewAliasesOfAHugeAnchorAreRefused() throws {
        let anchor = "&big [" + Array(repeating: "1", count: 200_000).joined(separator: ",") + "]"
        let yaml = "alerts: {minimumVolume: [\(anchor), " + Array(repeating: "*big", count: 8).joined(separator: ", ") + "]}\n"
        var configuration = try TriageConfiguration.defaults()
        #expect(throws: ConfigurationError.invalidYAML(
            path: "triage.yml", reason: "its aliases expand it to more than \(YAMLExpansion.maximumNodes) values")) {
            try configuration.apply(yaml: yaml, path: "triage.yml")
        }
    }

    /// Sixteen aliases pass; a seventeenth is refused. Stars in quotes, comments and inside
    /// plain values are not aliases.
    @Test func aliasesAreCountedWhereTheyStartAValue() {
        let sixteen = "a: &x 1\nb: [" + Array(repeating: "*x", count: 16).joined(separator: ", ") + "]\n"
            + "c: '*not' # *not\nd: \"*not\"\ne: a*b\n"
        #expect(YAMLExpansion.refusal(yaml: sixteen) == nil)
        #expect(YAMLExpansion.refusal(yaml: sixteen + "f: *x\n") == "it uses more than 16 aliases (*name)")
    }

    /// Counted with each anchor's size remembered: exact below the limit, refused one past it.
    @Test func theLimitIsOnTheExpandedTree() throws {
        // 1 outer list + 4 anchored lists; level k holds 1 + 10 * (size of level k-1) nodes.
        let node = try #require(try Yams.compose(yaml: Self.laughs(levels: 4, width: 10)))
        let expanded = 1 + 11 + 111 + 1_111 + 11_111
        #expect(YAMLExpansion.refusal(node, limit: expanded) == nil)
        #expect(YAMLExpansion.refusal(node, limit: expanded - 1) == "its aliases expand it to more than \(expanded - 1) values")
    }

    /// Anchors and aliases a person would write still load.
    @Test func aliasesOfASettingsFileStillLoad() throws {
        var configuration = try TriageConfiguration.defaults()
        try configuration.apply(yaml: """
            teams:
              billing-events: &payments payments-platform
              billing-retries: *payments
            alerts:
              windowChoicesSeconds: &windows [300, 900]
              minimumVolume: 40
            """, path: "triage.yml")
        #expect(configuration.teams["billing-retries"] == "payments-platform")
        #expect(configuration.alertTuning.windowChoicesSeconds == [300, 900])
        #expect(configuration.alertTuning.minimumVolume == 40)
    }
}
