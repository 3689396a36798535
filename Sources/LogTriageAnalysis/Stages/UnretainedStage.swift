import LogTriageIngest

/// A stage called for each record without being retained for the call.
///
/// Called through `any RecordStage` taken from an array, each stage was retained and released
/// around every call: one pair of atomic operations per stage and record, about a twentieth
/// of the thread that builds the contexts and runs the stages. Here the call goes through the
/// stage's type, with the object lent unretained. Whoever makes one keeps its stage alive for
/// as long as it is called (``StageWorkers`` holds every stage it calls this way).
struct UnretainedStage {
    private let object: Unmanaged<AnyObject>
    private let type: any RecordStage.Type
    /// Whether the stage reads the record itself (``RecordStage/readsRecordView``).
    let readsRecordView: Bool

    init(_ stage: any RecordStage) {
        object = Unmanaged.passUnretained(stage)
        type = Swift.type(of: stage)
        readsRecordView = stage.readsRecordView
    }

    /// ``RecordStage/consume(_:)``, or ``RecordStage/consume(_:view:)`` for a stage that
    /// reads the record.
    @inline(__always)
    func consume(_ context: borrowing RecordContext, view: RecordView?) throws {
        try type.consumeUnretained(object, context, view: readsRecordView ? view : nil)
    }
}

extension RecordStage {
    /// Calls the stage `object` is, lent for the call: the opened type gives the witness, and
    /// `_withUnsafeGuaranteedRef` lends the object without a retain.
    @inline(__always)
    fileprivate static func consumeUnretained(_ object: Unmanaged<AnyObject>, _ context: borrowing RecordContext,
                                              view: RecordView?) throws {
        try Unmanaged<Self>.fromOpaque(object.toOpaque())._withUnsafeGuaranteedRef { stage in
            if let view { try stage.consume(context, view: view) } else { try stage.consume(context) }
        }
    }
}
