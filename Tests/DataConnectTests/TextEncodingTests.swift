// DataConnectTests: the byte-level encodings give exactly what the Foundation calls they replaced gave.

import Foundation
import XCTest
@testable import DataConnect

final class TextEncodingTests: XCTestCase {
    static let samples = ["", "plain", "a<b & \"c\" > d", "&amp; stays escaped once", "Zoë – “quotes” & <tags>", "tab\there\r\nline", "\u{0}\u{1f}\\/"]

    func testHexIsTwoDigitsPerByte() {
        let bytes: [UInt8] = [0x00, 0x0F, 0xA0, 0xFF, 0x7E]
        XCTAssertEqual(TextEncoding.hex(bytes), "000fa0ff7e")
        XCTAssertEqual(TextEncoding.hex(bytes, uppercase: true), "000FA0FF7E")
        XCTAssertEqual(TextEncoding.hex(bytes), bytes.map { String(format: "%02x", $0) }.joined())
        XCTAssertEqual(TextEncoding.hex([UInt8]()), "")
    }

    func testHTMLEscapeEqualsTheChainedReplacements() {
        for sample in Self.samples {
            let chained = sample.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            XCTAssertEqual(TextEncoding.htmlEscaped(sample), chained, sample)
        }
    }

    func testFormEncodingKeepsOnlyUnreservedCharacters() {
        XCTAssertEqual(TextEncoding.formEncoded("app-secret/with+odd=chars&more"), "app-secret%2Fwith%2Bodd%3Dchars%26more")
        XCTAssertEqual(TextEncoding.formEncoded("AZaz09-._~ é"), "AZaz09-._~%20%C3%A9")
        XCTAssertEqual(TextEncoding.formEncoded("principalId eq 'x'"), "principalId%20eq%20%27x%27")
    }

    func testGraphBase64ReplacesSlashAndPlusOnly() {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF, 0x00, 0x10, 0x83]   // "+/+/ABCD" in standard base64
        let standard = Data(bytes).base64EncodedString()
        XCTAssertEqual(standard, "+/+/ABCD")
        XCTAssertEqual(TextEncoding.base64(bytes, slash: UInt8(ascii: "-"), plus: UInt8(ascii: "_")), "_-_-ABCD")
        XCTAssertEqual(ExchangeIdentifiers.graphBase64([0xFF, 0xFE]), "--4=")
    }

    /// JSON strings written by JSONValue read back as the same strings, including quotes, backslashes and controls.
    func testJSONStringsRoundTrip() throws {
        for sample in Self.samples + [String(repeating: "x\"", count: 5000)] {
            let data = JSONValue.array([.string(sample)]).serialized()
            let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String])
            XCTAssertEqual(decoded, [sample])
        }
        XCTAssertEqual(String(decoding: JSONValue.string("a\"b\\c\n\u{1}").serialized(), as: UTF8.self), #""a\"b\\c\n\u0001""#)
    }
}
