// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "minutes",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "minutes", targets: ["minutes"]),
        .executable(name: "minutes-bench", targets: ["minutes-bench"]),
        .library(name: "MinutesCore", targets: ["MinutesCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // The model, the journal format, replay and queries. Foundation only.
        .target(name: "MinutesCore"),
        // Reports rendered to docx, html, md, txt and csv.
        .target(
            name: "MinutesExport",
            dependencies: ["MinutesCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Existing Word minutes read into the journal (`minutes import`).
        .target(
            name: "MinutesImport",
            dependencies: ["MinutesCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // ncursesw, seen from Swift. Only the terminal backend imports it.
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The full-screen front end: state, keys, views into a cell grid, one curses backend.
        .target(name: "MinutesTUI", dependencies: ["MinutesCore", "MinutesExport", "CNcursesw"]),
        // The command line: thin swift-argument-parser commands.
        .executableTarget(
            name: "minutes",
            dependencies: [
                "MinutesCore", "MinutesExport", "MinutesTUI", "MinutesImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark harness (release build).
        .executableTarget(
            name: "minutes-bench",
            dependencies: [
                "MinutesCore", "MinutesExport", "MinutesTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MinutesCoreTests", dependencies: ["MinutesCore"]),
        .testTarget(
            name: "MinutesExportTests",
            dependencies: ["MinutesExport", "MinutesCore", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "MinutesTUITests",
            dependencies: ["MinutesTUI", "MinutesCore", "TestSupport"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "MinutesCLITests", dependencies: ["MinutesCore", "TestSupport"]),
        .testTarget(
            name: "MinutesImportTests",
            dependencies: ["MinutesImport", "MinutesCore", "MinutesExport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Fixtures"]
        ),
        // What several test targets share: the tmux driver, golden files, running programs.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
    ],
    swiftLanguageModes: [.v6]
)
