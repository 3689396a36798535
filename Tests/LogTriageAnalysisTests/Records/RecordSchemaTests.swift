import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
import LogTriageTestSupport

extension Records {
    /// Canonical fields read through the alias lists of `Resources/defaults.yml` and of a
    /// user's `triage.yml`.
    @Suite struct RecordSchemaTests {
        static let defaults: TriageConfiguration = try! TriageConfiguration.defaults()

        /// Every (field, alias, position) of the shipped defaults.
        static let defaultAliases: [(CanonicalField, String, Int)] = CanonicalField.allCases.flatMap { field in
            (defaults.fieldAliases[field] ?? []).enumerated().map { (field, $1, $0) }
        }

        /// `{"a":{"b":{"c":value}}}` for the dotted path `a.b.c`.
        static func nested(_ path: String, _ value: String) -> String {
            let keys = path.split(separator: ".")
            return keys.map { "{\"\($0)\":" }.joined() + value + String(repeating: "}", count: keys.count)
        }

        @Test func defaultsListEveryCanonicalField() {
            for field in CanonicalField.allCases {
                #expect(Self.defaults.fieldAliases[field]?.isEmpty == false, "\(field)")
            }
            #expect(Self.defaults.fieldAliases[.level] == ["level", "log.level", "severity"])
            #expect(Self.defaults.fieldAliases[.httpStatus]
                == ["httpStatus", "http.statusCode", "response.status", "httpResponseCode", "response.statusCode"])
            #expect(Self.defaults.maxLineBytes == 64 << 20)
            let dotted = Set(Self.defaultAliases.map(\.1).filter { $0.contains(".") })
            #expect(dotted == ["log.level", "entity.name", "service.name", "error.class", "error.message",
                               "error.stack", "trace.id", "http.statusCode", "response.status", "response.statusCode"])
        }

        @Test(arguments: defaultAliases)
        func aliasResolvesItsField(field: CanonicalField, alias: String, position: Int) throws {
            let schema = Self.defaults.schema()
            var texts = ["{\"\(alias)\":\"v-\(alias)\"}", "{\"attributes\":{\"\(alias)\":\"v-\(alias)\"}}"]
            if alias.contains(".") {
                texts.append(Self.nested(alias, "\"v-\(alias)\""))
                texts.append("{\"attributes\":\(Self.nested(alias, "\"v-\(alias)\""))}")
            }
            for text in texts {
                let record = try #require(parseOne(text, schema: schema), "\(text)")
                #expect(record.string(field) == "v-\(alias)", "\(text)")
                #expect(record.fields[field]?.aliasIndex == position, "\(text)")
                #expect(record.fields[field]?.fromMessageJSON == false)
                // No other field picks the value up.
                #expect(record.fields.filter { $0.value.text == "v-\(alias)" }.count == 1, "\(text)")
            }
        }

        @Test(arguments: defaultAliases.filter { $0.1.contains(".") })
        func dottedAliasMatchesNestedAndPartlyNestedForms(field: CanonicalField, alias: String, position: Int) throws {
            let schema = Self.defaults.schema()
            let dot = try #require(alias.firstIndex(of: "."))
            let head = alias[..<dot], tail = alias[alias.index(after: dot)...]
            for text in ["{\"\(alias)\":404}", Self.nested(alias, "404"), "{\"\(head)\":{\"\(tail)\":404}}",
                         "{\"x\":1,\"\(head)\":{\"other\":true,\"\(tail)\":404,\"z\":[1]}}"] {
                let record = try #require(parseOne(text, schema: schema), "\(text)")
                #expect(record.string(field) == "404", "\(text)")
                #expect(record.fields[field]?.kind == .number)
            }
        }

        @Test(arguments: CanonicalField.allCases)
        func firstAliasWinsWhateverTheOrder(field: CanonicalField) throws {
            let aliases = try #require(Self.defaults.fieldAliases[field])
            guard aliases.count >= 2 else { return }
            let schema = Self.defaults.schema()
            let members = aliases.enumerated().map { "\"\($1)\":\"v\($0)\"" }
            for ordered in [members, members.reversed()] {
                let text = "{" + ordered.joined(separator: ",") + "}"
                let record = try #require(parseOne(text, schema: schema), "\(text)")
                #expect(record.string(field) == "v0", "\(text)")
                #expect(record.fields[field]?.aliasIndex == 0)
            }
            // Without the first, the second wins over the later ones.
            let rest = aliases.enumerated().dropFirst().map { "\"\($1)\":\"v\($0)\"" }.reversed()
            let record = try #require(parseOne("{" + rest.joined(separator: ",") + "}", schema: schema))
            #expect(record.string(field) == "v1")
        }

        @Test func nullAliasFallsThroughToTheNext() throws {
            let record = try #require(parseOne(#"{"level":null,"severity":"warning"}"#, schema: Self.defaults.schema()))
            #expect(record.level == "WARN")
            #expect(record.fields[.level]?.aliasIndex == 2)
        }

        /// A value directly in the record beats one in its `attributes`, even for a later alias.
        @Test func rootValueBeatsAttributesEvenForALaterAlias() throws {
            let record = try #require(parseOne(#"{"attributes":{"level":"debug"},"severity":"error"}"#,
                                               schema: Self.defaults.schema()))
            #expect(record.level == "ERROR")
        }

        @Test func yamlOverrideReplacesOnlyTheListedFields() throws {
            var configuration = Self.defaults
            try configuration.apply(yaml: """
                fields:
                  billerId: [billerId, biller.id]
                  invoiceDate: [invoiceDate, invoice_date]
                """, path: "triage.yml")
            #expect(configuration.fieldAliases[.billerId] == ["billerId", "biller.id"])
            #expect(configuration.fieldAliases[.invoiceDate] == ["invoiceDate", "invoice_date"])
            #expect(configuration.fieldAliases[.level] == Self.defaults.fieldAliases[.level])
            let schema = configuration.schema()
            let record = try #require(parseOne(#"{"biller":{"id":"B-7"},"invoice_date":"2026-01-31","level":"info"}"#,
                                               schema: schema))
            #expect(record.string(.billerId) == "B-7")
            #expect(record.fields[.billerId]?.aliasIndex == 1)
            #expect(record.string(.invoiceDate) == "2026-01-31")
            #expect(record.level == "INFO")
            let both = try #require(parseOne(#"{"biller.id":"B-7","billerId":"B-1"}"#, schema: schema))
            #expect(both.string(.billerId) == "B-1")
            // The defaults are untouched.
            #expect(parseOne(#"{"biller":{"id":"B-7"}}"#, schema: Self.defaults.schema())?.string(.billerId) == nil)
        }

        @Test func yamlFlowMappingFormWorksToo() throws {
            var configuration = Self.defaults
            try configuration.apply(yaml: "fields: {billerId: [billerId, biller.id], invoiceDate: [invoiceDate, invoice_date]}",
                                    path: "triage.yml")
            #expect(configuration.fieldAliases[.billerId] == ["billerId", "biller.id"])
            #expect(configuration.fieldAliases[.invoiceDate] == ["invoiceDate", "invoice_date"])
        }

        @Test func configurationErrorsNameWhatToFix() throws {
            var configuration = Self.defaults
            #expect(throws: ConfigurationError.unknownField(path: "t.yml", field: "billerID")) {
                try configuration.apply(yaml: "fields: {billerID: [x]}", path: "t.yml")
            }
            #expect(throws: ConfigurationError.unknownKey(path: "t.yml", key: "feilds", known: TriageConfiguration.File.knownKeys)) {
                try configuration.apply(yaml: "feilds: {billerId: [x]}", path: "t.yml")
            }
            #expect(throws: ConfigurationError.emptyAliasList(path: "t.yml", field: "billerId")) {
                try configuration.apply(yaml: "fields: {billerId: []}", path: "t.yml")
            }
            #expect(throws: ConfigurationError.unsupportedVersion(path: "t.yml", version: 2)) {
                try configuration.apply(yaml: "version: 2", path: "t.yml")
            }
            #expect(throws: ConfigurationError.invalidLimit(path: "t.yml", key: "limits.maxLineBytes", value: 0)) {
                try configuration.apply(yaml: "limits: {maxLineBytes: 0}", path: "t.yml")
            }
            do {
                try configuration.apply(yaml: "fields: {billerId: notAList}", path: "t.yml")
                Issue.record("a scalar alias list was accepted")
            } catch let error as ConfigurationError {
                guard case .invalidYAML(path: "t.yml", _) = error else { throw error }
            }
            #expect(configuration == Self.defaults, "a failed apply may have changed fields before the error")
            #expect(ConfigurationError.unknownField(path: "t.yml", field: "x").description.contains("billerId"))
        }

        @Test func schemaKeepsExtraAttributesAfterAliasesWithoutDuplicates() {
            let schema = RecordSchema(aliases: [.level: ["level", "severity"], .message: ["message"]],
                                      extraAttributes: ["region", "level", "a.b"])
            #expect(schema.keptPaths.first == "message")
            // `msg` for JSON messages, `eventType` to set New Relic's incident events apart.
            #expect(Set(schema.keptPaths) == ["message", "level", "severity", "region", "a.b", "msg", "eventType"])
            #expect(schema.keptPaths.count == 7)
            #expect(schema.slot(ofAttribute: "region") != nil)
            #expect(schema.slot(ofAttribute: "nope") == nil)
        }
    }
}
