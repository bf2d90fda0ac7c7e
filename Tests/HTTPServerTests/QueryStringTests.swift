// HTTPServerTests: request-target splitting and query decoding, without sockets.

import Foundation
import XCTest
@testable import HTTPServer

final class QueryStringTests: XCTestCase {
    func testSplitKeepsThePathRaw() {
        XCTAssertEqual(QueryString.split(target: "/keys/a%20b//sign?api-version=7.4").path, "/keys/a%20b//sign")
        XCTAssertEqual(QueryString.split(target: "/keys/a%20b//sign?api-version=7.4").query, "api-version=7.4")
        XCTAssertEqual(QueryString.split(target: "/k?").query, "")
        XCTAssertEqual(QueryString.split(target: "/k?a=1?b").query, "a=1?b")
        XCTAssertEqual(QueryString.split(target: "/k#frag").path, "/k")
        XCTAssertEqual(QueryString.split(target: "https://h:1/x/y?z=1").path, "/x/y")
        XCTAssertEqual(QueryString.split(target: "https://h:1/x/y?z=1").query, "z=1")
        XCTAssertEqual(QueryString.split(target: "https://h:1?z=1").path, "/")
        XCTAssertEqual(QueryString.split(target: "").path, "/")
    }

    func testParseDecodesFirstValueWinsAndKeepsNameCase() {
        XCTAssertEqual(QueryString.parse("api-version=7.4&%24skiptoken=a%2Bb"), ["api-version": "7.4", "$skiptoken": "a+b"])
        XCTAssertEqual(QueryString.parse("a=1&a=2&A=3"), ["a": "1", "A": "3"])
        XCTAssertEqual(QueryString.parse("q=hello+world%21&flag&empty=&=v"), ["q": "hello world!", "flag": "", "empty": "", "": "v"])
        XCTAssertEqual(QueryString.parse("x=%C3%BC%E2%82%AC"), ["x": "ü€"])
        XCTAssertEqual(QueryString.parse("eq=a=b"), ["eq": "a=b"])
    }

    func testMalformedQueriesDoNotCrash() {
        XCTAssertEqual(QueryString.parse("a=%zz&b=%&c=%4&d=%%41"), ["a": "%zz", "b": "%", "c": "%4", "d": "%A"])
        XCTAssertEqual(QueryString.parse("x=%FF%FE"), ["x": "\u{FFFD}\u{FFFD}"])
        XCTAssertEqual(QueryString.parse("&&&"), [:])
        XCTAssertEqual(QueryString.parse(""), [:])
    }
}
