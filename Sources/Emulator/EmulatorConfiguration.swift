// Emulator: the settings `keyvault-emulator serve` runs with.

import Foundation

/// Everything the server needs to start; the executable fills it from its flags.
public struct EmulatorConfiguration: Sendable {
    /// Where the database, TLS material and `connection.json` live.
    public var dataDirectory: String = "emulator-data"
    /// TCP port; 0 picks any free one (reported in `connection.json`).
    public var port: Int = 8443
    /// The DNS suffix the host names hang from: `login.<suffix>`, `<vault>.vault.<suffix>`.
    public var dnsSuffix: String = "localhost"
    /// Addresses to listen on.
    public var listenAddresses: [String] = ["127.0.0.1", "::1"]
    /// Extra subject alternative names for the server certificate.
    public var extraCertificateNames: [String] = []
    /// The bootstrap identities (`fixtures/bootstrap.json`); `nil` uses the built-in copy.
    public var bootstrapFile: String?
    /// Event loops (threads); default one per core.
    public var loops: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Largest request body accepted.
    public var maxBodyBytes: Int = 1 << 20
    /// Pre-generated RSA keys kept ready per size for create and rotate (0 = generate inline).
    public var rsaKeyPoolDepth: Int = 4
    /// A second listener whose vault traffic counts as coming through an approved private
    /// endpoint (`publicNetworkAccess: Disabled` lets it in); `nil` = none, 0 = any free port.
    public var privateEndpointPort: Int?
    /// Application ids that count as trusted Azure services for `networkAcls.bypass:
    /// AzureServices`, besides the bootstrap principals marked `trustedService`.
    public var trustedServiceAppIds: [String] = []
    /// The secret App Service style managed identity requests carry in `X-IDENTITY-HEADER`
    /// (the value to put in `IDENTITY_HEADER`); written to `connection.json`.
    public var managedIdentityHeader: String = "emulator-identity-header"

    public init() {}
}
