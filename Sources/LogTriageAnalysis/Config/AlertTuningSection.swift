import Yams
import LogTriageModel

/// Reads the `alerts:` section of `defaults.yml` and `triage.yml`: the evidence a proposed
/// condition needs. Keys left out keep their value; every mistake names the key.
enum AlertTuningSection {
    static let keys = ["minimumVolume", "minimumCriticalFailures", "minimumWarningFailures", "quietPercentile",
                       "windowChoicesSeconds", "criticalMaxWindowSeconds", "minimumRecentFailures",
                       "episodeMinimumRecords", "episodeGapWindows"]

    static func apply(_ node: Node, path: String, to tuning: inout AlertTuning) throws(ConfigurationError) {
        if node.null != nil { return }
        guard let mapping = node.mapping else {
            throw .invalidYAML(path: path, reason: "'alerts' must be a mapping of \(keys.joined(separator: ", "))")
        }
        for entry in mapping.keys where !keys.contains(entry.string ?? "") {
            throw .unknownKey(path: path, key: "alerts.\(entry.string ?? "\(entry)")", known: keys)
        }
        func count(_ key: String, minimum: Int) throws(ConfigurationError) -> Int? {
            guard let value = mapping[key] else { return nil }
            guard let number = value.int, number >= minimum else {
                throw .invalidYAML(path: path, reason: "'alerts.\(key)' must be a whole number of at least \(minimum), not '\(value.scalar?.string ?? "\(value)")'")
            }
            return number
        }
        if let value = try count("minimumVolume", minimum: 1) { tuning.minimumVolume = value }
        if let value = try count("minimumCriticalFailures", minimum: 1) { tuning.minimumCriticalFailures = value }
        if let value = try count("minimumWarningFailures", minimum: 1) { tuning.minimumWarningFailures = value }
        if let value = try count("criticalMaxWindowSeconds", minimum: 60) { tuning.criticalMaxWindowSeconds = value }
        if let value = try count("minimumRecentFailures", minimum: 1) { tuning.minimumRecentFailures = value }
        if let value = try count("episodeMinimumRecords", minimum: 1) { tuning.episodeMinimumRecords = value }
        if let value = try count("episodeGapWindows", minimum: 0) { tuning.episodeGapWindows = value }
        if let value = mapping["quietPercentile"] {
            guard let number = value.float, number > 0, number <= 100 else {
                throw .invalidYAML(path: path, reason: "'alerts.quietPercentile' must be a number above 0 and at most 100")
            }
            tuning.quietPercentile = number
        }
        if let value = mapping["windowChoicesSeconds"] {
            let windows = value.sequence?.compactMap(\.int) ?? []
            guard !windows.isEmpty, windows.count == value.sequence?.count,
                  windows.allSatisfy({ $0 >= 300 && $0 % 300 == 0 }) else {
                throw .invalidYAML(path: path, reason: "'alerts.windowChoicesSeconds' must list whole multiples of 300 seconds")
            }
            tuning.windowChoicesSeconds = windows.sorted()
        }
    }
}
