// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// The Redis client and the queue sit on every job's hot path, one module apart: their bodies are
/// made available to the modules that call them, so release builds inline across the boundary.
let hotPath: [SwiftSetting] = strict + [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "creatorflow",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "creatorflow", targets: ["creatorflow"]),
        .executable(name: "creatorflow-sandbox", targets: ["creatorflow-sandbox"]),
        // The load client of `ops/bench dashboard` (not deployed).
        .executable(name: "dashboard-load", targets: ["dashboard-load"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CHiredis", pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"]), .brew(["hiredis"])]),
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),

        .target(name: "Domain", swiftSettings: strict),
        .target(name: "Hex", swiftSettings: strict),
        .target(
            name: "Clients",
            dependencies: [
                "CCurl", "Hex", "Domain",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .target(
            name: "Sandbox",
            dependencies: [
                "Hex",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "creatorflow-sandbox",
            dependencies: [
                "Sandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .target(name: "Redis", dependencies: ["CHiredis"], swiftSettings: hotPath),
        .target(
            name: "Queue",
            dependencies: ["Redis", "Domain", .product(name: "Logging", package: "swift-log")],
            swiftSettings: hotPath),
        .target(
            name: "Store",
            dependencies: ["CLibPQ", "Domain", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict),
        .target(
            name: "Jobs",
            dependencies: ["Queue", "Store"],
            swiftSettings: strict),
        .target(
            name: "Worker",
            dependencies: [
                "Queue", "Jobs", "Store", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        .target(
            name: "Scheduler",
            dependencies: [
                "Queue", "Domain", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        .target(
            name: "Fulfilment",
            dependencies: [
                "Domain", "Clients", "Store", "Redis", "Queue", "Jobs", "Worker", "Upstream",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .target(
            name: "Config",
            dependencies: [
                "Domain", "Redis", "Queue", "Worker", "Scheduler", "Store", "Upstream", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict),
        .target(
            name: "Upstream",
            dependencies: ["Clients", "Redis", "Queue", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict),
        .target(
            name: "Receiver",
            dependencies: [
                "Redis", "Queue", "Jobs", "Store", "Upstream", "Domain", "Hex",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            resources: [.copy("Dashboard/Assets")],
            swiftSettings: strict),
        .executableTarget(
            name: "creatorflow",
            dependencies: [
                "Redis", "Queue", "Jobs", "Worker", "Config", "Store", "Receiver", "Scheduler", "Fulfilment", "Clients", "Upstream",
                "Hex",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "dashboard-load",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),

        .target(name: "TestSupport", dependencies: ["Redis", "Queue", "Store"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "QueueTests", dependencies: ["Queue", "Jobs", "Domain", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "WorkerTests", dependencies: ["Worker", "Redis", "Queue", "Jobs", "Config", "Store", "Scheduler", "Domain", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "SchedulerTests", dependencies: ["Scheduler", "Queue", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], swiftSettings: strict),
        .testTarget(name: "CommandTests", dependencies: ["creatorflow"], swiftSettings: strict),
        .testTarget(
            name: "ClientsTests",
            dependencies: ["Clients", "Sandbox", "Store", "Queue", "Fulfilment", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "FulfilmentTests",
            dependencies: [
                "Fulfilment", "Domain", "Clients", "Sandbox", "Store", "Redis", "Queue", "Jobs", "Worker", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "UpstreamTests", dependencies: ["Upstream", "Clients", "Sandbox", "Redis", "Queue", "TestSupport"],
            swiftSettings: strict),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "SandboxTests", dependencies: ["Sandbox", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .testTarget(
            name: "ReceiverTests",
            dependencies: [
                "Receiver", "Store", "Redis", "Queue", "Jobs", "Sandbox", "Domain", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Redis", "Queue", "Jobs", "Worker", "Store", "Receiver", "Clients", "Upstream", "Fulfilment", "Domain",
                "TestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
