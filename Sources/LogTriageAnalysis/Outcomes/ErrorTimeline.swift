import LogTriageBasics
import LogTriageModel

/// Clustered records (errors, warnings, slow calls) per UTC hour and category: the week's
/// shape, for the stacked hourly chart. Bounded by hours × categories.
public struct ErrorTimeline: Sendable, Equatable, Codable {
    /// Hour start (epoch ms) → records per category.
    public private(set) var hours: [Int64: [Category: Int]] = [:]

    private enum CodingKeys: String, CodingKey {
        case hours
    }

    public init() {}

    /// Hours and their categories in order, so that a partial holds the same bytes in every run.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(KeyOrderedPairs(hours.mapValues { KeyOrderedPairs($0) { $0.rawValue < $1.rawValue } }),
                             forKey: .hours)
    }

    package mutating func add(time: Int64?, category: Category) {
        guard let time else { return }
        let hour = time >= 0 ? time / 3_600_000 : (time - 3_599_999) / 3_600_000
        hours[hour * 3_600_000, default: [:]][category, default: 0] += 1
    }

    /// Adds another run's hours (a partial run's).
    package mutating func merge(_ other: ErrorTimeline) {
        for (hour, categories) in other.hours {
            for (category, count) in categories { hours[hour, default: [:]][category, default: 0] += count }
        }
    }
}
