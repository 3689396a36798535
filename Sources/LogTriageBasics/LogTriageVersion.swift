import CBuildInfo

/// The version printed by `logtriage --version` and written into reports.
public enum LogTriageVersion {
    public static let current = "0.1.0"

    /// The git commit the binary was built from (`make` writes it; "unknown" for a plain
    /// `swift build`), with "-dirty" when the tree had uncommitted changes.
    public static let sourceRevision = String(cString: logtriage_source_revision())

    /// What `--version` prints: the version and the source revision.
    public static let description = "\(current) (\(sourceRevision))"
}
