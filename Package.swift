// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// `COCKPIT_FUZZ=1` (scripts/fuzz.sh, docs/FUZZING.md) adds the libFuzzer harness `cockpit-fuzz` and instruments the
/// code it drives for coverage; a normal build never sees either.
let fuzzing = ProcessInfo.processInfo.environment["COCKPIT_FUZZ"] == "1"
let fuzzCoverage: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer"])] : []

/// cockpit: a multi-tenant control plane and AI gateway with an ncurses cockpit.
/// One core (CockpitCore), two faces (CockpitTUI, ProxyServer), one executable (`cockpit`).
let package = Package(
    name: "cockpit",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cockpit", targets: ["cockpit"]),
        .library(name: "CockpitCore", targets: ["CockpitCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System-library shims: a module map plus a small header each.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CPostgres", path: "Sources/CPostgres", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CHiredis", path: "Sources/CHiredis", providers: [.apt(["libhiredis-dev"])]),
        /// Hyperscan (x86_64 with SSSE3; Vectorscan, `libvectorscan-dev`, is the portable fork with the same API).
        .systemLibrary(
            name: "CHyperscan", path: "Sources/CHyperscan", pkgConfig: "libhs",
            providers: [.apt(["libhyperscan-dev"])]),
        .systemLibrary(name: "CSodium", path: "Sources/CSodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CCrypt", path: "Sources/CCrypt", providers: [.apt(["libcrypt-dev"])]),
        .systemLibrary(name: "CSpawn", path: "Sources/CSpawn"),
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),

        /// Versioned SQL, embedded into the binary so an installed `cockpit` needs no files beside it.
        .executableTarget(name: "embed-migrations", path: "Sources/embed-migrations"),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["embed-migrations"]),
        .target(
            name: "CockpitMigrations",
            path: "migrations",
            exclude: ["README.md", "postgres", "sqlite"],
            plugins: ["EmbedMigrations"]
        ),
        /// Data files shipped inside the binary (the model price table), embedded the same way.
        .target(
            name: "CockpitData", path: "data", exclude: ["README.md", "model_prices.json"],
            sources: ["EmbeddedData.swift"], plugins: ["EmbedMigrations"]),
        .target(
            name: "CockpitCore",
            dependencies: [
                "CSQLite", "CPostgres", "CSodium", "CCrypt", "CCurl", "CHiredis", "CHyperscan", "CLinux",
                "CockpitMigrations", "CockpitData",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: fuzzCoverage
        ),
        /// The /v1 wire contract: request and response types shared by the server and the cockpit's remote backend.
        .target(name: "CockpitAPI", dependencies: ["CockpitCore"]),
        .target(
            name: "ProxyServer",
            dependencies: [
                "CockpitCore", "CockpitAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        /// The cockpit's colour themes (themes/*.yaml), embedded the same way.
        .target(
            name: "CockpitThemes", path: "themes",
            exclude: ["default.yaml", "light.yaml", "high-contrast.yaml", "mono.yaml"],
            sources: ["EmbeddedThemes.swift"], plugins: ["EmbedMigrations"]),
        .target(
            name: "CockpitTUI",
            dependencies: [
                "CockpitCore", "CockpitAPI", "CNcursesw", "CockpitThemes", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: fuzzCoverage),
        .executableTarget(
            name: "cockpit",
            dependencies: [
                "CockpitCore", "ProxyServer", "CockpitTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "CockpitTesting",
            dependencies: [
                "CockpitCore",
                "CSpawn",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        /// The fake Zitadel of the tests, runnable by hand for demos.
        .executableTarget(
            name: "fake-zitadel",
            dependencies: ["CockpitCore", "CockpitTesting", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Sources/fake-zitadel"
        ),
        /// The fake LLM upstream of the tests, for benchmarks (scripts/bench/gateway.sh) and demos.
        .executableTarget(
            name: "fake-upstream",
            dependencies: ["CockpitTesting", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Sources/fake-upstream"
        ),
        /// Benchmarks that print figures (scripts/bench/…); built in release mode.
        .executableTarget(
            name: "cockpit-bench", dependencies: ["CockpitCore", "CockpitTUI"], path: "Sources/cockpit-bench"),

        .testTarget(
            name: "ShimTests",
            dependencies: ["CSQLite", "CPostgres", "CCurl", "CNcursesw", "CHiredis", "CSodium", "CCrypt"]),
        .testTarget(name: "CockpitCoreTests", dependencies: ["CockpitCore", "CockpitTesting"]),
        .testTarget(name: "CLITests", dependencies: ["CockpitCore", "CockpitTesting"]),
        .testTarget(name: "ProviderWireTests", dependencies: ["CockpitCore", "CockpitTesting"], exclude: ["Fixtures"]),
        .testTarget(
            name: "CockpitTUITests", dependencies: ["CockpitTUI", "CockpitCore", "CockpitTesting"],
            exclude: ["Snapshots"]),
        .testTarget(
            name: "ProxyServerTests",
            dependencies: [
                "ProxyServer", "CockpitCore", "CockpitAPI", "CockpitTesting", "CockpitTUI",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

if fuzzing {
    /// The fuzz harness: one libFuzzer entry point, the target chosen by COCKPIT_FUZZ_TARGET. Build it alone
    /// (`--product cockpit-fuzz`) in its own scratch path: the instrumented core links into nothing else.
    package.products.append(.executable(name: "cockpit-fuzz", targets: ["cockpit-fuzz"]))
    package.targets.append(.systemLibrary(name: "CLibFuzzer", path: "Sources/CLibFuzzer"))
    package.targets.append(
        .executableTarget(
            name: "cockpit-fuzz",
            dependencies: [
                "CLibFuzzer", "CockpitCore", "CockpitTUI", .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/cockpit-fuzz",
            swiftSettings: [.unsafeFlags(["-sanitize=fuzzer", "-parse-as-library"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]
        ))
}
