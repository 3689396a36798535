import Foundation
@testable import LogTriageSample
import LogTriageTestSupport

/// The shared scale-1 sample, parsed once (the file reading is `SampleTestSupport` in
/// LogTriageTestSupport).
extension SampleTestSupport {
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
