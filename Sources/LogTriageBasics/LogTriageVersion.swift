/// The version printed by `logtriage --version` and written into reports.
public enum LogTriageVersion {
    public static let current = "0.1.0"
}
