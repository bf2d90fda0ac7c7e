// Emulator: connection.json, the contract between a running emulator and its clients (DESIGN.md §3).

import Foundation

/// Everything a client needs to reach the emulator, written atomically once connections are
/// accepted. Field names and meaning are a contract (shared/DESIGN.md §3).
public struct ConnectionFile: Codable, Sendable, Equatable {
    public struct Credential: Codable, Sendable, Equatable {
        public let clientId: String
        public let clientSecret: String
        public let objectId: String
    }

    public let port: Int
    public let caCertFile: String
    public let authorityHost: String
    public let managementEndpoint: String
    public let vaultDnsSuffix: String
    public let portalUrl: String
    public let tenantId: String
    public let subscriptionId: String
    public let admin: Credential
    public let dataConnectApp: Credential

    public static func read(from path: String) throws -> ConnectionFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EmulatorError("cannot read \(path): is the emulator running (keyvault-emulator serve)?")
        }
        do { return try JSONDecoder().decode(ConnectionFile.self, from: data) } catch {
            throw EmulatorError("\(path) is not a connection file: \(error)")
        }
    }

    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}
