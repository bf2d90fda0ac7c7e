// Emulator: start-up, the running server and its clean stop.

import Authorization
import DataConnectRegistry
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
        /// The main listener first, then the private-endpoint listener if any.
        let listeners: [HTTPSServer]
        let database: Database
        let keyPool: RSAKeyPool
    }

    public let configuration: EmulatorConfiguration
    /// The emulator's clock: wall time plus the offset the admin API sets.
    public let clock: AdjustableClock
    private let state = Mutex<(State, Running?)>((.closed, nil))
    private let ports = ListenerPorts()

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
        for listener in running.listeners.reversed() { listener.stop() }
        running.keyPool.stop()
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
        var started: [HTTPSServer] = []
        do {
            try database.migrate(IdentityService.migrations + ManagementService.migrations + KeyVaultService.migrations
                                 + DataConnectRegistry.migrations)
            let identity = try IdentityService(database: database, clock: clock)
            var subscriptions: [String: String] = [:]
            for tenant in fixture.tenants {
                for sub in tenant.subscriptions { subscriptions[sub.lowercased()] = tenant.tenantId.lowercased() }
            }
            let ports = self.ports
            let suffix = config.dnsSuffix
            let keyPool = RSAKeyPool(depth: config.rsaKeyPoolDepth)
            let keys = KeyVaultService(database: database, clock: clock, keyPool: keyPool)
            let management = ManagementService(database: database, clock: clock, settings: ManagementSettings(
                vaultURI: { name in
                    let p = ports.main
                    return "https://\(name).vault.\(suffix)\(p == 443 ? "" : ":\(p)")/"
                },
                knownSubscriptions: subscriptions,
                vaultDeleted: { name in try keys.deleteAll(vaultName: name) },
                directory: { objectId in
                    identity.principal(objectId: objectId).map {
                        DirectoryObject(objectId: $0.objectId, tenantId: $0.tenantId, principalType: $0.kind.rawValue, groups: $0.groups)
                    }
                }))
            try fixture.apply(identity: identity, management: management)
            try management.purgeExpiredVaults(now: clock.now())
            let globalAdministrators = fixture.globalAdministrators
            let registry = DataConnectRegistry(database: database, management: management, settings: RegistrySettings(
                storageRoot: directory.storage,
                isGlobalAdministrator: { globalAdministrators[$0.tenantId.lowercased()]?.contains($0.objectId.lowercased()) == true },
                applicationExists: { tenant, appId in identity.principal(clientId: appId, tenantId: tenant) != nil }))

            let principals = fixture.tenants.flatMap(\.principals)
            let trusted = Set((principals.filter { $0.trustedService == true }.compactMap(\.clientId) + config.trustedServiceAppIds)
                .map { $0.lowercased() })
            let lookups = AccessLookups(management: management, database: database)
            let consoleSettings = ConsoleSettings(fixture: fixture)
            let pipeline = Pipeline(
                clock: clock, dnsSuffix: suffix,
                tokenAuthority: try TokenAuthorityPlane(identity: identity),
                management: try ManagementPlane(identity: identity, management: management, lookups: lookups, dnsSuffix: suffix,
                                                subscriptions: subscriptions, extraOperations: registry.operations),
                vaults: try VaultDataPlane(identity: identity, lookups: lookups, keys: keys, dnsSuffix: suffix,
                                           ports: ports, trustedServices: trusted),
                admin: try AdminPlane(identity: identity, clock: clock, adminObjectId: admin.principal.objectId, dnsSuffix: suffix,
                                      defaultTenant: admin.tenant.tenantId, identityHeader: config.managedIdentityHeader),
                portal: try PortalPlane(dnsSuffix: suffix, settings: consoleSettings,
                                        directory: ConsoleDirectory(identity: identity, dnsSuffix: suffix, settings: consoleSettings)))

            let tls = try TLSMaterial.prepare(in: directory, dnsSuffix: suffix, extraNames: config.extraCertificateNames)
            var serverConfig = HTTPSServerConfiguration(certificateChainPEM: tls.certificateChainPEM, privateKeyPEM: tls.privateKeyPEM)
            serverConfig.addresses = config.listenAddresses
            serverConfig.port = config.port
            serverConfig.loops = max(1, config.loops)
            serverConfig.maxBodyBytes = config.maxBodyBytes
            let handler: @Sendable (HTTPRequest) -> HTTPResponse = { request in pipeline.handle(request) }
            let http = try HTTPSServer(configuration: serverConfig, handler: handler)
            let actualPort = try http.start()
            started.append(http)
            ports.main = actualPort
            // The private endpoint: a second listener on the same pipeline; the data plane tells
            // its requests apart by the port that accepted them.
            var privatePort: Int?
            if let wanted = config.privateEndpointPort {
                var privateConfig = serverConfig
                privateConfig.port = wanted
                privateConfig.loops = 1
                let listener = try HTTPSServer(configuration: privateConfig, handler: handler)
                privatePort = try listener.start()
                started.append(listener)
                ports.privateEndpoint = privatePort
            }

            let portText = actualPort == 443 ? "" : ":\(actualPort)"
            func credential(_ entry: BootstrapFixture.PrincipalEntry) -> ConnectionFile.Credential {
                .init(clientId: entry.clientId ?? "", clientSecret: entry.clientSecret ?? "", objectId: entry.objectId)
            }
            let localhost = "https://localhost\(portText)"
            let identities = principals.filter { $0.managedIdentity != nil }.map {
                ConnectionFile.ManagedIdentityEndpoints.Identity(clientId: $0.clientId ?? "", objectId: $0.objectId,
                                                                 displayName: $0.displayName, kind: $0.managedIdentity ?? "")
            }
            let other = fixture.principal(role: "otherTenantApp")
            let connection = ConnectionFile(
                port: actualPort, caCertFile: directory.caCertificate.path,
                authorityHost: "https://login.\(suffix)\(portText)", managementEndpoint: "https://management.\(suffix)\(portText)",
                vaultDnsSuffix: "vault.\(suffix)\(portText)", portalUrl: "https://portal.\(suffix)\(portText)",
                tenantId: admin.tenant.tenantId, subscriptionId: subscription,
                admin: credential(admin.principal), dataConnectApp: credential(app.principal),
                privateEndpointPort: privatePort, trustedService: fixture.principal(role: "trustedService").map { credential($0.principal) },
                otherTenantId: other?.tenant.tenantId, otherTenantApp: other.map { credential($0.principal) },
                managedIdentity: .init(imdsEndpoint: localhost, identityEndpoint: localhost + "/msi/token",
                                       identityHeader: config.managedIdentityHeader, identities: identities),
                globalAdmin: fixture.principal(role: "globalAdmin").map { credential($0.principal) })
            try DataDirectory.writeAtomically(connection.encoded(), to: directory.connectionFile, permissions: 0o600)
            keyPool.start()
            return (Running(listeners: started, database: database, keyPool: keyPool), connection)
        } catch {
            for listener in started.reversed() { listener.stop() }
            try? database.close()
            throw error
        }
    }
}
