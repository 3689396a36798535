import CISAL

/// What the two ISA-L inflaters share: the ingest's lenient one (`DecodeWorker`, any number of
/// members, damage counted) and the strict one of LogTriage's own files (``GzipFileReader``).
package enum IsalInflate {
    /// A zeroed inflate state, set up for gzip members (ISA-L then checks each member's CRC-32
    /// and length); the caller deallocates it.
    package static func gzipState() -> UnsafeMutablePointer<inflate_state> {
        let state = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)
        UnsafeMutableRawPointer(state).initializeMemory(
            as: UInt8.self, repeating: 0, count: MemoryLayout<inflate_state>.size)
        isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
        return state
    }

    /// A lower-case explanation of a negative `isal_inflate` status.
    package static func reason(status: Int32) -> String {
        switch status {
        case ISAL_INCORRECT_CHECKSUM:
            "gzip data is corrupt: checksum or length does not match (isal status \(status))"
        case ISAL_INVALID_WRAPPER, ISAL_UNSUPPORTED_METHOD:
            "gzip header is invalid (isal status \(status))"
        default:
            "gzip data is corrupt (isal status \(status))"
        }
    }

    /// The explanation when `isal_inflate` neither read nor wrote: never expected, it guards a
    /// loop against spinning forever.
    package static func noProgress(status: Int32) -> String {
        "gzip data is corrupt (isal status \(status), no progress)"
    }
}
