/// The indices a ``NameTable`` gives the names of a run's records, by the ids the run's
/// context builder interned them as (``InternedTexts``), learned on each id's first use.
///
/// A stage that numbers names of its own (to keep them in compact rows or cells) otherwise
/// hashes the same service or biller text on every record; through this it hashes each once.
/// The table is asked in the same order as without the translation, only less often, so every
/// name gets the index it would have had.
package struct NameTranslation: Sendable {
    /// Per id, the table's index, -2 while unknown.
    private var indices: [Int32] = []

    package init() {}

    /// The table's index of `name`, whose id in the run is `id` (-1: no name, index -1).
    package mutating func index(of id: Int32, name: String?, in table: inout NameTable) -> Int32 {
        guard id >= 0 else { return -1 }
        let position = Int(id)
        if position < indices.count {
            let known = indices[position]
            if known != -2 { return known }
        } else {
            indices.append(contentsOf: repeatElement(-2, count: position + 1 - indices.count))
        }
        let index = table.index(name)
        indices[position] = index
        return index
    }
}
