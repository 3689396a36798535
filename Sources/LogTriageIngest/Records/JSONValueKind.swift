/// The JSON type of a value kept from a record.
public enum JSONValueKind: UInt8, Sendable {
    case string, number, bool, null, object, array
}
