/// One of N workers' share of the inputs (`--shard I/N`): every N-th input file in path
/// order, starting at the I-th, counting from 0 as a Kubernetes Indexed Job numbers its pods.
public struct InputShard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(InputShardError) {
        guard count > 0, index >= 0, index < count else { throw .outOfRange(index: index, count: count) }
        self.index = index
        self.count = count
    }

    /// Reads `I/N`, as the command line gives it.
    public init(parsing text: String) throws(InputShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { throw .malformed(text) }
        try self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }
}

public enum InputShardError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case outOfRange(index: Int, count: Int)

    public var description: String {
        switch self {
        case let .malformed(text):
            "--shard takes I/N (the shard's index from 0 and the number of shards), not \(text)"
        case let .outOfRange(index, count):
            "--shard \(index)/\(count): the index counts from 0 and must be below the number of shards, which must be positive"
        }
    }
}
