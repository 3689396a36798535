/// A JSON value written with keys in the order given, so reports are byte-identical
/// run after run (Foundation's serializer orders keys only alphabetically).
public indirect enum JSONText: Sendable, Equatable {
    case object([(String, JSONText)])
    case array([JSONText])
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null

    public static func == (lhs: JSONText, rhs: JSONText) -> Bool { lhs.rendered() == rhs.rendered() }

    /// Pretty-printed text with two-space indents and a final newline.
    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out.append("\n")
        return out
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case let .object(members):
            guard !members.isEmpty else { out.append("{}"); return }
            out.append("{\n")
            for (index, (key, value)) in members.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                Self.quote(key, into: &out)
                out.append(": ")
                value.write(into: &out, indent: indent + 1)
                out.append(index == members.count - 1 ? "\n" : ",\n")
            }
            out.append(String(repeating: "  ", count: indent))
            out.append("}")
        case let .array(elements):
            guard !elements.isEmpty else { out.append("[]"); return }
            out.append("[\n")
            for (index, element) in elements.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                element.write(into: &out, indent: indent + 1)
                out.append(index == elements.count - 1 ? "\n" : ",\n")
            }
            out.append(String(repeating: "  ", count: indent))
            out.append("]")
        case let .string(text): Self.quote(text, into: &out)
        case let .integer(value): out.append(String(value))
        case let .number(value):
            if value.isFinite { out.append(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)) }
            else { out.append("null") }
        case let .bool(value): out.append(value ? "true" : "false")
        case .null: out.append("null")
        }
    }

    private static func quote(_ text: String, into out: inout String) {
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }
}
