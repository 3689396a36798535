import Foundation
import Testing
@testable import LogTriageBasics
@testable import LogTriageIngest

/// The decoded bytes, the ending and the compression of one input.
///
/// A file is decoded twice, by a stream that decodes ahead on its own thread and by one that
/// decodes on the reading thread (`decodesAhead: false`, as with `--jobs 1`): any difference
/// in their bytes, chunks, ending or compression is recorded as an issue of the calling test.
struct DecodedInput {
    var bytes: [UInt8] = []
    var chunkCount = 0
    var ending: StreamEnding = .complete
    var compression: Compression = .none

    init(_ source: InputSource, chunkSize: Int = 1 << 20, bufferCount: Int = 4) throws {
        try self.init(source, chunkSize: chunkSize, bufferCount: bufferCount, decodesAhead: true)
        guard case .file = source else { return }
        let onReadingThread = try Self(source, chunkSize: chunkSize, bufferCount: bufferCount, decodesAhead: false)
        let same = (onReadingThread.bytes == bytes, onReadingThread.chunkCount == chunkCount,
                    onReadingThread.ending == ending, onReadingThread.compression == compression)
        if same != (true, true, true, true) {
            Issue.record("decoded on the reading thread: bytes, chunks, ending, compression the same: \(same)")
        }
    }

    private init(_ source: InputSource, chunkSize: Int, bufferCount: Int, decodesAhead: Bool) throws {
        let stream = try DecodedInputStream(source: source, chunkSize: chunkSize, bufferCount: bufferCount,
                                            decodesAhead: decodesAhead)
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
