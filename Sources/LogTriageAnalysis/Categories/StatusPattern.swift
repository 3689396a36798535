import Foundation

/// An HTTP status condition: one code (`429`) or an inclusive range (`500-599`, or `5xx`).
public struct StatusPattern: Sendable, Hashable, CustomStringConvertible {
    public let codes: ClosedRange<Int>

    public init(_ codes: ClosedRange<Int>) { self.codes = codes }

    /// Reads `503`, `500-599` or `5xx`; codes must lie in 100…599.
    public init(parsing text: String) throws(CategoryRuleError) {
        let text = text.trimmingCharacters(in: .whitespaces)
        let valid = 100...599
        if let code = Int(text), valid.contains(code) {
            codes = code...code
        } else if text.count == 3, text.lowercased().hasSuffix("xx"), let hundred = Int(text.prefix(1)), (1...5).contains(hundred) {
            codes = (hundred * 100)...(hundred * 100 + 99)
        } else {
            let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
                .map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard bounds.count == 2, let lower = bounds[0], let upper = bounds[1],
                  valid.contains(lower), valid.contains(upper), lower <= upper else {
                throw .invalidStatus(text)
            }
            codes = lower...upper
        }
    }

    public var description: String {
        codes.count == 1 ? "\(codes.lowerBound)" : "\(codes.lowerBound)-\(codes.upperBound)"
    }
}
