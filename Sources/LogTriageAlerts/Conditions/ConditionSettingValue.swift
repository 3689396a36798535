import Foundation

/// Reads the loosely typed values of a decoded JSON or YAML tree (`Any`) as the settings of
/// a condition: numbers may come as integers, floats or text (Terraform state writes
/// `aggregation_delay` as a string), words in any case.
enum ConditionSettingValue {
    static func number(_ value: Any?) -> Double? {
        switch value {
        case let number as Int: Double(number)
        case let number as Double: number.isFinite ? number : nil
        case let number as NSNumber: number.doubleValue.isFinite ? number.doubleValue : nil
        case let text as String: Double(text.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }

    /// A whole, positive number of seconds; nil when absent or not one.
    static func seconds(_ value: Any?) -> Int? {
        guard let number = number(value), number > 0, number == number.rounded(), number < 1e9 else { return nil }
        return Int(number)
    }

    static func flag(_ value: Any?) -> Bool? {
        switch value {
        case let flag as Bool: flag
        case let text as String: ["true": true, "false": false][text.lowercased()]
        default: nil
        }
    }

    static func word(_ value: Any?) -> String? {
        guard let text = value as? String else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed.lowercased()
    }

    static func text(_ value: Any?) -> String? {
        switch value {
        case let text as String: text
        case let number as Int: String(number)
        default: nil
        }
    }

    /// Whether the value is absent or JSON/YAML null.
    static func isAbsent(_ value: Any?) -> Bool {
        guard let value else { return true }
        return value is NSNull
    }
}
