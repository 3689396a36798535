#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A write that failed because a folder ran out of space (or a quota, or the file size
/// limit, was reached), with what the run needs there: the message a user acts on.
public struct DiskShortage: Sendable, Equatable, CustomStringConvertible {
    /// The folder a user can free or change: the temporary directory (`TMPDIR`) for spools,
    /// else the folder of the report or assignments file.
    public let folder: String
    /// The file whose write failed.
    public let path: String
    public let errno: Int32
    /// Bytes the run had written in `folder` when the write failed.
    public let written: Int64
    /// Input bytes read when the write failed, and the input's total (0 when unknown).
    public let inputRead: Int
    public let inputTotal: Int
    /// Free bytes in `folder` just after the failure, when the file system says.
    public let available: Int64?
    /// The process's file size limit (`ulimit -f`) when that is what stopped the write.
    public let fileSizeLimit: Int64?
    /// Whether `folder` is the temporary directory.
    public let isTemporary: Bool

    /// What the run needs in `folder`: what it wrote there scaled to the whole input, since
    /// spools grow with the records read; the whole input read means "at least what it wrote".
    public var needed: Int64 {
        guard inputTotal > 0, inputRead > 0, inputRead < inputTotal else { return written }
        return Int64((Double(written) * Double(inputTotal) / Double(inputRead)).rounded(.up))
    }

    /// Whether `needed` is an extrapolation from part of the input.
    var isEstimate: Bool { inputTotal > 0 && inputRead > 0 && inputRead < inputTotal }

    public var description: String {
        let reason: String
        if let fileSizeLimit {
            reason = "a file there would exceed the file size limit (ulimit -f: \(Self.size(fileSizeLimit)))"
        } else {
            reason = InputError.reason(errno: errno)
        }
        var text = "not enough space in \(folder): writing \(path) failed: \(reason). "
        if isEstimate {
            let share = String(format: "%.0f%%", 100 * Double(inputRead) / Double(inputTotal))
            text += "The run had written \(Self.size(written)) there after reading \(share) of the input, "
                + "so it needs about \(Self.size(needed)) there"
        } else {
            text += "The run had written \(Self.size(written)) there; it needs at least \(Self.size(needed)) there"
        }
        if fileSizeLimit == nil, let available { text += " (\(Self.size(available)) free now)" }
        text += isTemporary
            ? ". Free space there or set TMPDIR to a folder on a larger disk; nothing was written to the report folder."
            : ". Free space there or write elsewhere (--out, --assignments); the previous report is left as it was."
        return text
    }

    /// Bytes in the unit that reads best: `512 B`, `12.3 KB`, `4.5 MB`, `1.2 GB` (decimal).
    static func size(_ bytes: Int64) -> String {
        let value = Double(bytes)
        if bytes < 1_000 { return "\(bytes) B" }
        if value < 1e6 { return String(format: "%.1f KB", value / 1e3) }
        if value < 1e9 { return String(format: "%.1f MB", value / 1e6) }
        return String(format: "%.1f GB", value / 1e9)
    }
}
