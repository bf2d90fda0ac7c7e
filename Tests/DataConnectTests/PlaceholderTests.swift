import XCTest
@testable import DataConnect

final class DataConnectPlaceholderTests: XCTestCase {
    func testModuleLinks() {}
}
