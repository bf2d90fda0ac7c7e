// DataConnect: `dataconnect-agent doctor`: every Data Connect key requirement checked, with the portal step that fixes each failure.

import Foundation

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

    let connectionPath: String
    let appId: String
    let vaultURL: String?
    let console: any AgentConsole
    let transport: DeliveryRun.TransportFactory
    let now: @Sendable () -> Date

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

    func registration(_ management: ManagementClient, appId: String) throws -> RegistrationView? {
        do {
            return try management.get(RegistrationView.self, "/providers/Microsoft.DataConnect/registrations/\(appId)",
                                      apiVersion: ManagementClient.registrationsAPIVersion)
        } catch let error as DataConnectError {
            if case .managementRejected(let failure) = error.code, failure.status == 404 || failure.status == 403 { return nil }
            throw error
        }
    }
}
