// DataConnect: connection.json as the emulator writes it, and the client credentials it holds.

import Foundation

/// A client id and secret. `description` never shows the secret.
public struct ClientCredential: Sendable, Equatable, Codable, CustomStringConvertible {
    public let clientId: String
    public let clientSecret: String
    public let objectId: String

    public init(clientId: String, clientSecret: String, objectId: String) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.objectId = objectId
    }

    public var description: String { "client \(clientId)" }
}

/// The emulator's `connection.json` (DESIGN.md §3): endpoints, the CA to trust and the two bootstrap
/// identities.
///
/// ```swift
/// let connection = try ConnectionFile.load(path: "emulator-data/connection.json")
/// let app = try connection.credential(forApp: appId)   // the Data Connect app's secret
/// ```
public struct ConnectionFile: Sendable, Equatable, Codable {
    public let port: Int
    public let caCertFile: String
    public let authorityHost: String
    public let managementEndpoint: String
    public let vaultDnsSuffix: String
    public let portalUrl: String
    public let tenantId: String
    public let subscriptionId: String
    public let admin: ClientCredential
    public let dataConnectApp: ClientCredential

    /// Reads and validates the file; every problem is an `invalidInput` error naming the file and field.
    public static func load(path: String) throws -> ConnectionFile {
        let connection = try JSONInput.decodeFile(ConnectionFile.self, path: path, failure: .invalidInput,
            missingHint: " (the emulator writes connection.json into its data directory once it accepts connections)")
        try connection.validate(source: path)
        return connection
    }

    /// Parses connection.json bytes; `source` names the file in error messages.
    public static func parse(_ data: Data, source: String) throws -> ConnectionFile {
        let connection = try JSONInput.decode(ConnectionFile.self, from: data, source: source, failure: .invalidInput)
        try connection.validate(source: source)
        return connection
    }

    /// The Data Connect application's credential when `appId` is its client id.
    public func credential(forApp appId: String) throws -> ClientCredential {
        guard appId.lowercased() == dataConnectApp.clientId.lowercased() else {
            throw DataConnectError(.invalidInput,
                "application \(appId) is not the Data Connect application of this emulator (connection.json dataConnectApp.clientId is \(dataConnectApp.clientId)); no secret is known for it")
        }
        return dataConnectApp
    }

    private func validate(source: String) throws {
        func fail(_ field: String, _ problem: String) -> DataConnectError {
            DataConnectError(.invalidInput, "\(source): field \(field) \(problem)")
        }
        for (name, value) in [("tenantId", tenantId), ("subscriptionId", subscriptionId)] where !GUIDText.isGUID(value) {
            throw fail(name, "must be a GUID")
        }
        for (name, value) in [("authorityHost", authorityHost), ("managementEndpoint", managementEndpoint)] {
            guard let origin = URLOrigin(value), origin.scheme == "https" else { throw fail(name, "must be an https URL") }
        }
        for (name, credential) in [("admin", admin), ("dataConnectApp", dataConnectApp)] {
            if credential.clientId.isEmpty { throw fail("\(name).clientId", "must not be empty") }
            if credential.clientSecret.isEmpty { throw fail("\(name).clientSecret", "must not be empty") }
        }
        if caCertFile.isEmpty { throw fail("caCertFile", "must not be empty") }
    }
}
