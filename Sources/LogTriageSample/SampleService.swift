/// The applications whose logs make up the sample week.
enum SampleService: Int, CaseIterable, Comparable {
    case rtdGateway
    case pumpWorker
    case autopayRunner
    case billpayWeb
    case syncConsumer
    case exportConsumer

    /// The name the application reports (`entity.name`, `service.name` or `appName`).
    var name: String {
        switch self {
        case .rtdGateway: "rtd-gateway"
        case .pumpWorker: "pump-worker"
        case .autopayRunner: "autopay-runner"
        case .billpayWeb: "billpay-web"
        case .syncConsumer: "sync-consumer"
        case .exportConsumer: "export-consumer"
        }
    }

    static func < (lhs: SampleService, rhs: SampleService) -> Bool { lhs.rawValue < rhs.rawValue }
}
