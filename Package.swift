// swift-tools-version: 6.0
import PackageDescription

// The layers, bottom to top. Each target depends only on the ones above it in this list, so a
// dependency is a line here and a cycle is a compile error:
//   CBuildInfo         the source revision `make` builds from (a C define, so no Swift file changes)
//   CThreadName        names a thread for the system (glibc's call needs _GNU_SOURCE, so it is C)
//   CByteClass         sixteen bytes classified at once for the JSON scanner and the evidence key (SSE2, inlined into Swift)
//   CRE2               RE2, the regular-expression engine NRQL's RLIKE uses, behind a C interface
//   LogTriageBasics    general helpers: files, spools, byte search, stable ids, time, CSV/JSON text
//   LogTriageIngest    bytes → records: input discovery, inflate, framing, JSON records, accounting
//   LogTriageModel     plain values the stages and reports share: categories, tiers, classifications
//   LogTriageAnalysis  the record stages: clusters, categories, stale invoices, outcomes, trends, config
//   LogTriageAlerts    NRQL, the team's conditions, their backtest and the proposals
//   LogTriageHistory   the SQLite run history
//   LogTriageReports   summary.json, CSV tables, report.md and its charts, alerts.tf
//   LogTriageSample    the deterministic sample-export generator (and New Relic's incidents on it)
//   LogTriage          runs a whole analysis over a plan of inputs (what the command line calls)
//   logtriage          the thin command line
// The test targets mirror the libraries: LogTriageBasicsTests … LogTriageTests, one per library
// target, each on the same layer as its library (see the end of `targets`).

// Every test target (and test-support target) is built with this: `@testable import LogTriage`
// loads GRDB too; without it, GRDB's SQL operators (on array-literal types such as
// StatementArguments) leak into every test file and make byte-array concatenations too slow
// to type-check.
let testSettings: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "LogTriage",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "logtriage", targets: ["logtriage"]),
        .library(name: "LogTriage", targets: ["LogTriage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CISAL",
            path: "Sources/CISAL",
            providers: [.apt(["libisal-dev"])]
        ),
        .target(name: "CBuildInfo"),
        .target(name: "CThreadName"),
        .target(name: "CByteClass"),
        // RE2 is C++; this target's three C functions wrap it (Debian's libre2-dev, installed by
        // `make deps`), so no Swift target needs C++ interoperability.
        .target(name: "CRE2", linkerSettings: [.linkedLibrary("re2")]),
        .target(name: "LogTriageBasics", dependencies: ["CZlib", "CISAL", "CBuildInfo", "CThreadName"]),
        .target(name: "LogTriageIngest", dependencies: ["LogTriageBasics", "CISAL", "CZlib", "CByteClass"]),
        .target(name: "LogTriageModel", dependencies: ["LogTriageBasics"]),
        .target(
            name: "LogTriageAnalysis",
            dependencies: [
                "CByteClass", "LogTriageBasics", "LogTriageIngest", "LogTriageModel",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            // The YAML is compiled in (Config/BuiltInText.swift, scripts/embed-resources.py): an
            // installed binary needs no resource bundle.
            exclude: ["Resources"]
        ),
        .target(
            name: "LogTriageAlerts",
            dependencies: [
                "CRE2", "LogTriageBasics", "LogTriageIngest", "LogTriageModel", "LogTriageAnalysis",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "LogTriageHistory",
            dependencies: [
                "LogTriageBasics", "LogTriageModel", "LogTriageAlerts",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "LogTriageReports",
            dependencies: [
                "LogTriageBasics", "LogTriageIngest", "LogTriageModel", "LogTriageAnalysis", "LogTriageAlerts",
                "LogTriageHistory",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(name: "LogTriageSample", dependencies: ["LogTriageBasics", "LogTriageIngest", "LogTriageModel", "LogTriageAlerts"]),
        .target(
            name: "LogTriage",
            dependencies: [
                "LogTriageBasics", "LogTriageIngest", "LogTriageModel", "LogTriageAnalysis", "LogTriageAlerts",
                "LogTriageHistory", "LogTriageReports", "LogTriageSample",
            ]
        ),
        .executableTarget(
            name: "logtriage",
            dependencies: [
                "LogTriage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fuzz harnesses (`make fuzz`, libFuzzer); a plain build makes a replay driver instead.
        .executableTarget(
            name: "logtriage-fuzz",
            dependencies: ["LogTriageIngest", "LogTriageAnalysis", "LogTriageAlerts"]
        ),
        // The test targets mirror the libraries: LogTriageXTests holds the tests of LogTriageX and
        // depends on it (and through it on the layers below), never on a layer above it; a test
        // that needs a higher module (a whole analysis, the sample generator, the built command)
        // sits in that module's test target, and the pipeline, command-line and end-to-end tests
        // in LogTriageTests. What several test targets share is in a support target under
        // Tests/, which only test targets depend on: LogTriageTestSupport (input fixtures, the
        // record-parsing helpers, SplitMix64, the suites several targets extend, sample-file
        // reading) and, one layer up, LogTriageReportsTestSupport (reading rendered tables and
        // charts back). Neither uses `@testable import`, so a release build of every target works.
        .target(
            name: "LogTriageTestSupport",
            dependencies: ["LogTriageBasics", "LogTriageIngest", "CZlib"],
            path: "Tests/LogTriageTestSupport",
            swiftSettings: testSettings
        ),
        .target(
            name: "LogTriageReportsTestSupport",
            dependencies: ["LogTriageReports"],
            path: "Tests/LogTriageReportsTestSupport",
            swiftSettings: testSettings
        ),
        .testTarget(name: "LogTriageBasicsTests", dependencies: ["LogTriageBasics"], swiftSettings: testSettings),
        .testTarget(
            name: "LogTriageIngestTests",
            dependencies: ["LogTriageIngest", "LogTriageTestSupport"],
            swiftSettings: testSettings
        ),
        .testTarget(name: "LogTriageModelTests", dependencies: ["LogTriageModel"], swiftSettings: testSettings),
        .testTarget(
            name: "LogTriageAnalysisTests",
            dependencies: ["LogTriageAnalysis", "LogTriageTestSupport", .product(name: "Yams", package: "Yams"),
                           .product(name: "Histogram", package: "hdrhistogram-swift")],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "LogTriageAlertsTests",
            dependencies: ["LogTriageAlerts", "LogTriageTestSupport"],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "LogTriageHistoryTests",
            dependencies: [
                "LogTriageHistory",
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "LogTriageReportsTests",
            dependencies: [
                "LogTriageReports", "LogTriageTestSupport", "LogTriageReportsTestSupport",
                .product(name: "Ink", package: "Ink"), // markdown reference for report tables, tests only
            ],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "LogTriageSampleTests",
            dependencies: ["LogTriageSample", "LogTriageTestSupport"],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "LogTriageTests",
            dependencies: [
                "LogTriage", "LogTriageTestSupport", "LogTriageReportsTestSupport",
                .product(name: "Ink", package: "Ink"), // markdown reference for report tables, tests only
                .product(name: "CSV", package: "CSV.swift"), // reads the written CSVs back
                .product(name: "Yams", package: "Yams"), // reads the Kubernetes recipe
            ],
            swiftSettings: testSettings
        ),
    ],
    swiftLanguageModes: [.v6],
    // CRE2's one C++ file: RE2's newer headers need C++17 (Abseil).
    cxxLanguageStandard: .cxx17
)
