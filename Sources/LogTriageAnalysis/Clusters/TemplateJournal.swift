import Foundation

/// The messages that changed a ``TemplateMiner``, in the order they came, each with the file
/// it was read from and the id the miner gave it.
///
/// A repeat of a masked form never changes the miner, so the templates of a run depend only
/// on these messages and their order. Replaying the journals of partial runs in the order a
/// single run reads their files rebuilds that run's templates, and the ids in each journal
/// say which of the replayed templates each partial's clusters stand for.
final class TemplateJournal {
    struct Entry: Codable, Equatable {
        /// Index of the file in the partial run's ingest summary.
        var file: Int
        /// The message as the miner got it (raw UTF-8, before masking).
        var message: Data
        var id: TemplateID
    }

    private(set) var entries: [Entry] = []
    /// The file of the record being clustered.
    var file = 0
    /// Message bytes kept at most; past them the journal lets go of its entries and is full.
    let byteLimit: Int
    private var bytes = 0
    /// Whether the messages outgrew ``byteLimit``: the journal can no longer be replayed.
    private(set) var isFull = false

    init(byteLimit: Int = .max) {
        self.byteLimit = byteLimit
    }

    func note(_ message: UnsafeBufferPointer<UInt8>, id: TemplateID) {
        guard !isFull else { return }
        bytes += message.count
        guard bytes <= byteLimit else {
            isFull = true
            entries = []
            return
        }
        entries.append(Entry(file: file, message: Data(buffer: message), id: id))
    }
}
