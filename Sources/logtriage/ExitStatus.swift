import ArgumentParser

/// The exit statuses of every command: stable, documented in `--help` and the README, so a
/// batch job can tell a damaged week from a missing one.
enum ExitStatus {
    /// The report was written.
    static let success = ExitCode.success
    /// An error: bad configuration or conditions, an unwritable output, a failed stage.
    static let failure = ExitCode.failure
    /// `--strict` and some input was damaged; the report was written first.
    static let damagedInput = ExitCode(2)
    /// Nothing to report: an input path does not exist, no input file was found, or no record
    /// was read (unless `--allow-empty`); nothing was written.
    static let noInput = ExitCode(3)
    /// A folder ran out of space (or a quota or the file size limit was reached) while the
    /// run wrote its spools or its report; the message names the folder and what the run
    /// needs there. Temporary files are removed and the previous report is left as it was.
    static let noSpace = ExitCode(4)
    /// A usage error: an unknown option or a bad option value (swift-argument-parser's own).
    static let usage = ExitCode.validationFailure

    /// The lines `--help` shows.
    static let help = """
        Exit status: 0 the report was written; 1 error (bad configuration or conditions, \
        unwritable output); 2 with --strict when any input was damaged (the report is written \
        first); 3 no input: a path does not exist, no input file or no record was found \
        (nothing is written; --allow-empty writes an empty report instead); 4 not enough disk \
        space in the temporary folder (TMPDIR) or the report folder (the message says how much \
        the run needs; the previous report is kept); 64 usage error.
        """
}
