// DataConnectTests: row serialisation is valid, ordered JSON; timestamps match Python's calendar.

import Foundation
import XCTest
@testable import DataConnect

final class JSONValueAndTimeTests: XCTestCase {
    func testSerialisationKeepsOrderAndEscapes() throws {
        let value: JSONValue = .object([("z", .int(-5)), ("a", .string("q\"b\\s/\n\r\t\u{01}é")), ("n", .null),
                                        ("l", .array([.bool(true), .bool(false), .object([])]))])
        let text = String(decoding: value.serialized(), as: UTF8.self)
        XCTAssertEqual(text, #"{"z":-5,"a":"q\"b\\s/\n\r\t\u0001é","n":null,"l":[true,false,{}]}"#)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: value.serialized()) as? [String: Any])
        XCTAssertEqual(parsed["a"] as? String, "q\"b\\s/\n\r\t\u{01}é")
        let pretty = String(decoding: JSONValue.object([("a", .array([])), ("b", .array([.int(1)]))]).prettySerialized(), as: UTF8.self)
        XCTAssertEqual(pretty, "{\n  \"a\": [],\n  \"b\": [\n    1\n  ]\n}\n")
    }

    /// Expected strings from Python's datetime (UTC) for the same second counts.
    func testTimestampsMatchPython() {
        XCTAssertEqual(RowTime.text(seconds: 0), "1970-01-01T00:00:00Z")
        XCTAssertEqual(RowTime.text(seconds: 1_735_689_600), "2025-01-01T00:00:00Z")
        XCTAssertEqual(RowTime.text(seconds: 1_743_465_600), "2025-04-01T00:00:00Z")
        XCTAssertEqual(RowTime.text(seconds: 951_782_400), "2000-02-29T00:00:00Z")
        XCTAssertEqual(RowTime.text(seconds: -1), "1969-12-31T23:59:59Z")
        XCTAssertEqual(RowTime.text(seconds: 4_102_444_799), "2099-12-31T23:59:59Z")
        XCTAssertEqual(RowTime.seconds(year: 2025, month: 4, day: 1), 1_743_465_600)
        XCTAssertEqual(RowTime.mailHeaderDate(seconds: 1_738_591_509), "Mon, 3 Feb 2025 14:05:09 +0000")
        XCTAssertEqual(RowTime.quotedSentDate(seconds: 1_738_591_509), "Monday, February 3, 2025 2:05 PM")
        XCTAssertEqual(RowTime.quotedSentDate(seconds: 1_735_689_600), "Wednesday, January 1, 2025 12:00 AM")
        XCTAssertNotNil(ISO8601DateFormatter().date(from: RowTime.never))
    }
}
