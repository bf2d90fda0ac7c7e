// DomainTests: an in-process ARM client over ManagementService.operations, and the operation table itself.

import Foundation
import XCTest
import ServiceCore
import Storage
import Authorization
@testable import Management

/// Runs ARM requests through a RouteTable built from `ManagementService.operations` (so template
/// conflicts are caught) against an in-memory database, as the pipeline will after authorization.
final class ManagementHarness {
    static let subscription = "0b1f6471-1bf0-4dda-aec3-cb9272f09590"
    static let otherSubscription = "5e0f9d1b-7c2a-4d3e-9f10-aabbccddeeff"
    static let tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
    static let start = Date(timeIntervalSince1970: 1_780_000_000.25)

    let database: Database
    let clock = AdjustableClock(frozenAt: ManagementHarness.start)
    let service: ManagementService
    let routes: RouteTable<ARMOperation>
    var principal = Principal(tenantId: ManagementHarness.tenant, objectId: "c0ffee00-0000-4000-8000-000000000001",
                              applicationId: "a9a9a9a9-0000-4000-8000-000000000002", issuer: "https://sts.windows.net/t/")

    struct Response {
        let status: Int
        let json: Any?
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var properties: [String: Any] { object["properties"] as? [String: Any] ?? [:] }
        var values: [[String: Any]] { object["value"] as? [[String: Any]] ?? [] }
        var names: [String] { values.compactMap { $0["name"] as? String } }
    }

    /// Names passed to `vaultDeleted` (vaults gone for good), in order.
    let purged = PurgeLog()

    init(directory: (@Sendable (String) -> DirectoryObject?)? = nil) throws {
        database = try Database.inMemory()
        try database.migrate(ManagementService.migrations)
        let log = purged
        service = ManagementService(
            database: database, clock: clock,
            settings: ManagementSettings(vaultURI: { "https://\($0.lowercased()).vault.localhost:8443/" },
                                         knownSubscriptions: [Self.subscription: Self.tenant, Self.otherSubscription: Self.tenant],
                                         vaultDeleted: { log.append($0) }, directory: directory))
        routes = try RouteTable(ManagementService.operations.flatMap { op in op.paths.map { Route(op.method, $0, op) } })
    }

    deinit { try? database.close() }

    /// Sends `method pathAndQuery` with `body` (a JSON string or a JSON-serializable value).
    @discardableResult
    func send(_ method: String, _ pathAndQuery: String, _ body: Any? = nil, apiVersion: String = "2025-05-01") throws -> Response {
        // Split by hand: the SDK sends some `$filter` values unencoded (spaces, quotes).
        let pieces = pathAndQuery.split(separator: "?", maxSplits: 1)
        let path = String(pieces[0])
        var query: [String: String] = [:]
        for pair in pieces.count > 1 ? pieces[1].split(separator: "&") : [] {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            if query[kv[0]] == nil { query[kv[0]] = kv.count > 1 ? kv[1] : "" }
        }
        let data: Data
        switch body {
        case nil: data = Data()
        case let text as String: data = Data(text.utf8)
        case let value?: data = try JSONSerialization.data(withJSONObject: value)
        }
        guard case .found(let operation, let parameters) = routes.match(method: method, path: path) else {
            throw ServiceError(.notFound, code: "NoRoute", message: "\(method) \(path)")
        }
        let context = OperationContext(principal: principal, now: clock.now(), requestId: "r1", clientAddress: "127.0.0.1",
                                       origin: "https://management.localhost:8443", apiVersion: apiVersion)
        let response = try operation.handler(service, ServiceRequest(method: method, parameters: parameters, query: query, body: data, context: context))
        let json = try response.body.flatMap { $0.isEmpty ? nil : try JSONSerialization.jsonObject(with: $0) }
        return Response(status: response.status, json: json)
    }

    /// The ServiceError a request fails with (a test failure if it succeeds).
    func error(_ method: String, _ path: String, _ body: Any? = nil, apiVersion: String = "2025-05-01",
               file: StaticString = #filePath, line: UInt = #line) -> ServiceError? {
        do {
            let response = try send(method, path, body, apiVersion: apiVersion)
            XCTFail("expected an error, got \(response.status) \(String(describing: response.json))", file: file, line: line)
            return nil
        } catch let error as ServiceError {
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return nil
        }
    }

    // MARK: - Fixtures

    static let rgPath = "/subscriptions/\(subscription)/resourcegroups/rg1"
    static func vaultPath(_ name: String, rg: String = "rg1", subscription: String = subscription) -> String {
        "/subscriptions/\(subscription)/resourceGroups/\(rg)/providers/Microsoft.KeyVault/vaults/\(name)"
    }

    @discardableResult
    func createGroup(_ name: String = "rg1", subscription: String = subscription, location: String = "westus") throws -> Response {
        try send("PUT", "/subscriptions/\(subscription)/resourcegroups/\(name)", ["location": location])
    }

    static func vaultBody(_ properties: [String: Any] = [:], location: String = "westus") -> [String: Any] {
        var p: [String: Any] = ["tenantId": tenant, "sku": ["family": "A", "name": "standard"]]
        for (key, value) in properties { p[key] = value }
        return ["location": location, "properties": p]
    }

    @discardableResult
    func createVault(_ name: String, rg: String = "rg1", properties: [String: Any] = [:], apiVersion: String = "2025-05-01") throws -> Response {
        try send("PUT", Self.vaultPath(name, rg: rg), Self.vaultBody(properties), apiVersion: apiVersion)
    }
}

/// What `ManagementSettings.vaultDeleted` was called with.
final class PurgeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var names: [String] = []
    func append(_ name: String) { lock.lock(); names.append(name); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return names }
}

final class ManagementOperationTableTests: XCTestCase {
    func testOperationTableRoutesWithoutConflicts() throws {
        let table = ManagementService.operations.map { "\($0.method) \($0.paths.joined(separator: ",")) \($0.action)" }
        XCTAssertEqual(table, [
            "PUT /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName} Microsoft.Resources/subscriptions/resourceGroups/write",
            "GET /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName} Microsoft.Resources/subscriptions/resourceGroups/read",
            "HEAD /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName} Microsoft.Resources/subscriptions/resourceGroups/read",
            "GET /subscriptions/{subscriptionId}/resourcegroups Microsoft.Resources/subscriptions/resourceGroups/read",
            "PUT /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName} Microsoft.KeyVault/vaults/write",
            "PATCH /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName} Microsoft.KeyVault/vaults/write",
            "GET /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName} Microsoft.KeyVault/vaults/read",
            "DELETE /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName} Microsoft.KeyVault/vaults/delete",
            "GET /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults Microsoft.KeyVault/vaults/read",
            "GET /subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/vaults Microsoft.KeyVault/vaults/read",
            "GET /subscriptions/{subscriptionId}/resources Microsoft.Resources/subscriptions/resources/read",
            "PUT /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/accessPolicies/{operationKind} Microsoft.KeyVault/vaults/accessPolicies/write",
            "POST /subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/checkNameAvailability Microsoft.KeyVault/checkNameAvailability/read",
            "GET /subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/locations/{location}/deletedVaults/{vaultName} Microsoft.KeyVault/deletedVaults/read",
            "GET /subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/deletedVaults Microsoft.KeyVault/deletedVaults/read",
            "POST /subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/locations/{location}/deletedVaults/{vaultName}/purge Microsoft.KeyVault/locations/deletedVaults/purge/action",
            "GET /{*scope}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId} Microsoft.Authorization/roleDefinitions/read",
            "GET /{*scope}/providers/Microsoft.Authorization/roleDefinitions Microsoft.Authorization/roleDefinitions/read",
            "PUT /{*scope}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId} Microsoft.Authorization/roleDefinitions/write",
            "DELETE /{*scope}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId} Microsoft.Authorization/roleDefinitions/delete",
            "PUT /{*scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName} Microsoft.Authorization/roleAssignments/write",
            "GET /{*scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName} Microsoft.Authorization/roleAssignments/read",
            "DELETE /{*scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName} Microsoft.Authorization/roleAssignments/delete",
            "GET /{*scope}/providers/Microsoft.Authorization/roleAssignments Microsoft.Authorization/roleAssignments/read",
        ])
        let harness = try ManagementHarness()
        func name(_ method: String, _ path: String) -> String? {
            if case .found(let op, _) = harness.routes.match(method: method, path: path) { return op.name }
            return nil
        }
        let vault = ManagementHarness.vaultPath("kv1")
        XCTAssertEqual(name("GET", vault), "vaults.get")
        XCTAssertEqual(name("GET", vault + "/providers/Microsoft.Authorization/roleAssignments"), "roleAssignments.list")
        XCTAssertEqual(name("get", "/subscriptions/s/RESOURCEGROUPS/rg/providers/microsoft.keyvault/VAULTS/"), "vaults.listByResourceGroup")
        XCTAssertEqual(name("GET", "/providers/Microsoft.Authorization/roleDefinitions/x"), "roleDefinitions.get")
        XCTAssertEqual(name("PUT", vault + "/accessPolicies/add"), "vaults.updateAccessPolicy")
        XCTAssertEqual(name("POST", "/subscriptions/s/providers/Microsoft.KeyVault/locations/westus/deletedVaults/kv1/purge"), "vaults.purgeDeleted")
        // Role definitions are readable by every authenticated caller; role assignment writes carry ABAC attributes.
        XCTAssertEqual(ManagementService.operations.filter(\.anyAuthenticatedCaller).map(\.name), ["roleDefinitions.get", "roleDefinitions.list"])
        XCTAssertEqual(ManagementService.operations.filter { $0.conditionAttributes != nil }.map(\.name),
                       ["roleAssignments.create", "roleAssignments.delete"])
        if case .methodNotAllowed(let allowed) = harness.routes.match(method: "POST", path: vault) {
            XCTAssertEqual(allowed, ["DELETE", "GET", "PATCH", "PUT"])
        } else {
            XCTFail("POST on a vault should be 405")
        }
    }
}
