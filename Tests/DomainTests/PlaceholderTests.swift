import XCTest
@testable import KeyVault

final class DomainPlaceholderTests: XCTestCase {
    func testModuleLinks() {}
}
