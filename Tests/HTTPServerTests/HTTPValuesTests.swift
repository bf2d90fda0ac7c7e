// HTTPServerTests: header lookup, reason phrases and the body-limit answer, without sockets.

import Foundation
import XCTest
@testable import HTTPServer

final class HTTPValuesTests: XCTestCase {
    func testHeadersLookUpCaseInsensitivelyFirstFieldWins() {
        let headers = HTTPHeaders([("Content-Type", "application/json"), ("X-A", "1"), ("x-a", "2")])
        XCTAssertEqual(headers["content-type"], "application/json")
        XCTAssertEqual(headers["CONTENT-TYPE"], "application/json")
        XCTAssertEqual(headers["x-a"], "1")
        XCTAssertNil(headers["Content-Typ"])
        XCTAssertEqual(headers.all.count, 3)
    }

    func testReasonPhrasesAndBodyRules() {
        XCTAssertEqual(HTTPResponse.reasonPhrase(for: 202), "Accepted")
        XCTAssertEqual(HTTPResponse.reasonPhrase(for: 429), "Too Many Requests")
        XCTAssertNil(HTTPResponse.reasonPhrase(for: 418))
        XCTAssertFalse(HTTPResponse.statusAllowsBody(204))
        XCTAssertFalse(HTTPResponse.statusAllowsBody(304))
        XCTAssertTrue(HTTPResponse.statusAllowsBody(200))
        let tooLarge = HTTPResponse.bodyTooLarge(limit: 10)
        XCTAssertEqual(tooLarge.status, 400)
        XCTAssertEqual(String(decoding: tooLarge.body, as: UTF8.self),
                       #"{"error":{"code":"BadParameter","message":"The request body is larger than the maximum of 10 bytes."}}"#)
    }
}
