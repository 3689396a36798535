#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-wise string order for spooled rows.
///
/// `String`'s own `<` and `==` compare canonically equivalent spellings as equal, which would
/// make two rows with different bytes tie and the sort order depend on input order; bytes do not.
package enum SpoolOrdering {
    /// Negative, zero or positive as `lhs` sorts before, with or after `rhs` by UTF-8 bytes.
    package static func compare(_ lhs: String, _ rhs: String) -> Int {
        var lhs = lhs, rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let shared = min(left.count, right.count)
                if shared > 0 {
                    let result = memcmp(left.baseAddress!, right.baseAddress!, shared)
                    if result != 0 { return Int(result) }
                }
                return left.count - right.count
            }
        }
    }
}
