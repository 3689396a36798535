/// One attribute value of a generated record, written as JSON text by `SampleJSON`.
///
/// Identifiers are kept as numbers (`hex`, `uuid`, `prefixed`) and rendered while writing,
/// so the per-record path allocates few strings.
enum SampleValue {
    case string(String)
    case integer(Int64)
    /// A decimal number with `fractionDigits` digits after the point: `decimal(-1250, 2)` is `-12.50`.
    case decimal(Int64, fractionDigits: Int)
    case bool(Bool)
    /// Lower-case hex of `high` (16 digits) followed by `low` when present: trace and span ids.
    case hex(UInt64, UInt64?)
    /// A lower-case RFC 4122 style UUID built from 128 random bits.
    case uuid(UInt64, UInt64)
    /// `prefix` followed by `number` zero-padded to `width`, e.g. `INV-2026-00017`.
    case prefixed(StaticString, Int, width: Int)
    /// Bytes copied between quotes unvalidated: only for deliberate invalid-UTF-8 damage.
    case rawString([UInt8])
    /// A nested JSON object, as some log layouts write (`{"error":{"class":…}}`).
    case object([SampleField])
}
