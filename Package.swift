// swift-tools-version: 6.1
// maildesk — email-to-ticket processor. Targets are layered; read top to bottom:
//   C shims → pure MIME → pure helpdesk logic → config / storage / transport → services → executables.
// Pure targets (MailMIME, HelpdeskCore, HelpdeskText, HelpdeskInsight) never import an I/O target.
import PackageDescription

let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let lifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let toml = Target.Dependency.product(name: "TOMLKit", package: "TOMLKit")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")
let ink = Target.Dependency.product(name: "Ink", package: "Ink")

let package = Package(
    name: "maildesk",
    products: [
        .executable(name: "maildesk", targets: ["maildesk"]),
        .executable(name: "maildesk-bench", targets: ["maildesk-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // C shims: typed wrappers over variadic libcurl calls; libxml2 headers without ICU.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),

        // Pure: bytes in, values out. No files, sockets or database.
        .target(name: "MailMIME", dependencies: ["CLibXML2", crypto]),
        .target(name: "HelpdeskCore", dependencies: ["MailMIME", crypto]),
        // Pure text understanding: tokenizer, hashed TF-IDF features, classifiers, CSV.
        .target(name: "HelpdeskText"),
        // Pure insight: stats figures, percentiles, terminal and SVG charts, the HTML report, topic clustering.
        .target(name: "HelpdeskInsight", dependencies: ["HelpdeskText"]),
        // Pure knowledge base: article front matter (YAML) and Markdown, FTS query building, ranking,
        // confidence calibration, the "solved" reply detector.
        .target(name: "HelpdeskKB", dependencies: ["HelpdeskText", yams, ink]),
        // Pure sentence embeddings: safetensors, WordPiece and a BERT encoder (all-MiniLM-L6-v2) over OpenBLAS.
        .target(name: "HelpdeskEmbedding", dependencies: ["CBLAS"]),

        // Edges: configuration file, SQLite storage, IMAP/SMTP over libcurl.
        .target(name: "MaildeskConfig", dependencies: ["HelpdeskCore", toml]),
        .target(name: "MaildeskStore", dependencies: ["MailMIME", "HelpdeskCore", "HelpdeskKB", grdb, crypto]),
        .target(name: "MailTransport", dependencies: ["CCurl", logging]),

        // Services: ingest pipeline, IMAP poller, outbox sender, wiring.
        .target(name: "MaildeskServices", dependencies: [
            "MailMIME", "HelpdeskCore", "HelpdeskText", "HelpdeskInsight", "HelpdeskKB", "MaildeskConfig", "MaildeskStore", "MailTransport",
            logging, lifecycle, crypto,
        ]),

        // Thin executables.
        .executableTarget(name: "maildesk", dependencies: ["MaildeskServices", "HelpdeskText", "HelpdeskInsight", "HelpdeskKB", argumentParser, logging]),
        // libFuzzer target for the parser, HTML → text and reply trimming (built with -DFUZZING and
        // --sanitize=fuzzer; a replay tool otherwise).
        .executableTarget(name: "fuzz-mime", dependencies: ["MailMIME", "HelpdeskCore"]),
        .executableTarget(name: "maildesk-bench", dependencies: [
            "MaildeskServices", "MaildeskStore", "MailTransport", "MailMIME", "MaildeskConfig", "HelpdeskCore", "HelpdeskText", "HelpdeskKB",
            "HelpdeskEmbedding", grdb, argumentParser, logging,
        ]),

        // Helpers shared by test targets (a fake systemd notify socket).
        .target(name: "MaildeskTestSupport", path: "Tests/MaildeskTestSupport"),
        .testTarget(name: "MailMIMETests", dependencies: ["MailMIME"]),
        .testTarget(name: "HelpdeskCoreTests", dependencies: ["HelpdeskCore", "MailMIME"]),
        .testTarget(name: "HelpdeskTextTests", dependencies: ["HelpdeskText"]),
        .testTarget(name: "HelpdeskInsightTests", dependencies: ["HelpdeskInsight"]),
        .testTarget(name: "HelpdeskKBTests", dependencies: ["HelpdeskKB", "HelpdeskText"]),
        .testTarget(name: "HelpdeskEmbeddingTests", dependencies: ["HelpdeskEmbedding"]),
        .testTarget(name: "MaildeskConfigTests", dependencies: ["MaildeskConfig"]),
        .testTarget(name: "MaildeskStoreTests", dependencies: ["MaildeskStore", grdb]),
        .testTarget(name: "MaildeskServicesTests", dependencies: ["MaildeskServices", "MaildeskStore", "HelpdeskText", "HelpdeskInsight", "HelpdeskKB", "MaildeskConfig", "MailMIME", "MaildeskTestSupport", grdb],
                    exclude: ["Goldens"]),
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport", logging]),
        .testTarget(name: "IntegrationTests", dependencies: [
            "MaildeskServices", "MailTransport", "MaildeskStore", "MaildeskConfig", "MailMIME", "MaildeskTestSupport", grdb, logging,
        ]),
    ],
    swiftLanguageModes: [.v6]
)
