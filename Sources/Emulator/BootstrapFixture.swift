// Emulator: the well-known identities every data directory starts with (fixtures/bootstrap.json).

import Foundation
import Identity
import ServiceCore
import VaultCrypto

/// The decoded `fixtures/bootstrap.json`: tenants, their subscriptions and principals.
struct BootstrapFixture: Decodable, Sendable, Equatable {
    struct Tenant: Decodable, Sendable, Equatable {
        let tenantId: String
        let displayName: String
        let subscriptions: [String]
        let principals: [PrincipalEntry]
    }

    struct PrincipalEntry: Decodable, Sendable, Equatable {
        /// `admin` and `dataConnectApp` are written to `connection.json`; `trustedService`,
        /// `systemManagedIdentity`, `userManagedIdentity` and `otherTenantApp` name the other
        /// well-known identities (docs/identity.md).
        let role: String?
        let kind: Principal.Kind
        let displayName: String
        let clientId: String?
        let objectId: String
        let clientSecret: String?
        let subscriptionRoles: [String]?
        let groups: [String]?
        /// Its application id counts as a trusted Azure service for `bypass: AzureServices`.
        let trustedService: Bool?
        /// `system` or `user`: a managed identity, tokens from the IMDS / App Service endpoints.
        let managedIdentity: String?
    }

    let tenants: [Tenant]

    static func load(path: String?) throws -> BootstrapFixture {
        let data: Data
        if let path {
            guard let contents = FileManager.default.contents(atPath: path) else { throw EmulatorError("cannot read bootstrap file \(path)") }
            data = contents
        } else {
            data = Data(builtIn.utf8)
        }
        do {
            return try JSONDecoder().decode(BootstrapFixture.self, from: data)
        } catch {
            throw EmulatorError("bootstrap file \(path ?? "(built in)") is not valid: \(error)")
        }
    }

    /// The first tenant's principal with the given role.
    func principal(role: String) -> (tenant: Tenant, principal: PrincipalEntry)? {
        for tenant in tenants {
            if let principal = tenant.principals.first(where: { $0.role == role }) { return (tenant, principal) }
        }
        return nil
    }

    /// A stable GUID for a bootstrap role assignment, so re-applying the fixture finds it again.
    static func assignmentName(principal: String, role: String, scope: String) -> String {
        let hex = HashAlgorithm.sha256.hash(Data("\(principal)|\(role)|\(scope)".lowercased().utf8)).map { String(format: "%02x", $0) }.joined()
        let chars = Array(hex.prefix(32))
        func part(_ range: Range<Int>) -> String { String(chars[range]) }
        return "\(part(0..<8))-\(part(8..<12))-4\(part(13..<16))-8\(part(17..<20))-\(part(20..<32))"
    }

    /// The same content as fixtures/bootstrap.json, used when no file is given, so the binary works
    /// from any directory. A test keeps the two equal.
    static let builtIn = """
    {"tenants":[
      {"tenantId":"e5a1c0de-0000-4000-8000-000000000001","displayName":"Contoso Emulated","defaultDomain":"contoso.onmicrosoft.localhost","subscriptions":["e5a1c0de-0000-4000-8000-000000000002"],
      "principals":[
        {"role":"admin","kind":"ServicePrincipal","displayName":"emulator-admin","clientId":"e5a1c0de-0000-4000-8000-00000000a001","objectId":"e5a1c0de-0000-4000-8000-00000000b001","clientSecret":"emulator-admin-secret","subscriptionRoles":["Owner"]},
        {"role":"dataConnectApp","kind":"ServicePrincipal","displayName":"Data Connect application","clientId":"e5a1c0de-0000-4000-8000-00000000a002","objectId":"e5a1c0de-0000-4000-8000-00000000b002","clientSecret":"emulator-dataconnect-secret","subscriptionRoles":[]},
        {"role":"trustedService","kind":"ServicePrincipal","displayName":"Trusted Azure service (emulated)","clientId":"e5a1c0de-0000-4000-8000-00000000a003","objectId":"e5a1c0de-0000-4000-8000-00000000b003","clientSecret":"emulator-trusted-service-secret","trustedService":true},
        {"role":"systemManagedIdentity","kind":"ServicePrincipal","displayName":"emulator-vm","clientId":"e5a1c0de-0000-4000-8000-00000000a004","objectId":"e5a1c0de-0000-4000-8000-00000000b004","managedIdentity":"system"},
        {"role":"userManagedIdentity","kind":"ServicePrincipal","displayName":"emulator-user-identity","clientId":"e5a1c0de-0000-4000-8000-00000000a005","objectId":"e5a1c0de-0000-4000-8000-00000000b005","managedIdentity":"user"}]},
      {"tenantId":"e5a1c0de-0000-4000-8000-000000000011","displayName":"Fabrikam Emulated","defaultDomain":"fabrikam.onmicrosoft.localhost","subscriptions":[],
      "principals":[
        {"role":"otherTenantApp","kind":"ServicePrincipal","displayName":"Fabrikam application","clientId":"e5a1c0de-0000-4000-8000-00000000a011","objectId":"e5a1c0de-0000-4000-8000-00000000b011","clientSecret":"emulator-other-tenant-secret"}]}]}
    """
}
