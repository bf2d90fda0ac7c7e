// DataConnect: what `dataconnect-agent run` was asked to do, validated before anything happens.

import Foundation

/// The options of one delivery run (the `run` command's flags).
public struct DeliveryOptions: Sendable, Equatable {
    public static let defaultRows = 200
    public static let defaultFiles = 4
    public static let maximumRows = 10_000_000
    public static let maximumFiles = 1000
    /// 2^53 - 1: the largest integer every JSON parser reads exactly (run.json records the seed).
    public static let maximumSeed: UInt64 = 9_007_199_254_740_991

    public var connectionPath: String
    public var appId: String
    public var vaultURL: String
    public var dataset: String
    public var destination: String
    /// nil: a fresh seed is drawn and recorded in run.json.
    public var seed: UInt64?
    public var requireEncryption = false
    public var rows = DeliveryOptions.defaultRows
    public var files = DeliveryOptions.defaultFiles
    public var wrapAlgorithm = KeyWrapAlgorithm.default
    /// nil: `SyntheticTenant.defaultFixtureDirectory`.
    public var fixturesDirectory: String?
    /// Columns, group scope, date window, SharePoint mode (default: everything).
    public var extraction = ExtractionOptions()

    public init(connectionPath: String, appId: String, vaultURL: String, dataset: String, destination: String) {
        self.connectionPath = connectionPath
        self.appId = appId
        self.vaultURL = vaultURL
        self.dataset = dataset
        self.destination = destination
    }

    /// Checks what can be checked without reading files: counts, dataset name, extraction options,
    /// vault URL shape.
    /// Every problem is a `usage` error.
    public func validate() throws -> (DatasetDefinition, URLOrigin) {
        guard (1...DeliveryOptions.maximumRows).contains(rows) else {
            throw DataConnectError(.usage, "--rows must be between 1 and \(DeliveryOptions.maximumRows), got \(rows)")
        }
        guard (1...DeliveryOptions.maximumFiles).contains(files) else {
            throw DataConnectError(.usage, "--files must be between 1 and \(DeliveryOptions.maximumFiles), got \(files)")
        }
        guard files <= rows else {
            throw DataConnectError(.usage, "--files (\(files)) must not exceed --rows (\(rows)): every file holds at least one row")
        }
        if let seed, seed > DeliveryOptions.maximumSeed {
            throw DataConnectError(.usage, "--seed must be between 0 and \(DeliveryOptions.maximumSeed), got \(seed)")
        }
        let dataset = try DatasetCatalog.lookup(self.dataset)
        _ = try extraction.validate(for: dataset.schema)   // group names are checked once the tenant is loaded
        return (dataset, try DeliveryOptions.vaultOrigin(vaultURL))
    }

    /// `https://{vault}.vault.<sfx>[:port]` with no path, query or credentials.
    public static func vaultOrigin(_ text: String) throws -> URLOrigin {
        guard let components = URLComponents(string: text), let origin = URLOrigin(text) else {
            throw DataConnectError(.usage, "--vault must be a URL such as https://kv1.vault.localhost:8443, got \(text)")
        }
        guard origin.scheme == "https" else {
            throw DataConnectError(.usage, "--vault must be an https URL (tokens are never sent in clear), got \(text)")
        }
        guard components.path.isEmpty || components.path == "/", components.query == nil, components.user == nil else {
            throw DataConnectError(.usage, "--vault must be the vault's base URL without path or query, got \(text)")
        }
        return origin
    }
}
