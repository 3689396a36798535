import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LogTriageBasics

/// Decompresses a (possibly truncated, possibly multi-member) gzip file with zlib to count
/// the complete lines it still holds: the honest record count of the truncated sample file.
enum SampleGzipInspector {
    struct Summary {
        /// Lines ended by a newline.
        var completeLines = 0
        /// Bytes zlib could decompress.
        var bytes = 0
        /// The last complete line, without its newline.
        var lastCompleteLine: [UInt8] = []
    }

    static func inspect(path: String) throws -> Summary {
        guard let file = fopen(path, "rb") else { throw OutputError.cannotCreate(path: path, errno: errno) }
        defer { fclose(file) }
        var stream = z_stream()
        // 15 + 32: accept a gzip or zlib header.
        var status = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw OutputError.compression(path: path, code: status) }
        defer { inflateEnd(&stream) }
        var input = [UInt8](repeating: 0, count: 1 << 16)
        var output = [UInt8](repeating: 0, count: 1 << 18)
        var summary = Summary()
        var current: [UInt8] = []
        var finished = false
        while !finished {
            let read = input.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if read == 0 { break }
            input.withUnsafeMutableBytes { inBuffer in
                stream.next_in = inBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(read)
                while stream.avail_in > 0 {
                    let produced = output.withUnsafeMutableBytes { outBuffer -> Int in
                        stream.next_out = outBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                        stream.avail_out = uInt(outBuffer.count)
                        status = inflate(&stream, Z_NO_FLUSH)
                        return outBuffer.count - Int(stream.avail_out)
                    }
                    summary.bytes += produced
                    for byte in output[0..<produced] {
                        if byte == 0x0A {
                            summary.completeLines += 1
                            swap(&summary.lastCompleteLine, &current)
                            current.removeAll(keepingCapacity: true)
                        } else {
                            current.append(byte)
                        }
                    }
                    if status == Z_STREAM_END {
                        if stream.avail_in > 0 { inflateReset(&stream) }
                        status = Z_OK
                    } else if status == Z_BUF_ERROR {
                        break
                    } else if status != Z_OK {
                        // Corrupt data: count what decoded so far.
                        finished = true
                        break
                    }
                }
            }
        }
        return summary
    }

    /// The epoch-millisecond `timestamp` a flat JSON-lines record starts with.
    static func leadingTimestamp(_ line: [UInt8]) -> Int64? {
        let prefix = Array("{\"timestamp\":".utf8)
        guard line.count > prefix.count, Array(line[0..<prefix.count]) == prefix else { return nil }
        var value: Int64 = 0
        var index = prefix.count
        while index < line.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[index]) {
            value = value * 10 + Int64(line[index] - UInt8(ascii: "0"))
            index += 1
        }
        return index > prefix.count ? value : nil
    }
}
