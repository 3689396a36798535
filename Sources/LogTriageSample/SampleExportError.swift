/// Why a sample export could not be generated.
public enum SampleExportError: Error, Equatable, CustomStringConvertible {
    case invalidScale(Double)
    case cannotWriteManifest(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidScale(scale): "scale must be a positive finite number (got \(scale))"
        case let .cannotWriteManifest(path, reason): "cannot write \(path): \(reason)"
        }
    }
}
