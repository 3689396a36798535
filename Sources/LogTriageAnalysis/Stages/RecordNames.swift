/// A record's service, biller and source as the ids the run's context builder interned their
/// texts as (``RecordContextBuilder``): a stage that counts by them looks each text up once
/// per run (``NameTranslation``, ``ServiceStats``, ``BillerStats``), not once per record.
///
/// Ids are the builder's own, so they mean nothing to another run; the texts are in the
/// context's facts.
package struct RecordNames: Sendable {
    /// The service's id (that of ``RecordFacts/noService`` when the record names none).
    package var service: Int32
    /// The biller's id, -1 when the record has none.
    package var billerId: Int32
    /// The source's id, -1 when the record has none.
    package var sourceId: Int32

    /// One number for two ids (a biller and its source, a service and its biller), to find
    /// what is kept per pair.
    static func pair(_ first: Int32, _ second: Int32) -> Int64 {
        Int64(first) << 32 | Int64(UInt32(bitPattern: second))
    }
}
