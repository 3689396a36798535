/// Interned names (services, billers, sources): bounded by the distinct values.
package struct NameTable {
    private var indices: [String: Int32] = [:]
    private var names: [String] = []

    package init() {}

    package mutating func index(_ name: String?) -> Int32 {
        guard let name else { return -1 }
        if let known = indices[name] { return known }
        let index = Int32(names.count)
        names.append(name)
        indices[name] = index
        return index
    }

    package func name(_ index: Int32) -> String? { index >= 0 ? names[Int(index)] : nil }

    /// Every name, at its index.
    package var all: [String] { names }

    /// The index of a name already interned, without adding it.
    package func existingIndex(_ name: String) -> Int32? { indices[name] }
}
