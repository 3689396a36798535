/// The knobs of ``TemplateMiner``; one default is meant to serve every log source.
///
/// There is deliberately no per-system setting: the miner learns which tokens vary from the
/// messages themselves, so the same configuration is used for every input. Unlike Drain there
/// is no similarity threshold: a distinct-value count decides when a word is a variable, which
/// keeps short templates such as `cupsd startup succeeded` / `cupsd shutdown succeeded` apart.
public struct TemplateMinerConfiguration: Sendable, Equatable, Codable {
    /// Upper bound on live templates, so memory stays bounded on adversarial input.
    /// Messages that would need a new template beyond it go to ``TemplateID/overflow``.
    public var maxTemplates: Int

    /// How many different words must be seen at one position of otherwise identical templates
    /// before that position is treated as a variable. Two or three values (`startup` /
    /// `shutdown`, `GET` / `POST` / `DELETE`, `x+` / `y+` / `z+`) are often as many events; four
    /// or more (user names, host names) are usually a parameter. Chosen by leave-one-out on
    /// Loghub-2k (README, "Grouping quality").
    public var distinctValuesForVariable: Int

    /// Entries in the exact-sequence cache that lets repeated messages skip template matching.
    /// Cleared when full, so it only bounds memory and never changes results.
    public var exactMatchCacheCapacity: Int

    /// Tokens a template keeps: the rest of a longer message is one `<*>`, so a template's
    /// memory and every comparison of it stay bounded whatever the message's length.
    public var maxTokens: Int

    public init(maxTemplates: Int = 10_000, distinctValuesForVariable: Int = 4, exactMatchCacheCapacity: Int = 65_536,
                maxTokens: Int = TextLimits.templateTokens) {
        precondition(maxTokens >= 2, "a template keeps at least two tokens")
        self.maxTemplates = maxTemplates
        self.distinctValuesForVariable = distinctValuesForVariable
        self.exactMatchCacheCapacity = exactMatchCacheCapacity
        self.maxTokens = maxTokens
    }

    /// The one configuration measured on Loghub-2k (see `TemplateMiner`).
    public static let `default` = TemplateMinerConfiguration()
}
