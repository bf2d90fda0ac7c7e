// ServiceCoreTests: bad JSON becomes a 400 that names the problem.

import Foundation
import XCTest
@testable import ServiceCore

final class WireJSONTests: XCTestCase {
    private struct Create: Decodable { let kty: String; let key_size: Int?; let tags: [String: String]? }

    private func message(_ json: String) -> ServiceError? {
        do {
            _ = try WireJSON.decode(Create.self, from: Data(json.utf8))
            return nil
        } catch let error as ServiceError {
            return error
        } catch {
            return nil
        }
    }

    func testMalformedJSON() {
        let error = message("{not json")
        XCTAssertEqual(error?.kind, .badRequest)
        XCTAssertEqual(error?.code, "BadParameter")
        XCTAssertEqual(error?.message, "The request body is not valid JSON.")
    }

    func testWrongTypeNamesTheProperty() {
        XCTAssertEqual(message(#"{"kty":"RSA","key_size":"big"}"#)?.message, "The value of property 'key_size' has the wrong type: expected an integer.")
    }

    func testMissingPropertyIsNamed() {
        XCTAssertEqual(message(#"{"key_size":2048}"#)?.message, "The required property 'kty' is missing.")
    }

    func testNestedPathIsNamed() {
        XCTAssertEqual(message(#"{"kty":"RSA","tags":{"a":1}}"#)?.message, "The value of property 'tags.a' has the wrong type: expected a string.")
    }

    func testEmptyBodyAsObject() throws {
        struct Empty: Decodable { let value: String? }
        XCTAssertNil(try WireJSON.decode(Empty.self, from: Data(), emptyAsObject: true).value)
    }

    func testEncodingKeepsSlashes() {
        XCTAssertEqual(String(decoding: WireJSON.encode(["kid": "https://v/keys/k"]), as: UTF8.self), #"{"kid":"https://v/keys/k"}"#)
    }
}
