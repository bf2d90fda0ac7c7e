import XCTest
@testable import VaultCrypto

final class VaultCryptoPlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
