/// What New Relic evaluates for an aggregation window in which no data arrived
/// (`fill_option`): nothing (`none`, the default), a fixed value (`static`), or the last
/// value received (`last_value`).
public enum FillOption: Sendable, Hashable, Codable, CustomStringConvertible {
    case none
    case `static`(Double)
    case lastValue

    /// The Terraform spelling (`none`, `static`, `last_value`).
    public var name: String {
        switch self {
        case .none: "none"
        case .static: "static"
        case .lastValue: "last_value"
        }
    }

    public var description: String {
        if case let .static(value) = self { return "static \(NRQLValue.format(value))" }
        return name
    }
}
