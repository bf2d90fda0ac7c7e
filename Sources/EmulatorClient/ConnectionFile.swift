// EmulatorClient: connection.json, the contract between a running emulator and its clients (DESIGN.md §3).

import Foundation

/// Everything a client needs to reach the emulator, written atomically once connections are
/// accepted. Field names and meaning are a contract that tests and scripts rely on (docs/architecture.md).
public struct ConnectionFile: Codable, Sendable, Equatable {
    public struct Credential: Codable, Sendable, Equatable {
        public let clientId: String
        public let clientSecret: String
        public let objectId: String

        public init(clientId: String, clientSecret: String, objectId: String) {
            self.clientId = clientId
            self.clientSecret = clientSecret
            self.objectId = objectId
        }
    }

    /// Where managed identity tokens come from (docs/access-control.md): the value for
    /// `AZURE_POD_IDENTITY_AUTHORITY_HOST` (IMDS style), and `IDENTITY_ENDPOINT` /
    /// `IDENTITY_HEADER` (App Service style), with the identities they serve.
    public struct ManagedIdentityEndpoints: Codable, Sendable, Equatable {
        public struct Identity: Codable, Sendable, Equatable {
            public let clientId: String
            public let objectId: String
            public let displayName: String
            /// `system` or `user`.
            public let kind: String

            public init(clientId: String, objectId: String, displayName: String, kind: String) {
                self.clientId = clientId
                self.objectId = objectId
                self.displayName = displayName
                self.kind = kind
            }
        }

        public let imdsEndpoint: String
        public let identityEndpoint: String
        public let identityHeader: String
        public let identities: [Identity]

        public init(imdsEndpoint: String, identityEndpoint: String, identityHeader: String, identities: [Identity]) {
            self.imdsEndpoint = imdsEndpoint
            self.identityEndpoint = identityEndpoint
            self.identityHeader = identityHeader
            self.identities = identities
        }
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
    /// The private-endpoint listener's port, when `--private-endpoint-port` is given.
    public let privateEndpointPort: Int?
    /// The bootstrap service principal that counts as a trusted Azure service.
    public let trustedService: Credential?
    /// The second tenant of the bootstrap and its application (tokens a vault refuses: AKV10032).
    public let otherTenantId: String?
    public let otherTenantApp: Credential?
    public let managedIdentity: ManagedIdentityEndpoints?
    /// The tenant's Global Administrator, who approves Data Connect applications (absent in files
    /// written before registrations existed).
    public let globalAdmin: Credential?

    public init(port: Int, caCertFile: String, authorityHost: String, managementEndpoint: String, vaultDnsSuffix: String,
                portalUrl: String, tenantId: String, subscriptionId: String, admin: Credential, dataConnectApp: Credential,
                privateEndpointPort: Int? = nil, trustedService: Credential? = nil, otherTenantId: String? = nil,
                otherTenantApp: Credential? = nil, managedIdentity: ManagedIdentityEndpoints? = nil,
                globalAdmin: Credential? = nil) {
        self.privateEndpointPort = privateEndpointPort
        self.trustedService = trustedService
        self.otherTenantId = otherTenantId
        self.otherTenantApp = otherTenantApp
        self.managedIdentity = managedIdentity
        self.globalAdmin = globalAdmin
        self.port = port
        self.caCertFile = caCertFile
        self.authorityHost = authorityHost
        self.managementEndpoint = managementEndpoint
        self.vaultDnsSuffix = vaultDnsSuffix
        self.portalUrl = portalUrl
        self.tenantId = tenantId
        self.subscriptionId = subscriptionId
        self.admin = admin
        self.dataConnectApp = dataConnectApp
    }

    /// `https://<vault>.vault.<suffix>:<port>`.
    public func vaultURL(_ name: String) -> String { "https://\(name).\(vaultDnsSuffix)" }
    /// `https://localhost:<port>`, where health and the admin API answer.
    public var adminEndpoint: String { "https://localhost:\(port)" }

    public static func read(from path: String) throws -> ConnectionFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ClientError("cannot read \(path): is the emulator running (keyvault-emulator serve)?")
        }
        do { return try JSONDecoder().decode(ConnectionFile.self, from: data) } catch {
            throw ClientError("\(path) is not a connection file: \(error)")
        }
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}
