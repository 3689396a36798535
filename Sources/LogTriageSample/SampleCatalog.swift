/// Fixed names of the sample world: billers, request sources, hosts and entity GUIDs.
///
/// These do not change with `scale` (only record volume does), so features can name
/// them in tests.
enum SampleCatalog {
    /// `B001` … `B020`.
    static let billers: [String] = (1...20).map { number in
        number < 10 ? "B00\(number)" : "B0\(number)"
    }

    /// Relative call volume per biller (skewed: a few large billers, a long tail).
    static let billerWeights: [Double] = [
        12, 10, 6, 8, 5, 4, 4, 3, 6, 3,
        5, 2, 2, 4, 2, 1.5, 9, 1, 1, 0.5,
    ]
    static let billerCumulative: [Double] = cumulative(billerWeights)

    /// Lower-case host of a biller's API, e.g. `b017.billers.example`.
    static let billerHosts: [String] = billers.map { "\($0.lowercased()).billers.example" }

    /// Request channels; `AUTOPAY` is also what autopay-runner always sends.
    static let sources: [String] = ["WEB", "MOBILE", "AUTOPAY", "IVR"]
    static let sourceCumulative: [Double] = cumulative([45, 35, 10, 10])

    /// Hosts (pod names) per service, by `SampleService.rawValue`.
    static let hosts: [[String]] = [
        ["rtd-gateway-7f9c4d6b8-xk2lp", "rtd-gateway-7f9c4d6b8-q8vnw",
         "rtd-gateway-legacy-01", "rtd-gateway-legacy-02"],
        ["pump-worker-6d8f7c9b5-2xkqp", "pump-worker-6d8f7c9b5-9mzt4", "pump-worker-6d8f7c9b5-hq7wd"],
        ["autopay-runner-5b7d9-m2k4x"],
        ["billpay-web-1", "billpay-web-2"],
        ["sync-consumer-84c6f5d7b-4ltzr", "sync-consumer-84c6f5d7b-wp9jd"],
        ["export-consumer-7c5b8f9d4-z6ghn"],
    ]

    /// `entity.guid` per service (base64 of `account|APM|APPLICATION|id`, as New Relic mints them).
    static let entityGUIDs: [String] = [
        "MzI4NjU0MXxBUE18QVBQTElDQVRJT058MTAyMzQ1Njc4",
        "MzI4NjU0MXxBUE18QVBQTElDQVRJT058MTAyMzQ1Njc5",
        "MzI4NjU0MXxBUE18QVBQTElDQVRJT058MTAyMzQ1Njgw",
        "MzI4NjU0MXxBUE18QVBQTElDQVRJT058MTAyMzQ1Njgx",
        "MzI4NjU0MXxBUE18QVBQTElDQVRJT058MTAyMzQ1Njgy",
        "MzI4NjU0MXxBUE18QVBQTElDQVRJT058MTAyMzQ1Njgz",
    ]

    static func host(_ service: SampleService, _ index: Int) -> String {
        hosts[service.rawValue][index]
    }

    static func entityGUID(_ service: SampleService) -> String {
        entityGUIDs[service.rawValue]
    }

    static func cumulative(_ weights: [Double]) -> [Double] {
        var total = 0.0
        return weights.map { total += $0; return total }
    }
}
