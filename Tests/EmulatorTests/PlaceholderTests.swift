import XCTest
@testable import Emulator

final class EmulatorPlaceholderTests: XCTestCase {
    func testModuleLinks() {}
}
