import LogTriageBasics

/// Reads the parts of a run side by side, a thread each, and returns what each read gave, in
/// part order (`analyze` and `patterns` with several files and jobs to spare).
///
/// The first part that fails raises `stop`, so that the others throw ``StoppedByAnotherPart``
/// at their next record instead of reading their files to the end for a run that has already
/// failed; the run's error is the first real failure in part order.
func readPartsSideBySide<Value>(_ count: Int, stop: StopSignal, _ read: (_ part: Int) throws -> Value) throws -> [Value] {
    let outcomes = mapConcurrently(Array(0..<count), threads: count) { part -> Result<Value, any Error> in
        do {
            return .success(try read(part))
        } catch {
            stop.raise()
            return .failure(error)
        }
    }
    var values: [Value] = []
    var failures: [any Error] = []
    for outcome in outcomes {
        switch outcome {
        case let .success(value): values.append(value)
        case let .failure(error): failures.append(error)
        }
    }
    if let failure = failures.first(where: { !($0 is StoppedByAnotherPart) }) ?? failures.first { throw failure }
    return values
}

/// Thrown by a part of a run read side by side when another part has failed.
struct StoppedByAnotherPart: Error, CustomStringConvertible {
    var description: String { "stopped: another part of the run failed" }
}
