/// Whether a record reports a successful or a failed call.
///
/// The explicit `outcome` attribute wins because services log failed calls at INFO or WARN as
/// often as at ERROR; the level decides only when `outcome` is missing or unrecognised.
public enum CallOutcome: Sendable, Hashable {
    case success, failure

    /// `success`/`succeeded`/`ok` → success, `failure`/`failed`/`error` → failure (any case);
    /// anything else falls back to `isError`.
    public init(outcome: String?, isError: Bool) {
        if let outcome {
            switch outcome.lowercased() {
            case "success", "succeeded", "ok":
                self = .success
                return
            case "failure", "failed", "error":
                self = .failure
                return
            default:
                break
            }
        }
        self = isError ? .failure : .success
    }
}
