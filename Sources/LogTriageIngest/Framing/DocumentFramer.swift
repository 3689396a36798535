/// Splits whole JSON documents into their record elements as bytes stream in, never
/// holding more than one element.
///
/// Handles a top-level array of records (`[{…},{…}]`, historical exports and Log API
/// payloads), one object, or objects written back to back (`{…}{…}`, as Firehose does),
/// and any mix of these. It only tracks strings and nesting; each element is validated
/// when it is parsed. Values that cannot be records (a number inside the array, stray
/// bytes between objects) are reported as skipped elements.
struct DocumentFramer {
    enum Event {
        /// A complete element: its bytes.
        case element(UnsafePointer<UInt8>, Int)
        /// An element over the size limit, dropped.
        case oversized
        /// A value or stray text that cannot be a record.
        case notARecord(String)
    }

    let maxElementBytes: Int
    private var buffer = ScratchBuffer()
    private var buffered = 0
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var arrayOpen = false
    private var elementActive = false
    private var elementDepth = 0
    private var elementOversized = false
    private var skippingScalar = false
    /// Number of top-level values seen, to tell one object from concatenated ones.
    private(set) var topLevelValues = 0

    init(maxElementBytes: Int) { self.maxElementBytes = maxElementBytes }

    func release() { buffer.release() }

    /// Whether the document ended inside an element or an open array.
    var endedEarly: Bool { elementActive || arrayOpen || inString }

    mutating func consume(_ chunk: UnsafeRawBufferPointer, _ handle: (Event) -> Void) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let count = chunk.count
        var segmentStart = 0
        var index = 0
        while index < count {
            let byte = base[index]
            if inString {
                if escaped { escaped = false }
                else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            switch byte {
            case 0x20, 0x0A, 0x0D, 0x09:
                break
            case UInt8(ascii: "\""):
                inString = true
                if !elementActive && !skippingScalar { beginScalar(handle) }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if !elementActive && !skippingScalar {
                    if depth == 0 && byte == UInt8(ascii: "[") && !arrayOpen {
                        arrayOpen = true
                        topLevelValues += 1
                        depth = 1
                        index += 1
                        continue
                    }
                    if depth == 0 { topLevelValues += 1 }
                    elementActive = true
                    elementDepth = depth
                    elementOversized = false
                    buffered = 0
                    segmentStart = index
                }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if elementActive {
                    depth -= 1
                    if depth == elementDepth {
                        finishElement(base, segmentStart, index + 1, handle)
                    }
                } else {
                    skippingScalar = false
                    if byte == UInt8(ascii: "]") && arrayOpen && depth == 1 {
                        arrayOpen = false
                        depth = 0
                    } else {
                        handle(.notARecord("unexpected '\(Character(UnicodeScalar(byte)))' between records"))
                    }
                }
            case UInt8(ascii: ","):
                if !elementActive { skippingScalar = false }
            default:
                if !elementActive && !skippingScalar { beginScalar(handle) }
            }
            index += 1
        }
        if elementActive { bufferSegment(base + segmentStart, count - segmentStart) }
    }

    /// Reports a partial element left at the end of the stream.
    mutating func finish(_ handle: (Event) -> Void) {
        if elementActive {
            elementActive = false
            handle(elementOversized ? .oversized : .notARecord("json document ends inside a record"))
        }
    }

    private mutating func beginScalar(_ handle: (Event) -> Void) {
        skippingScalar = true
        if depth == 0 { topLevelValues += 1 }
        handle(.notARecord(depth == 0 ? "text outside any json object" : "array element is not an object"))
    }

    private mutating func finishElement(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                                        _ handle: (Event) -> Void) {
        elementActive = false
        if buffered == 0 && !elementOversized {
            if end - start > maxElementBytes { handle(.oversized) } else { handle(.element(base + start, end - start)) }
            return
        }
        bufferSegment(base + start, end - start)
        if elementOversized {
            handle(.oversized)
        } else {
            handle(.element(UnsafePointer(buffer.pointer), buffered))
        }
        buffered = 0
    }

    private mutating func bufferSegment(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        guard !elementOversized else { return }
        if buffered + count > maxElementBytes {
            elementOversized = true
            buffered = 0
            return
        }
        buffer.grow(to: buffered + count, keeping: buffered)
        (buffer.pointer + buffered).update(from: bytes, count: count)
        buffered += count
    }
}
