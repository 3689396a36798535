/// A byte-order mark of a text encoding that is not UTF-8, found at the start of a file.
///
/// Windows PowerShell's `>` writes UTF-16; read as UTF-8 such a file is a stream of damaged
/// lines with no hint of why. It is refused as a whole, with the command that converts it.
struct TextEncodingMark: Equatable {
    /// The encoding's name, shown as the file's framing in ingest.csv.
    let name: String
    /// The bytes of the mark.
    let mark: [UInt8]
    /// False while only a prefix of the mark has been seen.
    let isRefused: Bool

    /// Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
    private static let known: [(name: String, iconv: String, mark: [UInt8])] = [
        ("utf-32le", "UTF-32LE", [0xFF, 0xFE, 0x00, 0x00]),
        ("utf-32be", "UTF-32BE", [0x00, 0x00, 0xFE, 0xFF]),
        ("utf-16le", "UTF-16LE", [0xFF, 0xFE]),
        ("utf-16be", "UTF-16BE", [0xFE, 0xFF]),
    ]

    /// The mark `bytes` begin with; nil for anything else (UTF-8, with or without its own
    /// mark). When `bytes` are too short to tell UTF-16 LE from UTF-32 LE, a mark that is not
    /// yet refused is returned so the caller waits for more bytes.
    static func detect(_ bytes: UnsafeRawBufferPointer) -> TextEncodingMark? {
        for entry in known where bytes.count >= entry.mark.count && zip(bytes, entry.mark).allSatisfy({ $0 == $1 }) {
            // FF FE 00 00 is UTF-32 LE; FF FE followed by anything else is UTF-16 LE.
            return TextEncodingMark(name: entry.name, mark: entry.mark, isRefused: true, iconv: entry.iconv)
        }
        if bytes.count < 4, !bytes.isEmpty {
            let partial = known.contains { entry in
                entry.mark.count > bytes.count && zip(bytes, entry.mark).allSatisfy { $0 == $1 }
            }
            if partial { return TextEncodingMark(name: "", mark: [], isRefused: false, iconv: "") }
        }
        return nil
    }

    private let iconv: String

    private init(name: String, mark: [UInt8], isRefused: Bool, iconv: String) {
        self.name = name
        self.mark = mark
        self.isRefused = isRefused
        self.iconv = iconv
    }

    /// Why the file is not read, and how to make it readable.
    var refusal: String {
        "the file is \(iconv) text (byte-order mark \(mark.map { hex($0) }.joined(separator: " "))), not UTF-8: "
            + "convert it first, e.g. iconv -f \(iconv) -t UTF-8 FILE > FILE.json"
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
