// ServiceCoreTests: routing as Key Vault and ARM need it.

import XCTest
@testable import ServiceCore

final class RouteTableTests: XCTestCase {
    private func table() throws -> RouteTable<String> {
        try RouteTable([
            Route("POST", "/keys/{name}/create", "create"),
            Route("GET", "/keys/{name}", "get"),
            Route("GET", "/keys/{name}/{version}", "getVersion"),
            Route("GET", "/keys/{name}/versions", "versions"),
            Route("POST", "/keys/{name}/{version}/sign", "sign"),
            Route("POST", "/keys/{name}/sign", "signLatest"),
            Route("POST", "/keys/{name}/{version}/wrapkey", "wrap"),
            Route("POST", "/keys/restore", "restore"),
            Route("PUT", "/{*scope}/providers/Microsoft.Authorization/roleAssignments/{assignment}", "putAssignment"),
            Route("GET", "/{*scope}/providers/Microsoft.Authorization/roleAssignments", "listAssignments"),
        ])
    }

    private func expect(_ method: String, _ path: String, _ payload: String, _ parameters: [String: String],
                        file: StaticString = #filePath, line: UInt = #line) throws {
        guard case .found(let found, let captured) = try table().match(method: method, path: path) else {
            return XCTFail("\(method) \(path) did not match", file: file, line: line)
        }
        XCTAssertEqual(found, payload, file: file, line: line)
        XCTAssertEqual(captured, parameters, file: file, line: line)
    }

    func testTrailingSlashAndEmptyVersionMeanLatest() throws {
        try expect("GET", "/keys/k1/", "get", ["name": "k1"])
        try expect("POST", "/keys/k1//sign", "signLatest", ["name": "k1"])
        try expect("POST", "//keys//k1/sign", "signLatest", ["name": "k1"])
    }

    func testLiteralsBeatParameters() throws {
        try expect("GET", "/keys/k1/versions", "versions", ["name": "k1"])
        try expect("GET", "/keys/k1/0123456789abcdef0123456789abcdef", "getVersion", ["name": "k1", "version": "0123456789abcdef0123456789abcdef"])
        try expect("POST", "/keys/k1/abc/sign", "sign", ["name": "k1", "version": "abc"])
    }

    func testLiteralsAreCaseInsensitive() throws {
        try expect("POST", "/keys/k1/v1/wrapKey", "wrap", ["name": "k1", "version": "v1"])
        try expect("POST", "/KEYS/k1/v1/WRAPKEY", "wrap", ["name": "k1", "version": "v1"])
    }

    func testRestScopeCapturesManySegments() throws {
        let scope = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v1"
        try expect("PUT", "\(scope)/providers/Microsoft.Authorization/roleAssignments/a1", "putAssignment", ["scope": scope, "assignment": "a1"])
        try expect("GET", "/providers/Microsoft.Authorization/roleAssignments", "listAssignments", ["scope": ""])
    }

    func testPercentEncodedSegmentsAreDecoded() throws {
        try expect("GET", "/keys/a%2Db", "get", ["name": "a-b"])
    }

    func testMethodNotAllowedAndNotFound() throws {
        guard case .methodNotAllowed(let allowed) = try table().match(method: "DELETE", path: "/keys/k1/create") else {
            return XCTFail("expected 405")
        }
        // `create` also fills the {version} of GET /keys/{name}/{version}.
        XCTAssertEqual(allowed, ["GET", "POST"])
        guard case .notFound = try table().match(method: "GET", path: "/secrets/s1") else { return XCTFail("expected 404") }
    }

    func testConflictingTemplatesAreRejected() {
        XCTAssertThrowsError(try RouteTable([Route("GET", "/keys/{name}", 1), Route("GET", "/KEYS/{other}", 2)]))
        XCTAssertNoThrow(try RouteTable([Route("GET", "/keys/{name}", 1), Route("DELETE", "/keys/{name}", 2)]))
    }
}
