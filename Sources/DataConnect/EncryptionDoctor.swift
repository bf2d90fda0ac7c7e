// DataConnect: `dataconnect-agent doctor`: every Data Connect key requirement checked, with the portal step that fixes each failure.

import Foundation
import VaultCrypto

/// One requirement's verdict.
public struct RequirementCheck: Sendable, Equatable {
    public enum Verdict: String, Sendable { case pass = "PASS", fail = "FAIL", notChecked = "SKIP" }

    /// `MG1` ... `MG8` (keyvault-spec.md §7).
    public let id: String
    public let title: String
    public let verdict: Verdict
    public let detail: String
    /// The portal step that fixes a failure.
    public let step: PortalStep?
}

/// The doctor's findings, in requirement order.
public struct DoctorReport: Sendable, Equatable {
    public let checks: [RequirementCheck]
    /// The registration's approval status, if it exists.
    public let approvalStatus: String?

    public var allPass: Bool { checks.allSatisfy { $0.verdict == .pass } }
    public func check(_ id: String) -> RequirementCheck? { checks.first { $0.id == id } }
}

/// Checks, with the customer's credential (connection.json's admin), what Data Connect needs before
/// it can encrypt (keyvault-spec.md §7): through ARM the vault's permission model (MG5), networking
/// (MG6) and the application's role (MG7); through the vault the key named after the tenant (MG4),
/// its type (MG1), size (MG2) and expiration/validity (MG3, on the version a run would pick); and
/// through the registration API that the registration links the vault (MG8). Each failure names
/// the portal step of the walkthrough that fixes it.
///
/// ```swift
/// let report = try EncryptionDoctor(connectionPath: path, appId: app, vaultURL: nil, console: StandardConsole()).run()
/// exit(report.allPass ? 0 : 3)
/// ```
public struct EncryptionDoctor {
    public static let vaultAPIVersion = "2023-07-01"
    public static let authorizationAPIVersion = "2022-04-01"
    /// Built-in roles whose data actions include reading the key and encrypting with it.
    static let sufficientRoles: [String: String] = [
        "12338af0-0e69-4776-bea7-57ae8d297424": "Key Vault Crypto User",
        "14b46e9e-c2b7-41b4-b07b-48a6ebf60603": "Key Vault Crypto Officer",
        "00482a5a-887f-4fb3-b363-3b7fe8e74483": "Key Vault Administrator",
    ]

    private let connectionPath: String
    private let appId: String
    private let vaultURL: String?
    private let console: any AgentConsole
    private let transport: DeliveryRun.TransportFactory
    private let now: @Sendable () -> Date

    public init(connectionPath: String, appId: String, vaultURL: String?, console: any AgentConsole,
                transport: @escaping DeliveryRun.TransportFactory = { CurlVaultTransport(caFile: $0.caCertFile) },
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.connectionPath = connectionPath
        self.appId = appId
        self.vaultURL = vaultURL
        self.console = console
        self.transport = transport
        self.now = now
    }

    public func run() throws -> DoctorReport {
        let requested = try vaultURL.map(DeliveryOptions.vaultOrigin)
        let connection = try ConnectionFile.load(path: connectionPath)
        let app = try connection.credential(forApp: appId)
        let management = ManagementClient(transport: transport(connection), credential: connection.admin, connection: connection)
        console.step("Data Connect encryption doctor: application \(app.clientId) in tenant \(connection.tenantId), checked as \(connection.admin.clientId)")

        let registration = try self.registration(management, appId: app.clientId)
        var linked: URLOrigin?
        let mg8: RequirementCheck
        if let registration {
            console.step("Registration \(registration.id): revision \(registration.properties.revision), \(registration.properties.authorization.status)")
            linked = registration.properties.encryption.keyVaultUri.flatMap(URLOrigin.init)
            if registration.properties.encryption.enabled, let linked {
                mg8 = check("MG8", "vault selected in the app registration", .pass, "encryption enabled with \(linked.text)")
            } else {
                mg8 = check("MG8", "vault selected in the app registration", .fail, "the registration does not enable encryption", .linkVaultInRegistration)
            }
        } else {
            mg8 = check("MG8", "vault selected in the app registration", .fail, "application \(app.clientId) has no Data Connect registration",
                        .linkVaultInRegistration)
        }
        if let requested, let linked, requested != linked {
            console.warning("--vault \(requested.text) is not the vault the registration links (\(linked.text)); checking \(requested.text)")
        }

        var checks: [RequirementCheck]
        if let vault = requested ?? linked {
            checks = try keyChecks(vault: vault, connection: connection)
            checks += try vaultChecks(vault: vault, management: management, connection: connection, app: app)
        } else {
            let reason = "not checked: no vault (link one in the registration or pass --vault)"
            checks = [("MG1", "key type RSA"), ("MG2", "key size 2048 bits"), ("MG3", "expiration date set, key enabled and valid now"),
                      ("MG4", "key named after the tenant id"), ("MG5", "permission model Azure RBAC"),
                      ("MG6", "public network access"), ("MG7", "Key Vault Crypto User for the application")]
                .map { check($0.0, $0.1, .notChecked, reason) }
        }
        checks.append(mg8)
        checks.sort { $0.id < $1.id }
        let report = DoctorReport(checks: checks, approvalStatus: registration?.properties.authorization.status)
        print(report)
        return report
    }

    // MARK: - The registration (MG8)

    private func registration(_ management: ManagementClient, appId: String) throws -> RegistrationView? {
        do {
            return try management.get(RegistrationView.self, "/providers/Microsoft.DataConnect/registrations/\(appId)",
                                      apiVersion: ManagementClient.registrationsAPIVersion)
        } catch let error as DataConnectError {
            if case .managementRejected(let failure) = error.code, failure.status == 404 || failure.status == 403 { return nil }
            throw error
        }
    }

    // MARK: - The key, through the vault (MG1-MG4)

    private func keyChecks(vault: URLOrigin, connection: ConnectionFile) throws -> [RequirementCheck] {
        let tenant = connection.tenantId
        let client = VaultClient(transport: transport(connection), credential: connection.admin,
                                 authorityHost: connection.authorityHost, tenantId: tenant)
        let titles = (mg1: "key type RSA", mg2: "key size 2048 bits", mg3: "expiration date set, key enabled and valid now",
                      mg4: "key named after the tenant id")
        let bundle: VaultKeyBundle
        do {
            bundle = try KeyVersionSelection.select(client: client, vault: vault, name: tenant, now: now())
        } catch let error as DataConnectError {
            guard case .vaultRejected(let failure) = error.code else { throw error }
            if failure.status == 404, (failure.innerCode ?? failure.code) == "KeyNotFound" {
                let none = "not checked: there is no key \(tenant)"
                return [check("MG1", titles.mg1, .notChecked, none), check("MG2", titles.mg2, .notChecked, none),
                        check("MG3", titles.mg3, .notChecked, none),
                        check("MG4", titles.mg4, .fail, "\(vault.text) has no key named \(tenant)", .generateTenantKey)]
            }
            let refused = "not checked: the vault refused the admin (\(failure)); the checks below show why, or give yourself a role that reads keys"
            return ["MG1": titles.mg1, "MG2": titles.mg2, "MG3": titles.mg3, "MG4": titles.mg4].sorted { $0.key < $1.key }
                .map { check($0.key, $0.value, .notChecked, refused) }
        }
        var checks = [check("MG4", titles.mg4, .pass, bundle.key.kid ?? tenant)]
        let type = bundle.key.kty ?? "(none)"
        let isRSA = type == "RSA" || type == "RSA-HSM"
        checks.append(isRSA ? check("MG1", titles.mg1, .pass, type)
                            : check("MG1", titles.mg1, .fail, "the key type is \(type)", .fixKeyProperties(.notRSA(keyType: type))))
        let modulus = bundle.key.n.flatMap { Base64URL.decode($0) } ?? Data()
        let bits = KeyRequirements.bitLength(of: Data(modulus.drop { $0 == 0 }))
        if !isRSA {
            checks.append(check("MG2", titles.mg2, .notChecked, "not checked: not an RSA key"))
        } else {
            checks.append(bits == 2048 ? check("MG2", titles.mg2, .pass, "2048 bits")
                                       : check("MG2", titles.mg2, .fail, "the key is \(bits) bits", .fixKeyProperties(.wrongSize(bits: bits))))
        }
        checks.append(validity(bundle, title: titles.mg3))
        return checks
    }

    private func validity(_ bundle: VaultKeyBundle, title: String) -> RequirementCheck {
        let attributes = bundle.attributes
        let seconds = Int64(now().timeIntervalSince1970.rounded(.down))
        let violation: KeyRequirementViolation?
        if attributes?.enabled == false { violation = .disabled }
        else if attributes?.exp == nil { violation = .missingExpiry }
        else if let nbf = attributes?.nbf, seconds < nbf { violation = .notYetValid(notBefore: nbf) }
        else if let exp = attributes?.exp, seconds >= exp { violation = .expired(expiry: exp) }
        else { violation = nil }
        guard let violation else {
            return check("MG3", title, .pass, "expires \(RowTime.text(seconds: attributes?.exp ?? 0))")
        }
        return check("MG3", title, .fail, violation.description, .fixKeyProperties(violation))
    }

    // MARK: - The vault, through ARM (MG5-MG7)

    private func vaultChecks(vault: URLOrigin, management: ManagementClient, connection: ConnectionFile,
                             app: ClientCredential) throws -> [RequirementCheck] {
        let name = String(vault.host.split(separator: ".").first ?? "")
        let titles = (mg5: "permission model Azure RBAC", mg6: "public network access", mg7: "Key Vault Crypto User for the application")
        let list = try management.get(ARMVaultList.self, "/subscriptions/\(connection.subscriptionId)/providers/Microsoft.KeyVault/vaults",
                                      apiVersion: Self.vaultAPIVersion)
        guard let found = list.value.first(where: { $0.name.lowercased() == name }) else {
            let missing = "not checked: vault \(name) is not in subscription \(connection.subscriptionId)"
            return [check("MG5", titles.mg5, .notChecked, missing), check("MG6", titles.mg6, .notChecked, missing),
                    check("MG7", titles.mg7, .notChecked, missing)]
        }
        var checks: [RequirementCheck] = []
        checks.append(found.properties.enableRbacAuthorization == true
            ? check("MG5", titles.mg5, .pass, "enableRbacAuthorization is true")
            : check("MG5", titles.mg5, .fail, "the vault uses access policies (enableRbacAuthorization is false)", .chooseRBACPermissionModel))
        let publicAccess = found.properties.publicNetworkAccess ?? "Enabled"
        let defaultAction = found.properties.networkAcls?.defaultAction ?? "Allow"
        if publicAccess.lowercased() != "enabled" {
            checks.append(check("MG6", titles.mg6, .fail, "publicNetworkAccess is \(publicAccess)", .enablePublicAccess))
        } else if defaultAction.lowercased() != "allow" {
            checks.append(check("MG6", titles.mg6, .fail, "the firewall denies by default (networkAcls.defaultAction \(defaultAction))", .enablePublicAccess))
        } else {
            checks.append(check("MG6", titles.mg6, .pass, "public network access from all networks"))
        }
        let filter = "$filter=" + VaultClient.formEncode("principalId eq '\(app.objectId)'")
        let assignments = try management.get(ARMRoleAssignmentList.self, "\(found.id)/providers/Microsoft.Authorization/roleAssignments",
                                             apiVersion: Self.authorizationAPIVersion, query: filter)
        let vaultId = found.id.lowercased()
        let keyScope = "\(vaultId)/keys/\(connection.tenantId.lowercased())"
        let granting = assignments.value.compactMap { assignment -> String? in
            let scope = assignment.properties.scope.lowercased()
            let role = assignment.properties.roleDefinitionId.split(separator: "/").last.map { String($0).lowercased() } ?? ""
            guard assignment.properties.principalId.lowercased() == app.objectId.lowercased(), let roleName = Self.sufficientRoles[role],
                  scope == "/" || vaultId == scope || vaultId.hasPrefix(scope + "/") || scope == keyScope else { return nil }
            return "\(roleName) at \(assignment.properties.scope)"
        }
        checks.append(granting.isEmpty
            ? check("MG7", titles.mg7, .fail, "the application's service principal \(app.objectId) has no Key Vault Crypto User role on the vault or above", .assignCryptoUserRole)
            : check("MG7", titles.mg7, .pass, granting.joined(separator: "; ")))
        return checks
    }

    // MARK: - Output

    private func check(_ id: String, _ title: String, _ verdict: RequirementCheck.Verdict, _ detail: String,
                       _ step: PortalStep? = nil) -> RequirementCheck {
        RequirementCheck(id: id, title: title, verdict: verdict, detail: detail, step: verdict == .fail ? step : nil)
    }

    private func print(_ report: DoctorReport) {
        for check in report.checks {
            console.step("\(check.verdict.rawValue) \(check.id) \(check.title): \(check.detail)")
            if let step = check.step {
                console.step("     fix: \(step.text)")
                console.step("     in the portal: \(step.portalWording)")
            }
        }
        if let status = report.approvalStatus, status != "Approved" {
            console.step("note: the registration is \(status); encryption applies to runs once a Global Administrator approves it")
        }
        let failing = report.checks.filter { $0.verdict != .pass }.count
        console.step(failing == 0 ? "all \(report.checks.count) requirements pass"
                                  : "\(failing) of \(report.checks.count) requirements do not pass")
    }
}
