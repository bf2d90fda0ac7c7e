// DomainTests: an in-process harness for the keys service (routing, pipeline step 5, handlers)
// and the Python `cryptography` oracle the crypto tests check results against.

import Foundation
import ServiceCore
import Storage
import VaultCrypto
import XCTest
@testable import KeyVault

/// The keys service over an in-memory database, a clock frozen at ``KeyVaultHarness/start`` and
/// a route table built from ``KeyVaultService/operations`` — requests go through the same
/// routing a server would use, then the api-version check, then the handler.
final class KeyVaultHarness {
    /// 2025-01-01T00:00:00Z.
    static let start: Int64 = 1_735_689_600
    static let origin = "https://kv1.vault.localhost:8443"

    static let standardVault = VaultInfo(
        name: "kv1", resourceId: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv1",
        location: "westeurope", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", sku: "standard",
        softDeleteRetentionDays: 90, purgeProtection: false)

    let database: Database
    let clock: AdjustableClock
    let service: KeyVaultService
    let table: RouteTable<KeyOperation>
    var vault: VaultInfo

    init(vault: VaultInfo = KeyVaultHarness.standardVault) throws {
        database = try Database.inMemory()
        try database.migrate(KeyVaultService.migrations)
        clock = AdjustableClock(frozenAt: Date(unixSeconds: Self.start))
        service = KeyVaultService(database: database, clock: clock)
        table = try RouteTable(KeyVaultService.operations.flatMap { op in op.paths.map { Route(op.method, $0, op) } })
        self.vault = vault
    }

    /// Storage asserts that every database is closed before it goes away.
    deinit { try? database.close() }

    var now: Int64 { clock.now().unixSeconds }

    /// Routes and runs one request; errors come back as the thrown `ServiceError`.
    func send(_ method: String, _ path: String, query: [String: String] = [:], body: Data = Data(),
              apiVersion: String? = "7.6") throws -> ServiceResponse {
        guard case .found(let operation, let parameters) = table.match(method: method, path: path) else {
            throw ServiceError(.notFound, code: "NoRoute", message: "\(method) \(path) matches no route")
        }
        var fullQuery = query
        if let apiVersion { fullQuery["api-version"] = apiVersion }
        try KeyVaultService.validateAPIVersion(apiVersion)
        let context = OperationContext(principal: nil, now: clock.now(), requestId: UUID().uuidString,
                                       clientAddress: "127.0.0.1", origin: Self.origin, apiVersion: apiVersion)
        let request = ServiceRequest(method: method, parameters: parameters, query: fullQuery, body: body, context: context)
        return try operation.handler(service, request, vault)
    }

    /// A request with a JSON body that must succeed with 200; the decoded response object.
    @discardableResult
    func json(_ method: String, _ path: String, _ body: [String: Any]? = nil, query: [String: String] = [:],
              file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        let response = try send(method, path, query: query, body: data)
        XCTAssertEqual(response.status, 200, file: file, line: line)
        let object = try JSONSerialization.jsonObject(with: response.body ?? Data())
        return try XCTUnwrap(object as? [String: Any], file: file, line: line)
    }

    /// The error a request must fail with (the test fails if it succeeds).
    func error(_ method: String, _ path: String, _ body: [String: Any]? = nil, raw: Data? = nil, query: [String: String] = [:],
               file: StaticString = #filePath, line: UInt = #line) -> ServiceError? {
        do {
            let data = try raw ?? body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
            let response = try send(method, path, query: query, body: data)
            XCTFail("expected an error, got \(response.status) \(String(decoding: response.body ?? Data(), as: UTF8.self))", file: file, line: line)
            return nil
        } catch let error as ServiceError {
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    /// Creates a key and returns its KeyBundle.
    @discardableResult
    func create(_ name: String, _ body: [String: Any] = ["kty": "RSA"], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try json("POST", "/keys/\(name)/create", body, file: file, line: line)
    }
}

/// Fields of a decoded JSON object.
func keys(_ object: Any?) -> Set<String> {
    Set((object as? [String: Any])?.keys.map { $0 } ?? [])
}

func object(_ value: Any?, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
    try XCTUnwrap(value as? [String: Any], file: file, line: line)
}

func b64(_ data: Data) -> String { Base64URL.encode(data) }

func unb64(_ value: Any?, file: StaticString = #filePath, line: UInt = #line) throws -> Data {
    try XCTUnwrap((value as? String).flatMap(Base64URL.decode), file: file, line: line)
}

/// Runs `script` with Python 3 and `cryptography`; `input` is passed as a JSON file whose path is
/// `sys.argv[1]`; the script prints one JSON object.
func runPython(_ script: String, input: [String: Any]) throws -> [String: Any] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kv-python-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let inputURL = directory.appendingPathComponent("input.json")
    try JSONSerialization.data(withJSONObject: input).write(to: inputURL)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = ["-c", script, inputURL.path]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw NSError(domain: "python", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: errorText])
    }
    return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// Python helpers shared by the crypto tests: base64url without padding, JWK public keys.
let pythonPrelude = """
import base64, json, sys
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
def unb64(s): return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def rsa_public(jwk): return rsa.RSAPublicNumbers(int.from_bytes(unb64(jwk["e"]), "big"), int.from_bytes(unb64(jwk["n"]), "big")).public_key()
HASHES = {"256": hashes.SHA256(), "384": hashes.SHA384(), "512": hashes.SHA512(), "256K": hashes.SHA256()}
inp = json.load(open(sys.argv[1]))

"""

final class KeyVaultHarnessTests: XCTestCase {
    /// The oracle itself must be able to say no, or the cross-checks prove nothing.
    func testPythonOracleRejectsAWrongSignature() throws {
        let result = try runPython(pythonPrelude + """
            from cryptography.hazmat.primitives.asymmetric import rsa as r
            k = r.generate_private_key(public_exponent=65537, key_size=2048)
            sig = k.sign(b"message", padding.PKCS1v15(), hashes.SHA256())
            try:
                k.public_key().verify(sig, b"other", padding.PKCS1v15(), hashes.SHA256()); ok = True
            except Exception:
                ok = False
            print(json.dumps({"ok": ok, "echo": inp["echo"]}))
            """, input: ["echo": "x"])
        XCTAssertEqual(result["ok"] as? Bool, false)
        XCTAssertEqual(result["echo"] as? String, "x")
    }

    func testMigrationsApplyOnceAndCreateTheKeyTables() throws {
        let harness = try KeyVaultHarness()
        try harness.database.migrate(KeyVaultService.migrations)   // recorded: a second run is a no-op
        let tables = try harness.database.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('keys', 'key_versions') ORDER BY name")
        XCTAssertEqual(tables.compactMap { $0.string("name") }, ["key_versions", "keys"])
    }
}
