// DataConnectRegistryTests: an in-process management host with ARM's and the registry's operation tables.

import Foundation
import XCTest
import Management
import ServiceCore
import Storage
@testable import DataConnectRegistry

/// Runs requests through one RouteTable built from `ManagementService.operations` plus the
/// registry's operations (so route conflicts between them are caught), against an in-memory
/// database and a frozen clock, as the management plane does after authentication and RBAC.
final class RegistryHarness {
    static let tenant = "e5a1c0de-0000-4000-8000-000000000001"
    static let subscription = "e5a1c0de-0000-4000-8000-000000000002"
    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    static let appId = "e5a1c0de-0000-4000-8000-00000000a002"
    static let dataset = "BasicDataSet_v0.Message_v1"

    static let developer = Principal(tenantId: tenant, objectId: "e5a1c0de-0000-4000-8000-00000000b001",
                                     applicationId: "e5a1c0de-0000-4000-8000-00000000a001", issuer: "https://sts.windows.net/t/")
    static let globalAdmin = Principal(tenantId: tenant, objectId: "e5a1c0de-0000-4000-8000-00000000b0ad",
                                       applicationId: "e5a1c0de-0000-4000-8000-00000000a0ad", issuer: "https://sts.windows.net/t/", kind: .user)
    static let app = Principal(tenantId: tenant, objectId: "e5a1c0de-0000-4000-8000-00000000b002",
                               applicationId: appId, issuer: "https://sts.windows.net/t/")
    static let stranger = Principal(tenantId: tenant, objectId: "e5a1c0de-0000-4000-8000-00000000b0ff",
                                    applicationId: "e5a1c0de-0000-4000-8000-00000000a0ff", issuer: "https://sts.windows.net/t/")

    let database: Database
    let clock = AdjustableClock(frozenAt: RegistryHarness.start)
    let management: ManagementService
    let registry: DataConnectRegistry
    let routes: RouteTable<ARMOperation>
    let storageRoot: URL
    var principal = RegistryHarness.developer

    struct Response {
        let status: Int
        let object: [String: Any]
        var properties: [String: Any] { object["properties"] as? [String: Any] ?? [:] }
        var authorization: [String: Any] { properties["authorization"] as? [String: Any] ?? [:] }
        var status_: String? { authorization["status"] as? String }
        var names: [String] { (object["value"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
    }

    init() throws {
        database = try Database.inMemory()
        try database.migrate(ManagementService.migrations + DataConnectRegistry.migrations)
        management = ManagementService(database: database, clock: clock, settings: ManagementSettings(
            vaultURI: { "https://\($0.lowercased()).vault.localhost:8443/" },
            knownSubscriptions: [Self.subscription: Self.tenant]))
        storageRoot = FileManager.default.temporaryDirectory.appendingPathComponent("dcreg-\(UUID().uuidString)/storage")
        let admins: Set<String> = [Self.globalAdmin.objectId]
        registry = DataConnectRegistry(database: database, management: management, settings: RegistrySettings(
            storageRoot: storageRoot,
            isGlobalAdministrator: { admins.contains($0.objectId.lowercased()) && $0.tenantId == RegistryHarness.tenant },
            applicationExists: { tenant, appId in tenant == RegistryHarness.tenant && [RegistryHarness.appId, "e5a1c0de-0000-4000-8000-00000000a0ad"].contains(appId.lowercased()) }))
        routes = try RouteTable((ManagementService.operations + registry.operations).flatMap { op in op.paths.map { Route(op.method, $0, op) } })
        principal = Self.developer
        try send("PUT", "/subscriptions/\(Self.subscription)/resourcegroups/rg1", ["location": "westus"])
        try send("PUT", "/subscriptions/\(Self.subscription)/resourcegroups/rg2", ["location": "westus"])
        try send("PUT", "/subscriptions/\(Self.subscription)/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv1",
                 ["location": "westus", "properties": ["tenantId": Self.tenant, "sku": ["family": "A", "name": "standard"],
                                                       "enableRbacAuthorization": true]])
    }

    deinit {
        try? database.close()
        try? FileManager.default.removeItem(at: storageRoot.deletingLastPathComponent())
    }

    @discardableResult
    func send(_ method: String, _ path: String, _ body: Any? = nil, as caller: Principal? = nil) throws -> Response {
        let data: Data
        switch body {
        case nil: data = Data()
        case let text as String: data = Data(text.utf8)
        case let value?: data = try JSONSerialization.data(withJSONObject: value)
        }
        guard case .found(let operation, let parameters) = routes.match(method: method, path: path) else {
            throw ServiceError(.notFound, code: "NoRoute", message: "\(method) \(path)")
        }
        let context = OperationContext(principal: caller ?? principal, now: clock.now(), requestId: "r1", clientAddress: "127.0.0.1",
                                       origin: "https://management.localhost:8443", apiVersion: "2025-01-01")
        let response = try operation.handler(management, ServiceRequest(method: method, parameters: parameters, query: [:],
                                                                        body: data, context: context))
        let object = (try response.body.flatMap { $0.isEmpty ? nil : try JSONSerialization.jsonObject(with: $0) }) as? [String: Any] ?? [:]
        return Response(status: response.status, object: object)
    }

    /// The ServiceError a request fails with (a test failure if it succeeds).
    func error(_ method: String, _ path: String, _ body: Any? = nil, as caller: Principal? = nil,
               file: StaticString = #filePath, line: UInt = #line) -> ServiceError? {
        do {
            let response = try send(method, path, body, as: caller)
            XCTFail("expected an error, got \(response.status) \(response.object)", file: file, line: line)
        } catch let error as ServiceError {
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }

    // MARK: - Fixtures

    static func path(_ appId: String = appId, rg: String = "rg1") -> String {
        "/subscriptions/\(subscription)/resourceGroups/\(rg)/providers/Microsoft.DataConnect/registrations/\(appId)"
    }
    static func tenantPath(_ appId: String = appId) -> String { "/providers/Microsoft.DataConnect/registrations/\(appId)" }
    static let authorizePath = "/providers/Microsoft.DataConnect/authorizeRun"

    static func body(datasets: [[String: Any]] = [["name": dataset]], encryption: [String: Any]? = nil,
                     account: String = "lake1", container: String = "mgdc", extra: [String: Any] = [:]) -> [String: Any] {
        var properties: [String: Any] = ["description": "Pipeline of the finance team", "publishType": "SingleTenant",
                                         "destination": ["storageAccount": account, "container": container], "datasets": datasets]
        if let encryption { properties["encryption"] = encryption }
        for (key, value) in extra { properties[key] = value }
        return ["properties": properties]
    }

    @discardableResult
    func register(_ body: [String: Any] = RegistryHarness.body(), appId: String = RegistryHarness.appId, rg: String = "rg1") throws -> Response {
        try send("PUT", Self.path(appId, rg: rg), body, as: Self.developer)
    }

    @discardableResult
    func approve(_ appId: String = RegistryHarness.appId, body: [String: Any]? = nil) throws -> Response {
        try send("POST", Self.tenantPath(appId) + "/approve", body, as: Self.globalAdmin)
    }

    @discardableResult
    func deny(_ appId: String = RegistryHarness.appId, reason: String? = nil) throws -> Response {
        try send("POST", Self.tenantPath(appId) + "/deny", reason.map { ["reason": $0] }, as: Self.globalAdmin)
    }

    /// The container folder of `lake1/mgdc`.
    var container: String { storageRoot.appendingPathComponent("lake1/mgdc").path }

    static func runBody(dataset: String = dataset, columns: [String] = ["subject", "sender"], scope: [String: Any]? = nil,
                        destination: [String: Any]? = nil, dataTenantId: String? = nil) -> [String: Any] {
        var body: [String: Any] = ["dataset": dataset, "columns": columns]
        if let scope { body["scope"] = scope }
        if let destination { body["destination"] = destination }
        if let dataTenantId { body["dataTenantId"] = dataTenantId }
        return body
    }

    func authorize(_ body: [String: Any] = RegistryHarness.runBody(), as caller: Principal = RegistryHarness.app) throws -> Response {
        try send("POST", Self.authorizePath, body, as: caller)
    }

    func authorizeError(_ body: [String: Any] = RegistryHarness.runBody(), as caller: Principal = RegistryHarness.app,
                        file: StaticString = #filePath, line: UInt = #line) -> ServiceError? {
        error("POST", Self.authorizePath, body, as: caller, file: file, line: line)
    }
}
