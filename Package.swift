// swift-tools-version: 6.0
//
// Local emulator of Azure Key Vault (keys) and Microsoft Graph Data Connect.
// The package depends on nothing outside the Swift toolchain: C libraries come
// from Debian through the system-library targets below (see docs/architecture.md).

import PackageDescription

/// One system-library target per C library, each found through pkg-config.
func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(name: name, path: "Sources/\(name)", pkgConfig: pkgConfig, providers: [.apt([apt])])
}

let package = Package(
    name: "keyvault-emulator",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "keyvault-emulator", targets: ["keyvault-emulator"]),
        .executable(name: "dataconnect-agent", targets: ["dataconnect-agent"]),
    ],
    targets: [
        // C libraries (only the wrapper targets import these).
        systemLibrary("COpenSSL", pkgConfig: "openssl", apt: "libssl-dev"),
        systemLibrary("CSQLite", pkgConfig: "sqlite3", apt: "libsqlite3-dev"),
        systemLibrary("CCurl", pkgConfig: "libcurl", apt: "libcurl4-openssl-dev"),
        systemLibrary("CEvent", pkgConfig: "libevent_openssl", apt: "libevent-dev"),
        systemLibrary("CZlib", pkgConfig: "zlib", apt: "zlib1g-dev"),

        // Wrappers: each owns the C pointers of one library.
        .target(name: "VaultCrypto", dependencies: ["COpenSSL"]),
        .target(name: "Storage", dependencies: ["CSQLite"]),
        .target(name: "HTTPServer", dependencies: ["CEvent", "COpenSSL"]),
        .target(name: "HTTPClient", dependencies: ["CCurl"]),
        .target(name: "Compression", dependencies: ["CZlib"]),

        // Domain: no HTTP, no C.
        .target(name: "ServiceCore"),
        .target(name: "Identity", dependencies: ["ServiceCore", "VaultCrypto", "Storage"]),
        .target(name: "Authorization", dependencies: ["ServiceCore"]),
        .target(name: "KeyVault", dependencies: ["ServiceCore", "VaultCrypto", "Storage"]),
        .target(name: "Management", dependencies: ["ServiceCore", "Authorization", "Storage"]),
        .target(name: "DataConnect", dependencies: ["VaultCrypto", "HTTPClient", "Compression"]),
        // Data Connect app registrations and admin approval, served on the management host.
        .target(name: "DataConnectRegistry", dependencies: ["ServiceCore", "Storage", "Management"]),

        // Client side of a running emulator: connection.json, tokens, ARM and data-plane calls
        // (the admin subcommands and the portal walkthrough).
        .target(name: "EmulatorClient", dependencies: ["HTTPClient"]),

        // Wiring: the only target that knows every other one.
        .target(name: "Emulator", dependencies: [
            "ServiceCore", "VaultCrypto", "Storage", "HTTPServer", "HTTPClient",
            "Identity", "Authorization", "KeyVault", "Management", "DataConnectRegistry", "EmulatorClient",
        ]),

        // Thin executables.
        .executableTarget(name: "keyvault-emulator", dependencies: ["Emulator", "EmulatorClient"]),
        .executableTarget(name: "dataconnect-agent", dependencies: ["DataConnect"]),

        // Tier 1 (in-process) and tier 2 (live server on port 0) tests.
        .testTarget(name: "VaultCryptoTests", dependencies: ["VaultCrypto"], exclude: ["Vectors"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "HTTPClient", "VaultCrypto"]),
        .testTarget(name: "CompressionTests", dependencies: ["Compression"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient"]),
        .testTarget(name: "DomainTests", dependencies: ["Identity", "Authorization", "KeyVault", "Management"]),
        .testTarget(name: "ServiceCoreTests", dependencies: ["ServiceCore"]),
        .testTarget(name: "EmulatorTests", dependencies: ["Emulator", "EmulatorClient", "HTTPClient"]),
        .testTarget(name: "DataConnectTests", dependencies: ["DataConnect", "VaultCrypto", "Compression"]),
        .testTarget(name: "DataConnectRegistryTests", dependencies: ["DataConnectRegistry", "Management", "Storage", "ServiceCore"]),
    ]
)
