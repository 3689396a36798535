import CZlib
import Foundation
@testable import LogTriageSample

/// Reads sample files back for tests: zlib inflate (multi-member, tolerant of a cut end),
/// line splitting, and a shared scale-1 sample parsed once.
enum SampleTestSupport {
    struct Inflated {
        var bytes: [UInt8]
        var members: Int
        /// The last member ended properly.
        var complete: Bool
    }

    /// The file's content, inflated when it starts with the gzip magic bytes.
    static func content(of path: String) throws -> Inflated {
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        guard data.count >= 2, data[0] == 0x1F, data[1] == 0x8B else {
            return Inflated(bytes: data, members: 0, complete: true)
        }
        return inflate(data)
    }

    static func inflate(_ data: [UInt8]) -> Inflated {
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
    static func completeLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(bytes[start..<index])
            start = index + 1
        }
        return lines
    }

    static func json(_ bytes: some Collection<UInt8>) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    /// A fresh empty directory under the temporary directory.
    static func temporaryDirectory(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "logtriage-sample-tests-\(getpid())/\(name)"
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// One parsed record of the shared sample with the attributes the tests look at.
    struct Record: Sendable {
        var file: String
        var timestamp: Int64
        var service: String
        var level: String?
        var message: String
        var attributes: [String: String]

        subscript(key: String) -> String? { attributes[key] }
    }

    struct Sample: Sendable {
        var directory: String
        var manifest: SampleExportManifest
        var records: [Record]
    }

    /// The scale-1 sample (seed 1), generated and parsed once per test process.
    static let scaleOne: Sample = {
        let directory = temporaryDirectory("scale-1")
        let manifest = try! SampleExportGenerator.write(to: directory, options: SampleExportOptions(seed: 1, scale: 1))
        var records: [Record] = []
        for file in manifest.files {
            let content = try! content(of: directory + "/" + file.relativePath)
            switch file.framing {
            case "jsonl":
                for line in completeLines(content.bytes) {
                    let repaired = Array(String(decoding: line, as: UTF8.self).utf8)
                    guard let object = json(repaired) as? [String: Any] else { continue }
                    records.append(record(object, file: file.relativePath))
                }
            case "export":
                for element in json(content.bytes) as! [[String: Any]] {
                    records.append(record(element["attributes"] as! [String: Any], file: file.relativePath))
                }
            default:
                for block in json(content.bytes) as! [[String: Any]] {
                    let common = (block["common"] as! [String: Any])["attributes"] as! [String: Any]
                    for log in block["logs"] as! [[String: Any]] {
                        var merged = common
                        for (key, value) in log["attributes"] as! [String: Any] { merged[key] = value }
                        merged["timestamp"] = log["timestamp"]
                        merged["message"] = log["message"]
                        records.append(record(merged, file: file.relativePath))
                    }
                }
            }
        }
        records.sort { $0.timestamp < $1.timestamp }
        return Sample(directory: directory, manifest: manifest, records: records)
    }()

    /// Flattens nested objects to dotted keys and normalises the timestamp to epoch ms.
    static func record(_ object: [String: Any], file: String) -> Record {
        var attributes: [String: String] = [:]
        func flatten(_ object: [String: Any], prefix: String) {
            for (key, value) in object {
                if let nested = value as? [String: Any] {
                    flatten(nested, prefix: prefix + key + ".")
                } else {
                    attributes[prefix + key] = "\(value)"
                }
            }
        }
        flatten(object, prefix: "")
        let timestamp: Int64
        if let text = object["timestamp"] as? String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            timestamp = Int64((formatter.date(from: text)!.timeIntervalSince1970 * 1_000).rounded())
        } else {
            let number = (object["timestamp"] as! NSNumber).doubleValue
            timestamp = number < 1e11 ? Int64((number * 1_000).rounded()) : Int64(number)
        }
        let service = attributes["entity.name"] ?? attributes["service.name"] ?? attributes["appName"] ?? "?"
        return Record(file: file, timestamp: timestamp, service: service,
                      level: attributes["level"] ?? attributes["log.level"], message: attributes["message"] ?? "",
                      attributes: attributes)
    }
}
