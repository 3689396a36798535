import LogTriageModel

/// A provisional cluster as a partial run writes it down (see `PartialRun`), to be merged
/// with the same cluster of other partial runs.
extension ClusterAccumulator: Codable {
    private enum CodingKeys: String, CodingKey {
        case service, templateID, refinement, count, errorCount, warningCount, staleCount, firstSeen, lastSeen
        case exampleTime, exampleMessage, exampleFrame, rootCauses, categoryVotes, classifications, dailyCounts
        case classificationOverride
    }

    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(service: try values.decode(String.self, forKey: .service),
                  templateID: try values.decode(TemplateID.self, forKey: .templateID),
                  refinement: try values.decode(String.self, forKey: .refinement))
        count = try values.decode(Int.self, forKey: .count)
        errorCount = try values.decode(Int.self, forKey: .errorCount)
        warningCount = try values.decode(Int.self, forKey: .warningCount)
        staleCount = try values.decode(Int.self, forKey: .staleCount)
        firstSeen = try values.decodeIfPresent(Int64.self, forKey: .firstSeen)
        lastSeen = try values.decodeIfPresent(Int64.self, forKey: .lastSeen)
        if let time = try values.decodeIfPresent(Int64.self, forKey: .exampleTime) {
            example = (time, try values.decode(String.self, forKey: .exampleMessage))
        }
        exampleFrame = try values.decodeIfPresent(String.self, forKey: .exampleFrame)
        rootCauses = try values.decode([String: Int].self, forKey: .rootCauses)
        categoryVotes = try values.decode([Category: Int].self, forKey: .categoryVotes)
        classifications = try values.decode([Category: Classification].self, forKey: .classifications)
        dailyCounts = try values.decode([Int: Int].self, forKey: .dailyCounts)
        classificationOverride = try values.decodeIfPresent(Classification.self, forKey: .classificationOverride)
    }

    func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(service, forKey: .service)
        try values.encode(templateID, forKey: .templateID)
        try values.encode(refinement, forKey: .refinement)
        try values.encode(count, forKey: .count)
        try values.encode(errorCount, forKey: .errorCount)
        try values.encode(warningCount, forKey: .warningCount)
        try values.encode(staleCount, forKey: .staleCount)
        try values.encodeIfPresent(firstSeen, forKey: .firstSeen)
        try values.encodeIfPresent(lastSeen, forKey: .lastSeen)
        try values.encodeIfPresent(example?.time, forKey: .exampleTime)
        try values.encodeIfPresent(example?.message, forKey: .exampleMessage)
        try values.encodeIfPresent(exampleFrame, forKey: .exampleFrame)
        try values.encode(rootCauses, forKey: .rootCauses)
        try values.encode(categoryVotes, forKey: .categoryVotes)
        try values.encode(classifications, forKey: .classifications)
        try values.encode(dailyCounts, forKey: .dailyCounts)
        try values.encodeIfPresent(classificationOverride, forKey: .classificationOverride)
    }
}
