import Foundation
import Yams

/// Everything a run can be told through `triage.yml`, already merged over the built-in
/// defaults (`Resources/defaults.yml`).
public struct TriageConfiguration: Sendable, Equatable {
    /// Ordered attribute aliases per canonical field.
    public var fieldAliases: [CanonicalField: [String]]
    /// Longest line or document element read; longer ones are skipped as oversized.
    public var maxLineBytes: Int

    /// The file form: every key optional, so a user file states only what it changes.
    struct File: Codable {
        var version: Int?
        var fields: [String: [String]]?
        var limits: Limits?

        struct Limits: Codable { var maxLineBytes: Int? }

        static let knownKeys = ["version", "fields", "limits"]
    }

    /// The text of the built-in defaults, as shipped.
    public static func defaultsText() throws -> String {
        guard let url = Bundle.module.url(forResource: "defaults", withExtension: "yml", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ConfigurationError.missingDefaults
        }
        return text
    }

    /// The built-in defaults.
    public static func defaults() throws -> TriageConfiguration {
        var configuration = TriageConfiguration(fieldAliases: [:], maxLineBytes: 0)
        try configuration.apply(yaml: defaultsText(), path: "defaults.yml")
        return configuration
    }

    /// The defaults with the file at `path` applied over them.
    public static func load(path: String?) throws -> TriageConfiguration {
        var configuration = try defaults()
        guard let path else { return configuration }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        try configuration.apply(yaml: text, path: path)
        return configuration
    }

    /// Applies one YAML document over the current values.
    public mutating func apply(yaml text: String, path: String) throws {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError.invalidYAML(path: path, reason: "\(error)")
        }
        guard let node else { return }
        if let mapping = node.mapping {
            for key in mapping.keys {
                let name = key.string ?? "\(key)"
                if !File.knownKeys.contains(name) {
                    throw ConfigurationError.unknownKey(path: path, key: name, known: File.knownKeys)
                }
            }
        }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: node)
        } catch let error as DecodingError {
            throw ConfigurationError.invalidYAML(path: path, reason: Self.describe(error))
        } catch {
            throw ConfigurationError.invalidYAML(path: path, reason: "\(error)")
        }
        if let version = file.version, version != 1 {
            throw ConfigurationError.unsupportedVersion(path: path, version: version)
        }
        for (name, aliases) in file.fields ?? [:] {
            guard let field = CanonicalField(rawValue: name) else {
                throw ConfigurationError.unknownField(path: path, field: name)
            }
            guard !aliases.isEmpty else { throw ConfigurationError.emptyAliasList(path: path, field: name) }
            fieldAliases[field] = aliases
        }
        if let limit = file.limits?.maxLineBytes {
            guard limit > 0 else { throw ConfigurationError.invalidLimit(path: path, key: "limits.maxLineBytes", value: limit) }
            maxLineBytes = limit
        }
    }

    /// The record schema these aliases describe, keeping `extraAttributes` too.
    public func schema(extraAttributes: [String] = []) -> RecordSchema {
        RecordSchema(aliases: fieldAliases, extraAttributes: extraAttributes)
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "'\(path(context))': \(context.debugDescription)"
        case let .keyNotFound(key, context):
            return "'\(path(context))': missing key '\(key.stringValue)'"
        case let .dataCorrupted(context):
            return "'\(path(context))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
