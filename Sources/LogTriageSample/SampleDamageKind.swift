/// A kind of deliberately damaged line in a JSON-lines sample file.
enum SampleDamageKind: CaseIterable {
    case blank
    case notJSON
    case invalidJSON
    case invalidUTF8

    /// Tie-break order when several kinds share a position.
    var order: Int {
        switch self {
        case .blank: 0
        case .notJSON: 1
        case .invalidJSON: 2
        case .invalidUTF8: 3
        }
    }

    /// Non-JSON lines as they turn up in real exports.
    static let notJSONLines: [String] = [
        "--- log rotated ---",
        "\tat com.acme.gateway.biller.BillerClient.fetchBalance(BillerClient.java:142)",
        "Caused by: java.net.SocketTimeoutException: Read timed out",
        "2026-11-09 14:03:11.123 ERROR 1 --- [nio-8080-exec-7] c.a.gateway.biller.BillerClient : upstream call failed",
        "Exception in thread \"pump-loop-3\" java.lang.IllegalStateException: worker stopped",
    ]

    /// Byte sequences that are not valid UTF-8, spliced into a message.
    static let invalidUTF8Snippets: [[UInt8]] = [
        Array(" customer=M".utf8) + [0xFC] + Array("ller".utf8),
        Array(" note=".utf8) + [0xFF, 0xFE] + Array("x".utf8),
        Array(" name=Jos".utf8) + [0xC3, 0x28],
    ]
}
