// Emulator: start-up, the running server and its clean stop.

import Authorization
import Foundation
import EmulatorClient
import HTTPServer
import Identity
import KeyVault
import Management
import ServiceCore
import Storage
import Synchronization

/// The whole emulator in one object, with an explicit state machine:
/// closed -> starting -> running -> closing -> closed.
///
/// ```swift
/// let server = EmulatorServer(configuration: config)
/// let connection = try server.start()      // connection.json is written now
/// ...
/// server.stop()
/// ```
public final class EmulatorServer: Sendable {
    public enum State: Sendable, Equatable { case closed, starting, running, closing }

    private struct Running: @unchecked Sendable {
        let http: HTTPSServer
        let database: Database
    }

    public let configuration: EmulatorConfiguration
    /// The emulator's clock: wall time plus the offset the admin API sets.
    public let clock: AdjustableClock
    private let state = Mutex<(State, Running?)>((.closed, nil))
    private let boundPort = BoundPort()

    public init(configuration: EmulatorConfiguration, clock: AdjustableClock = AdjustableClock()) {
        self.configuration = configuration
        self.clock = clock
    }

    public var currentState: State { state.withLock { $0.0 } }

    /// Opens the data directory, migrates and bootstraps it, starts listening and writes
    /// `connection.json`. Returns what was written.
    @discardableResult
    public func start() throws -> ConnectionFile {
        try state.withLock { current in
            guard current.0 == .closed else { throw EmulatorError("the emulator is \(current.0), not closed") }
            current.0 = .starting
        }
        do {
            let (running, connection) = try open()
            state.withLock { $0 = (.running, running) }
            return connection
        } catch {
            state.withLock { $0 = (.closed, nil) }
            throw error
        }
    }

    /// Stops accepting, finishes the loops and closes the database. Safe to call twice.
    public func stop() {
        let running: Running? = state.withLock { current in
            guard current.0 == .running else { return nil }
            current.0 = .closing
            return current.1
        }
        guard let running else { return }
        running.http.stop()
        do { try running.database.close() } catch {
            FileHandle.standardError.write(Data("keyvault-emulator: closing the database: \(error)\n".utf8))
        }
        state.withLock { $0 = (.closed, nil) }
    }

    private func open() throws -> (Running, ConnectionFile) {
        let config = configuration
        let directory = try DataDirectory(config.dataDirectory)
        let fixture = try BootstrapFixture.load(path: config.bootstrapFile)
        guard let admin = fixture.principal(role: "admin"), let app = fixture.principal(role: "dataConnectApp"),
              let subscription = admin.tenant.subscriptions.first else {
            throw EmulatorError("the bootstrap file needs a tenant with a subscription, an 'admin' and a 'dataConnectApp' principal")
        }

        let database = try Database(path: directory.database.path)
        do {
            try database.migrate(IdentityService.migrations + ManagementService.migrations + KeyVaultService.migrations)
            let identity = try IdentityService(database: database, clock: clock)
            var subscriptions: [String: String] = [:]
            for tenant in fixture.tenants {
                for sub in tenant.subscriptions { subscriptions[sub.lowercased()] = tenant.tenantId.lowercased() }
            }
            let port = boundPort
            let suffix = config.dnsSuffix
            let keys = KeyVaultService(database: database, clock: clock)
            let management = ManagementService(database: database, clock: clock, settings: ManagementSettings(
                vaultURI: { name in
                    let p = port.value
                    return "https://\(name).vault.\(suffix)\(p == 443 ? "" : ":\(p)")/"
                },
                knownSubscriptions: subscriptions,
                vaultDeleted: { name in try keys.deleteAll(vaultName: name) }))
            try Self.bootstrap(fixture, identity: identity, management: management)

            let lookups = AccessLookups(management: management, database: database)
            let pipeline = Pipeline(
                clock: clock, dnsSuffix: suffix,
                tokenAuthority: try TokenAuthorityPlane(identity: identity),
                management: try ManagementPlane(identity: identity, management: management, lookups: lookups, dnsSuffix: suffix,
                                                subscriptions: subscriptions),
                vaults: try VaultDataPlane(identity: identity, lookups: lookups, keys: keys, dnsSuffix: suffix),
                admin: try AdminPlane(identity: identity, clock: clock, adminObjectId: admin.principal.objectId, dnsSuffix: suffix),
                portal: try PortalPlane(dnsSuffix: suffix, settings: ConsoleSettings(fixture: fixture)))

            let tls = try TLSMaterial.prepare(in: directory, dnsSuffix: suffix, extraNames: config.extraCertificateNames)
            var serverConfig = HTTPSServerConfiguration(certificateChainPEM: tls.certificateChainPEM, privateKeyPEM: tls.privateKeyPEM)
            serverConfig.addresses = config.listenAddresses
            serverConfig.port = config.port
            serverConfig.loops = max(1, config.loops)
            serverConfig.maxBodyBytes = config.maxBodyBytes
            let http = try HTTPSServer(configuration: serverConfig, handler: { request in pipeline.handle(request) })
            let actualPort = try http.start()
            port.value = actualPort

            let portText = actualPort == 443 ? "" : ":\(actualPort)"
            func credential(_ entry: BootstrapFixture.PrincipalEntry) -> ConnectionFile.Credential {
                .init(clientId: entry.clientId ?? "", clientSecret: entry.clientSecret ?? "", objectId: entry.objectId)
            }
            let connection = ConnectionFile(
                port: actualPort, caCertFile: directory.caCertificate.path,
                authorityHost: "https://login.\(suffix)\(portText)", managementEndpoint: "https://management.\(suffix)\(portText)",
                vaultDnsSuffix: "vault.\(suffix)\(portText)", portalUrl: "https://portal.\(suffix)\(portText)",
                tenantId: admin.tenant.tenantId, subscriptionId: subscription,
                admin: credential(admin.principal), dataConnectApp: credential(app.principal))
            try DataDirectory.writeAtomically(connection.encoded(), to: directory.connectionFile, permissions: 0o600)
            return (Running(http: http, database: database), connection)
        } catch {
            try? database.close()
            throw error
        }
    }

    /// Applies the fixture; every step is idempotent, so each start re-applies it.
    private static func bootstrap(_ fixture: BootstrapFixture, identity: IdentityService, management: ManagementService) throws {
        let owners = BuiltInRoles.all.reduce(into: [String: String]()) { $0[$1.roleName.lowercased()] = $1.id }
        for tenant in fixture.tenants {
            try identity.registerTenant(id: tenant.tenantId, displayName: tenant.displayName)
            for entry in tenant.principals {
                try identity.registerPrincipal(PrincipalRegistration(
                    objectId: entry.objectId, tenantId: tenant.tenantId, kind: entry.kind, clientId: entry.clientId,
                    displayName: entry.displayName, clientSecret: entry.clientSecret, groups: entry.groups ?? []))
                for roleName in entry.subscriptionRoles ?? [] {
                    guard let roleId = owners[roleName.lowercased()] else { throw EmulatorError("bootstrap: unknown role '\(roleName)'") }
                    for subscription in tenant.subscriptions {
                        let scope = "/subscriptions/\(subscription)"
                        try management.bootstrapRoleAssignment(RoleAssignment(
                            name: BootstrapFixture.assignmentName(principal: entry.objectId, role: roleId, scope: scope),
                            scope: scope, roleDefinitionId: roleId, principalId: entry.objectId, principalType: entry.kind.rawValue))
                    }
                }
            }
        }
    }
}

/// The port the listener got, known only after binding; read by the vault URI builder.
private final class BoundPort: Sendable {
    private let port = Mutex<Int>(0)
    var value: Int {
        get { port.withLock { $0 } }
        set { port.withLock { $0 = newValue } }
    }
}
