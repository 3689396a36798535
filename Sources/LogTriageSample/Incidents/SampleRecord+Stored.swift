import LogTriageAlerts

extension SampleRecord {
    /// The record as New Relic stores it, which is what its alert conditions read: nested
    /// objects flattened to dotted names, every attribute under the name it was sent with
    /// (no alias, no change of case), numbers as numbers, and the attributes the file's framing
    /// adds (a Log API block's `logtype`, a historical export's `eventType`). The sample writes
    /// no JSON `message`, whose fields New Relic would add.
    func storedAttributes() -> NRQLAttributes {
        var values: [String: NRQLValue] = ["timestamp": .number(Double(timestamp))]
        if let message = Self.stored(message) { values["message"] = message }
        for field in fields { Self.add(field, prefix: "", to: &values) }
        switch service {
        case .billpayWeb: values["logtype"] = .string("application")
        case .autopayRunner: values["eventType"] = .string("Log")
        default: break
        }
        return NRQLAttributes(values)
    }

    private static func add(_ field: SampleField, prefix: String, to values: inout [String: NRQLValue]) {
        let name = prefix + field.key.description
        if case let .object(fields) = field.value {
            for inner in fields { add(inner, prefix: name + ".", to: &values) }
        } else if let value = stored(field.value) {
            values[name] = value
        }
    }

    /// A value as New Relic reads the JSON text the sample writes for it.
    private static func stored(_ value: SampleValue) -> NRQLValue? {
        switch value {
        case let .string(text): return .string(text)
        case let .integer(number): return .number(Double(number))
        case let .decimal(number, fractionDigits):
            var text: [UInt8] = []
            SampleJSON.appendValue(.decimal(number, fractionDigits: fractionDigits), to: &text)
            return Double(String(decoding: text, as: UTF8.self)).map(NRQLValue.number)
        case let .bool(flag): return .bool(flag)
        case .hex, .uuid, .prefixed:
            var text: [UInt8] = []
            SampleJSON.appendValue(value, to: &text)
            return .string(String(decoding: text.dropFirst().dropLast(), as: UTF8.self))
        case let .rawString(bytes): return .string(String(decoding: bytes, as: UTF8.self))
        case .object: return nil
        }
    }
}
