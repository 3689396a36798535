import CZlib
import Foundation

/// Reads sample files back for tests: zlib inflate (multi-member, tolerant of a cut end),
/// line splitting; LogTriageSampleTests adds a shared scale-1 sample parsed once.
package enum SampleTestSupport {
    /// The bundled sample's configuration, `Samples/triage.yml`, found from this file's path
    /// (Tests/LogTriageTestSupport/Sample/…).
    package static let sampleConfiguration = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples/triage.yml").path

    package struct Inflated {
        package var bytes: [UInt8]
        package var members: Int
        /// The last member ended properly.
        package var complete: Bool
    }

    /// The file's content, inflated when it starts with the gzip magic bytes.
    package static func content(of path: String) throws -> Inflated {
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        guard data.count >= 2, data[0] == 0x1F, data[1] == 0x8B else {
            return Inflated(bytes: data, members: 0, complete: true)
        }
        return inflate(data)
    }

    package static func inflate(_ data: [UInt8]) -> Inflated {
        var stream = z_stream()
        _ = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        defer { inflateEnd(&stream) }
        var result = Inflated(bytes: [], members: 0, complete: false)
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var input = data
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            while true {
                let (status, produced) = output.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, out.count - Int(stream.avail_out))
                }
                result.bytes.append(contentsOf: output[0..<produced])
                if status == Z_STREAM_END {
                    result.members += 1
                    if stream.avail_in == 0 {
                        result.complete = true
                        return
                    }
                    inflateReset(&stream)
                } else if status != Z_OK {
                    return
                }
            }
        }
        return result
    }

    /// Lines ended by `\n` (a trailing unterminated fragment is dropped).
    package static func completeLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(bytes[start..<index])
            start = index + 1
        }
        return lines
    }

    package static func json(_ bytes: some Collection<UInt8>) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    /// A fresh empty directory under the temporary directory.
    package static func temporaryDirectory(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "logtriage-sample-tests-\(getpid())/\(name)"
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
