// DomainTests: the keys operation table — routes, precedence, authorization data, api-versions.

import ServiceCore
import XCTest
@testable import KeyVault

final class KeyVaultRoutingTests: XCTestCase {
    private func route(_ method: String, _ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> (String, [String: String]) {
        let table = try RouteTable(KeyVaultService.operations.flatMap { op in op.paths.map { Route(op.method, $0, op) } })
        guard case .found(let operation, let parameters) = table.match(method: method, path: path) else {
            XCTFail("\(method) \(path) did not route", file: file, line: line)
            return ("", [:])
        }
        return (operation.name, parameters)
    }

    func testTheTableBuildsWithoutConflicts() throws {
        let routes = KeyVaultService.operations.flatMap { op in op.paths.map { Route(op.method, $0, op.name) } }
        XCTAssertEqual(routes.count, 35)
        XCTAssertNoThrow(try RouteTable(routes))
        // The conflict check is live: the same shape twice is refused.
        XCTAssertThrowsError(try RouteTable(routes + [Route("GET", "/keys/{other}", "duplicate")]))
    }

    func testLiteralsBeatVersionsAndEmptySegmentsMeanLatest() throws {
        XCTAssertEqual(try route("GET", "/keys/k1/versions").0, "listKeyVersions")
        XCTAssertEqual(try route("GET", "/keys/k1/versions").1, ["name": "k1"])
        XCTAssertEqual(try route("GET", "/keys/k1/0123456789abcdef0123456789abcdef").1,
                       ["name": "k1", "version": "0123456789abcdef0123456789abcdef"])
        XCTAssertEqual(try route("GET", "/keys/k1/").1, ["name": "k1"])
        XCTAssertEqual(try route("PATCH", "/keys/k1/").0, "updateKey")
        XCTAssertEqual(try route("GET", "/keys").0, "listKeys")
        XCTAssertEqual(try route("POST", "/keys/k1/create").0, "createKey")

        let latest = try route("POST", "/keys/k1//sign")
        XCTAssertEqual(latest.0, "sign")
        XCTAssertEqual(latest.1, ["name": "k1"])
        let versioned = try route("POST", "/keys/k1/abc/wrapkey")
        XCTAssertEqual(versioned.0, "wrapKey")
        XCTAssertEqual(versioned.1, ["name": "k1", "version": "abc"])
        XCTAssertEqual(try route("POST", "/keys/k1/abc/UnwrapKey").0, "unwrapKey")
        // A key may be named like an operation: `/keys/create/sign` signs with key "create".
        XCTAssertEqual(try route("POST", "/keys/create/sign").1, ["name": "create"])
    }

    func testLifecycleRoutesAndTheirPrecedence() throws {
        XCTAssertEqual(try route("POST", "/keys/restore").0, "restoreKey")
        XCTAssertEqual(try route("POST", "/keys/restore/").0, "restoreKey")
        XCTAssertEqual(try route("POST", "/keys/k1/backup").1, ["name": "k1"])
        XCTAssertEqual(try route("POST", "/keys/k1/rotate").0, "rotateKey")
        XCTAssertEqual(try route("GET", "/keys/k1/rotationpolicy").0, "getKeyRotationPolicy")       // beats /keys/{name}/{version}
        XCTAssertEqual(try route("GET", "/keys/k1/rotationPolicy").0, "getKeyRotationPolicy")
        XCTAssertEqual(try route("PUT", "/keys/k1/RotationPolicy").0, "updateKeyRotationPolicy")
        XCTAssertEqual(try route("PUT", "/keys/k1").0, "importKey")
        XCTAssertEqual(try route("DELETE", "/keys/k1/").0, "deleteKey")
        XCTAssertEqual(try route("GET", "/deletedKeys").0, "listDeletedKeys")
        XCTAssertEqual(try route("GET", "/DELETEDKEYS/k1").1, ["name": "k1"])
        XCTAssertEqual(try route("DELETE", "/deletedkeys/k1").0, "purgeDeletedKey")
        XCTAssertEqual(try route("POST", "/deletedkeys/k1/recover").0, "recoverDeletedKey")
        XCTAssertEqual(try route("POST", "/keys/k1//release").1, ["name": "k1"])                 // the SDK's versionless release
        XCTAssertEqual(try route("POST", "/keys/k1/abc/release").1, ["name": "k1", "version": "abc"])
        XCTAssertEqual(try route("GET", "/keys/k1/attestation").1, ["name": "k1"])
        XCTAssertEqual(try route("GET", "/keys/k1/abc/attestation").1, ["name": "k1", "version": "abc"])
        XCTAssertEqual(try route("POST", "//rng").0, "getRandomBytes")
        // A key may be called "restore": its own routes still reach it.
        XCTAssertEqual(try route("GET", "/keys/restore").1, ["name": "restore"])
        XCTAssertEqual(try route("POST", "/keys/restore/backup").1, ["name": "restore"])
    }

    func testWrongMethodIsMethodNotAllowedFromTheRouter() throws {
        let table = try RouteTable(KeyVaultService.operations.flatMap { op in op.paths.map { Route(op.method, $0, op.name) } })
        guard case .methodNotAllowed(let allowed) = table.match(method: "DELETE", path: "/keys/k1/abc") else {
            return XCTFail("expected 405")
        }
        XCTAssertEqual(allowed, ["GET", "PATCH"])
    }

    /// The authorization data of every operation (keyvault-spec.md §2.5, §4.3).
    func testAuthorizationDataOfEveryOperation() {
        let rows = KeyVaultService.operations.map { op in
            [op.name, op.method, op.paths.joined(separator: " "), op.dataAction, op.accessPolicyPermission, op.scope == .key ? "key" : "vault"]
        }
        let prefix = "Microsoft.KeyVault/vaults/keys/"
        XCTAssertEqual(rows, [
            ["createKey", "POST", "/keys/{name}/create", prefix + "create/action", "create", "key"],
            ["getKey", "GET", "/keys/{name} /keys/{name}/{version}", prefix + "read", "get", "key"],
            ["updateKey", "PATCH", "/keys/{name} /keys/{name}/{version}", prefix + "update/action", "update", "key"],
            ["listKeys", "GET", "/keys", prefix + "read", "list", "vault"],
            ["listKeyVersions", "GET", "/keys/{name}/versions", prefix + "read", "list", "key"],
            ["encrypt", "POST", "/keys/{name}/{version}/encrypt /keys/{name}/encrypt", prefix + "encrypt/action", "encrypt", "key"],
            ["decrypt", "POST", "/keys/{name}/{version}/decrypt /keys/{name}/decrypt", prefix + "decrypt/action", "decrypt", "key"],
            ["wrapKey", "POST", "/keys/{name}/{version}/wrapkey /keys/{name}/wrapkey", prefix + "wrap/action", "wrapKey", "key"],
            ["unwrapKey", "POST", "/keys/{name}/{version}/unwrapkey /keys/{name}/unwrapkey", prefix + "unwrap/action", "unwrapKey", "key"],
            ["sign", "POST", "/keys/{name}/{version}/sign /keys/{name}/sign", prefix + "sign/action", "sign", "key"],
            ["verify", "POST", "/keys/{name}/{version}/verify /keys/{name}/verify", prefix + "verify/action", "verify", "key"],
            ["importKey", "PUT", "/keys/{name}", prefix + "import/action", "import", "key"],
            ["deleteKey", "DELETE", "/keys/{name}", prefix + "delete", "delete", "key"],
            ["getDeletedKey", "GET", "/deletedkeys/{name}", prefix + "read", "get", "key"],
            ["listDeletedKeys", "GET", "/deletedkeys", prefix + "read", "list", "vault"],
            ["recoverDeletedKey", "POST", "/deletedkeys/{name}/recover", prefix + "recover/action", "recover", "key"],
            ["purgeDeletedKey", "DELETE", "/deletedkeys/{name}", prefix + "purge/action", "purge", "key"],
            ["backupKey", "POST", "/keys/{name}/backup", prefix + "backup/action", "backup", "key"],
            ["restoreKey", "POST", "/keys/restore", prefix + "restore/action", "restore", "vault"],
            ["release", "POST", "/keys/{name}/{version}/release /keys/{name}/release", prefix + "release/action", "release", "key"],
            ["rotateKey", "POST", "/keys/{name}/rotate", prefix + "rotate/action", "rotate", "key"],
            ["getKeyRotationPolicy", "GET", "/keys/{name}/rotationpolicy", "Microsoft.KeyVault/vaults/keyrotationpolicies/read", "getrotationpolicy", "key"],
            ["updateKeyRotationPolicy", "PUT", "/keys/{name}/rotationpolicy", "Microsoft.KeyVault/vaults/keyrotationpolicies/write", "setrotationpolicy", "key"],
            ["getKeyAttestation", "GET", "/keys/{name}/{version}/attestation /keys/{name}/attestation", prefix + "read", "get", "key"],
            ["getRandomBytes", "POST", "/rng", "", "", "vault"],
        ])
    }

    func testEverySupportedAPIVersionPasses() throws {
        XCTAssertEqual(KeyVaultService.supportedAPIVersions, ["2016-10-01", "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "2025-07-01"])
        for version in KeyVaultService.supportedAPIVersions { XCTAssertNoThrow(try KeyVaultService.validateAPIVersion(version)) }
    }

    func testUnknownAndMissingAPIVersionsAreBadParameter() {
        for (version, message) in [
            ("7.7", "The specified version (7.7) is not recognized. Consider using the latest supported version (2025-07-01)."),
            ("2025-06-01-preview", "The specified version (2025-06-01-preview) is not recognized. Consider using the latest supported version (2025-07-01)."),
            (nil, "The api-version query parameter is required."),
            ("", "The api-version query parameter is required."),
        ] as [(String?, String)] {
            XCTAssertThrowsError(try KeyVaultService.validateAPIVersion(version)) { error in
                let error = error as? ServiceError
                XCTAssertEqual(error?.kind, .badRequest)
                XCTAssertEqual(error?.code, "BadParameter")
                XCTAssertEqual(error?.message, message)
            }
        }
    }
}
