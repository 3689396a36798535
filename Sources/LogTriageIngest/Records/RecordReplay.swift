/// Shows records copied by ``RecordCopies`` through a ``RecordView`` of its own, on the
/// thread of the stage that reads them: the stage reads a copy exactly as it would have
/// read the record itself.
package final class RecordReplay {
    private let view: RecordView
    private var arena = ScratchBuffer()
    private var embeddedArena = ScratchBuffer()

    package init(schema: RecordSchema) {
        view = RecordView(schema: schema)
    }

    deinit {
        arena.release()
        embeddedArena.release()
    }

    /// The view showing record `index` of `copies`, valid until the next call (and while
    /// `copies` lives).
    package func view(of index: Int, in copies: RecordCopies) -> RecordView {
        show(index, in: copies)
        return view
    }

    /// The same view for every record, lent without a retain for a loop over a batch: the view
    /// returned for each record was retained and released around the record's work, a few
    /// percent of the thread building the contexts. Valid while this replay lives.
    package var unretainedView: Unmanaged<RecordView> { Unmanaged.passUnretained(view) }

    /// Makes ``unretainedView`` show record `index` of `copies`, until the next call (and while
    /// `copies` lives).
    package func show(_ index: Int, in copies: RecordCopies) {
        let record = copies.records[index]
        var generation = view.generation &+ 1
        if generation == 0 { generation = 1 }
        view.generation = generation
        // A string decoded once becomes at most three times its bytes (U+FFFD for each invalid byte).
        arena.reserve(record.byteCount * 3 + 64)
        embeddedArena.reserve(record.byteCount * 3 + 64)
        view.state.pointee.arena = arena.pointer
        view.state.pointee.arenaUsed = 0
        view.state.pointee.embeddedArena = embeddedArena.pointer
        view.state.pointee.embeddedArenaUsed = 0
        let base = copies.bytes
        for entry in copies.entries(of: index) {
            let target = entry.embedded ? view.embedded : view.values
            target[Int(entry.slot)] = ScannedValue(base: entry.offset < 0 ? nil : UnsafePointer(base + entry.offset),
                                                   count: entry.count, kind: entry.kind, needsDecode: entry.needsDecode,
                                                   priority: entry.priority, generation: generation)
        }
        view.embeddedGeneration = record.hasEmbedded ? generation : 0
        view.position = record.position
        view.isRepaired = record.isRepaired
        view.state.pointee.timestamp = record.timestamp
        view.state.pointee.timestampGeneration = record.timestampKnown ? generation : 0
    }
}
