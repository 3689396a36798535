import Yams
import LogTriageModel

/// Reads the `alerts:` section of `defaults.yml` and `triage.yml`: the evidence a proposed
/// condition needs. Keys left out keep their value; every mistake names the key.
enum AlertTuningSection {
    static let keys = ["minimumVolume", "minimumCriticalFailures", "minimumWarningFailures", "quietPercentile",
                       "windowChoicesSeconds", "criticalMaxWindowSeconds", "minimumRecentFailures",
                       "episodeMinimumRecords", "episodeGapWindows", "detectionTargetMinutes",
                       "maximumRedWithoutCauseHours", "maximumRedShare", "maximumIncidentsPerEpisode", "maximumPagesPerTeam", "replayWindowBudget", "facetBy",
                       "chronic"]
    static let chronicKeys = ["minimumFailureShare", "minimumHourShare"]

    static func apply(_ node: Node, path: String, to tuning: inout AlertTuning) throws(ConfigurationError) {
        if node.null != nil { return }
        guard let mapping = node.mapping else {
            throw .invalidYAML(path: path, reason: "'alerts' must be a mapping of \(keys.joined(separator: ", "))")
        }
        for entry in mapping.keys where !keys.contains(entry.string ?? "") {
            throw .unknownKey(path: path, key: "alerts.\(entry.string ?? "\(entry)")", known: keys)
        }
        func count(_ key: String, minimum: Int, maximum: Int = .max) throws(ConfigurationError) -> Int? {
            guard let value = mapping[key] else { return nil }
            guard let number = value.int, number >= minimum, number <= maximum else {
                let range = maximum == .max ? "of at least \(minimum)" : "from \(minimum) to \(maximum)"
                throw .invalidYAML(path: path, reason: "'alerts.\(key)' must be a whole number \(range), not '\(value.scalar?.string ?? "\(value)")'")
            }
            return number
        }
        if let value = try count("minimumVolume", minimum: 1) { tuning.minimumVolume = value }
        if let value = try count("minimumCriticalFailures", minimum: 1) { tuning.minimumCriticalFailures = value }
        if let value = try count("minimumWarningFailures", minimum: 1) { tuning.minimumWarningFailures = value }
        if let value = try count("criticalMaxWindowSeconds", minimum: 60, maximum: AlertTuning.maximumWindowSeconds) {
            tuning.criticalMaxWindowSeconds = value
        }
        if let value = try count("minimumRecentFailures", minimum: 1) { tuning.minimumRecentFailures = value }
        if let value = try count("episodeMinimumRecords", minimum: 1) { tuning.episodeMinimumRecords = value }
        if let value = try count("episodeGapWindows", minimum: 0, maximum: AlertTuningLimits.maximumEpisodeGapWindows) { tuning.episodeGapWindows = value }
        if let value = mapping["quietPercentile"] {
            guard let number = value.float, number > 0, number <= 100 else {
                throw .invalidYAML(path: path, reason: "'alerts.quietPercentile' must be a number above 0 and at most 100")
            }
            tuning.quietPercentile = number
        }
        if let value = try count("maximumPagesPerTeam", minimum: 0) { tuning.maximumPagesPerTeam = value }
        if let value = try count("replayWindowBudget", minimum: 1_000) { tuning.replayWindowBudget = value }
        func positive(_ key: String, _ node: Node?) throws(ConfigurationError) -> Double? {
            guard let node else { return nil }
            guard let number = node.float, number > 0, number.isFinite else {
                throw .invalidYAML(path: path, reason: "'alerts.\(key)' must be a number above 0, not '\(node.scalar?.string ?? "\(node)")'")
            }
            return number
        }
        if let value = try positive("maximumRedWithoutCauseHours", mapping["maximumRedWithoutCauseHours"]) {
            tuning.maximumRedWithoutCauseHours = value
        }
        if let value = try positive("maximumRedShare", mapping["maximumRedShare"]) {
            guard value <= 1 else {
                throw .invalidYAML(path: path, reason: "'alerts.maximumRedShare' must be a share above 0 and at most 1")
            }
            tuning.maximumRedShare = value
        }
        if let value = try positive("maximumIncidentsPerEpisode", mapping["maximumIncidentsPerEpisode"]) {
            tuning.maximumIncidentsPerEpisode = value
        }
        if let value = mapping["detectionTargetMinutes"] {
            guard let entries = value.mapping else {
                throw .invalidYAML(path: path, reason: "'alerts.detectionTargetMinutes' must map critical and warning to minutes")
            }
            for (key, minutes) in entries {
                guard let tier = key.string.flatMap(Tier.init(rawValue:)) else {
                    throw .unknownKey(path: path, key: "alerts.detectionTargetMinutes.\(key.string ?? "\(key)")",
                                      known: Tier.allCases.map(\.rawValue))
                }
                guard let number = minutes.int, number >= 1, number <= AlertTuningLimits.maximumDetectionTargetMinutes else {
                    throw .invalidYAML(path: path, reason: "'alerts.detectionTargetMinutes.\(tier.rawValue)' must be a whole number of minutes from 1 to \(AlertTuningLimits.maximumDetectionTargetMinutes)")
                }
                tuning.detectionTargetMinutes[tier] = number
            }
        }
        if let value = mapping["facetBy"] {
            guard let entries = value.mapping else {
                throw .invalidYAML(path: path, reason: "'alerts.facetBy' must map categories to an attribute (\(AlertTuning.facetableAttributes.joined(separator: ", ")))")
            }
            var facets: [Category: [String]] = [:]
            for (key, attribute) in entries {
                guard let category = key.string.flatMap(Category.init(rawValue:)) else {
                    throw .unknownKey(path: path, key: "alerts.facetBy.\(key.string ?? "\(key)")",
                                      known: Category.allCases.map(\.rawValue))
                }
                // One attribute, or a list of them, most wanted first.
                let names = attribute.sequence.map { $0.map(\.string) } ?? [attribute.string]
                guard !names.isEmpty, names.allSatisfy({ $0.map(AlertTuning.facetableAttributes.contains) == true }) else {
                    throw .invalidYAML(path: path, reason: "'alerts.facetBy.\(category.rawValue)' must be one of \(AlertTuning.facetableAttributes.joined(separator: ", ")), or a list of them")
                }
                facets[category] = names.compactMap { $0 }
            }
            tuning.subjectAttributes = facets
        }
        if let value = mapping["chronic"] {
            guard let entries = value.mapping else {
                throw .invalidYAML(path: path, reason: "'alerts.chronic' must be a mapping of \(chronicKeys.joined(separator: ", "))")
            }
            for key in entries.keys where !chronicKeys.contains(key.string ?? "") {
                throw .unknownKey(path: path, key: "alerts.chronic.\(key.string ?? "\(key)")", known: chronicKeys)
            }
            for key in chronicKeys {
                guard let node = entries[key] else { continue }
                guard let share = node.float, share > 0, share <= 1 else {
                    throw .invalidYAML(path: path, reason: "'alerts.chronic.\(key)' must be a share above 0 and at most 1")
                }
                if key == "minimumFailureShare" { tuning.chronicMinimumFailureShare = share } else { tuning.chronicMinimumHourShare = share }
            }
        }
        if let value = mapping["windowChoicesSeconds"] {
            let windows = value.sequence?.compactMap(\.int) ?? []
            let distinct = Set(windows)
            guard !windows.isEmpty, windows.count == value.sequence?.count, distinct.count <= AlertTuningLimits.maximumWindowChoices,
                  windows.allSatisfy({ $0 >= 300 && $0 <= AlertTuning.maximumWindowSeconds && $0 % 300 == 0 }) else {
                throw .invalidYAML(path: path, reason: "'alerts.windowChoicesSeconds' must list at most \(AlertTuningLimits.maximumWindowChoices) "
                    + "whole multiples of 300 seconds, up to \(AlertTuning.maximumWindowSeconds)")
            }
            tuning.windowChoicesSeconds = distinct.sorted()
        }
    }
}

/// The largest values the time settings of `alerts:` take: beyond them the proposals' window
/// arithmetic would overflow or their tuning run for hours, and no team needs them.
enum AlertTuningLimits {
    /// Thirty days of the cube's five-minute windows.
    static let maximumEpisodeGapWindows = 8_640
    /// Thirty days.
    static let maximumDetectionTargetMinutes = 43_200
    /// Each choice is a tuning pass over every proposal (the defaults list five).
    static let maximumWindowChoices = 12
}
