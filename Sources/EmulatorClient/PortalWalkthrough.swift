// EmulatorClient: the seed's portal steps for Data Connect custom encryption, made real against the emulator.

import Foundation

/// Performs the portal steps of "Use encryption with Microsoft Graph Data Connect" through the
/// emulator's ARM and Key Vault APIs, as the admin, printing each step as the portal names it.
/// Running it again is safe: the vault is updated, existing role assignments are kept, and the
/// key gets a new version.
public struct PortalWalkthrough {
    public struct Options {
        public var resourceGroup = "dataconnect-rg"
        public var vaultName = "lobencryption-demo"
        public var location = "westus"
        /// Days until the generated key expires.
        public var keyValidityDays = 365
        public init() {}
    }

    /// What the walkthrough set up, for the next steps of a demo.
    public struct Outcome {
        public let vaultURL: String
        public let keyId: String
        public let keyName: String
    }

    static let cryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424"
    static let cryptoOfficer = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603"
    static let armVersion = "2026-02-01"
    static let authorizationVersion = "2022-04-01"

    let session: AzureSession
    let options: Options
    let print: (String) -> Void

    public init(session: AzureSession, options: Options = Options(), print: @escaping (String) -> Void = { Swift.print($0) }) {
        self.session = session
        self.options = options
        self.print = print
    }

    public func run() throws -> Outcome {
        let c = session.connection
        let vaultId = "/subscriptions/\(c.subscriptionId)/resourceGroups/\(options.resourceGroup)/providers/Microsoft.KeyVault/vaults/\(options.vaultName)"

        print("== Setting up Azure Key Vault")
        _ = try session.token(resource: c.managementEndpoint)
        step(1, "Log into the Azure portal with your developer credentials", "signed in as the admin (client id \(session.credential.clientId)) in tenant \(c.tenantId)")
        try session.arm("PUT", "/subscriptions/\(c.subscriptionId)/resourcegroups/\(options.resourceGroup)", apiVersion: "2022-09-01",
                        body: ["location": options.location])
        step(2, "Create a new Azure Key Vault", "resource group \(options.resourceGroup), vault \(options.vaultName), location \(options.location)")
        step(3, "Permission model: Azure role-based access control (recommended)", "enableRbacAuthorization = true")
        step(4, "Networking: enable public access", "publicNetworkAccess = Enabled, default action Allow")
        let vault = try session.arm("PUT", vaultId, apiVersion: Self.armVersion, body: [
            "location": options.location,
            "properties": [
                "tenantId": c.tenantId,
                "sku": ["family": "A", "name": "standard"],
                "enableRbacAuthorization": true,
                "publicNetworkAccess": "Enabled",
                "networkAcls": ["defaultAction": "Allow", "bypass": "AzureServices"],
                "accessPolicies": [Any](),
            ] as [String: Any],
        ])
        let properties = vault["properties"] as? [String: Any] ?? [:]
        step(5, "Review + create", "provisioningState \(properties["provisioningState"] ?? "?"), vault URI \(properties["vaultUri"] ?? "?")")

        print("== Using your existing Azure Key Vault")
        try session.arm("GET", vaultId, apiVersion: Self.armVersion)
        step(2, "Open the key vault \(options.vaultName)", "found")
        step(3, "Access control (IAM) > Add", "")
        step(4, "Add role assignment", "")
        step(5, "Role: Key Vault Crypto User", "role definition \(Self.cryptoUser)")
        step(6, "Members: the Data Connect application's service principal", "object id \(c.dataConnectApp.objectId) (app \(c.dataConnectApp.clientId))")
        step(7, "Review + assign", try assign(role: Self.cryptoUser, to: c.dataConnectApp.objectId, scope: vaultId))
        print("   (so that you can generate keys) Key Vault Crypto Officer for yourself: "
              + (try assign(role: Self.cryptoOfficer, to: c.admin.objectId, scope: vaultId)))

        print("== Generating RSA keys with your Azure Key Vault")
        step(1, "Open the key vault \(options.vaultName)", "")
        step(2, "Keys", "")
        step(3, "Generate/Import", "")
        let expires = Int(Date().timeIntervalSince1970) + options.keyValidityDays * 86_400
        step(4, "Generate an RSA key named after the tenant id, 2048 bits, with an expiration date",
             "name \(c.tenantId), RSA 2048, expires \(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(expires))))")
        let key = try session.vault("POST", options.vaultName, "/keys/\(c.tenantId)/create",
                                    body: ["kty": "RSA", "key_size": 2048, "attributes": ["enabled": true, "exp": expires]])
        let kid = (key["key"] as? [String: Any])?["kid"] as? String ?? "?"
        step(5, "Create", "key id \(kid)")
        return Outcome(vaultURL: c.vaultURL(options.vaultName), keyId: kid, keyName: c.tenantId)
    }

    private func step(_ number: Int, _ name: String, _ detail: String) {
        print("[\(number)] \(name)" + (detail.isEmpty ? "" : ": \(detail)"))
    }

    /// Creates the assignment, or reports the one that already exists.
    private func assign(role: String, to principal: String, scope: String) throws -> String {
        let name = UUID().uuidString.lowercased()
        do {
            try session.arm("PUT", "\(scope)/providers/Microsoft.Authorization/roleAssignments/\(name)", apiVersion: Self.authorizationVersion, body: [
                "properties": [
                    "roleDefinitionId": "/subscriptions/\(session.connection.subscriptionId)/providers/Microsoft.Authorization/roleDefinitions/\(role)",
                    "principalId": principal,
                    "principalType": "ServicePrincipal",
                ],
            ])
            return "role assignment \(name) created"
        } catch let error as AzureCallError where error.code == "RoleAssignmentExists" {
            return "already assigned"
        }
    }
}
