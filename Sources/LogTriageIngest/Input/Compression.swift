/// How the bytes of an input were stored; detected from magic bytes, never the file name.
public enum Compression: String, Sendable, Codable {
    case gzip
    case none
}
