/// A value kept from the record being scanned: bytes that live in the input chunk or in
/// the scanner's decode arena, valid until the next record.
@usableFromInline
struct ScannedValue: @unchecked Sendable {
    @usableFromInline var base: UnsafePointer<UInt8>?
    @usableFromInline var count: Int
    @usableFromInline var kind: JSONValueKind
    /// A string still in its JSON form (escapes, or bytes to repair); decoded on first use,
    /// since most kept strings (stack traces above all) are never read.
    @usableFromInline var needsDecode: Bool
    /// Which source of the record set it: a higher priority replaces a lower one
    /// (a log's own value beats its payload's common attributes).
    @usableFromInline var priority: Int8
    /// The record the value belongs to; older generations read as absent.
    @usableFromInline var generation: UInt32

    /// The priority of a value in the root object of a record (``JSONRecordScanner/rootPriority``),
    /// the highest any value has.
    @usableFromInline static let highestPriority: Int8 = 3

    static let absent = ScannedValue(base: nil, count: 0, kind: .null, needsDecode: false, priority: -1, generation: 0)

    @inlinable var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}
