/// A buffered text file, plain or gzip (chosen by a `.gz` name), for outputs that grow with
/// the input (assignments): rows stream to disk through a fixed buffer.
package final class TextOutput {
    private let sink: OutputSink?
    private let gzip: GzipWriter?
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 16

    package init(path: String, compressed: Bool) throws {
        if compressed {
            gzip = try GzipWriter(path: path)
            sink = nil
        } else {
            sink = try OutputSink(path: path)
            gzip = nil
        }
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    package func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushSize { try flush() }
    }

    package func close() throws {
        try flush()
        if let gzip { try gzip.close() }
        if let sink { try sink.close() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        if let gzip { try gzip.write(buffer) }
        if let sink { try buffer.withUnsafeBytes { try sink.write($0) } }
        buffer.removeAll(keepingCapacity: true)
    }
}
