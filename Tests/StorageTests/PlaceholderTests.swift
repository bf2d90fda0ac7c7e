import XCTest
@testable import Storage

final class StoragePlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
