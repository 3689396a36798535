import Foundation
@testable import LogTriageBasics
@testable import LogTriageIngest

/// The decoded bytes, the ending and the compression of one input.
struct DecodedInput {
    var bytes: [UInt8] = []
    var chunkCount = 0
    var ending: StreamEnding = .complete
    var compression: Compression = .none

    init(_ source: InputSource, chunkSize: Int = 1 << 20, bufferCount: Int = 4) throws {
        let stream = try DecodedInputStream(source: source, chunkSize: chunkSize, bufferCount: bufferCount)
        compression = stream.compression
        while stream.nextChunk({ chunk in
            precondition(!chunk.isEmpty && chunk.count <= chunkSize)
            bytes.append(contentsOf: chunk)
            chunkCount += 1
        }) {}
        ending = stream.ending
    }

    init(path: String, chunkSize: Int = 1 << 20, bufferCount: Int = 4) throws {
        try self.init(.file(path), chunkSize: chunkSize, bufferCount: bufferCount)
    }
}

extension StreamEnding {
    var isTruncated: Bool {
        if case .truncated = self { return true }
        return false
    }

    var reason: String? {
        switch self {
        case .complete: nil
        case let .truncated(reason), let .readError(reason): reason
        }
    }
}
