import LogTriageModel

/// One 32-bit count per category, kept in place.
///
/// Every window of every replayed condition holds one. An array was a heap object of its own
/// per window (80 bytes and a reference to count), more than the window's other figures
/// together; one facet value's window never holds two billion records.
struct CategoryTally: Sendable {
    /// One count per `Category.allCases` position.
    static let width = 9
    private var counts: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0, 0, 0, 0, 0)

    init() {
        assert(Category.allCases.count == Self.width, "a count per category")
    }

    /// The counts of an array as ``array`` gives them; nil unless it holds one per category.
    init?(_ array: [Int32]) {
        guard array.count == Self.width else { return nil }
        self.init()
        for (index, count) in array.enumerated() { self[index] = count }
    }

    /// The count at `Category.allCases` position `index`.
    subscript(index: Int) -> Int32 {
        get {
            precondition(index >= 0 && index < Self.width, "a category position")
            return withUnsafeBytes(of: counts) { $0.load(fromByteOffset: index * 4, as: Int32.self) }
        }
        set {
            precondition(index >= 0 && index < Self.width, "a category position")
            withUnsafeMutableBytes(of: &counts) { $0.storeBytes(of: newValue, toByteOffset: index * 4, as: Int32.self) }
        }
    }

    /// The counts in category order.
    var array: [Int32] { (0..<Self.width).map { self[$0] } }

    mutating func add(_ other: CategoryTally) {
        for index in 0..<Self.width { self[index] += other[index] }
    }
}
