// ServiceCoreTests: the adjustable clock.

import Foundation
import XCTest
@testable import ServiceCore

final class ClockTests: XCTestCase {
    private struct FixedClock: ServiceCore.Clock { let date: Date; func now() -> Date { date } }

    func testOffsetAndAdvance() {
        let base = Date(unixSeconds: 1_700_000_000)
        let clock = AdjustableClock(base: FixedClock(date: base))
        XCTAssertEqual(clock.now().unixSeconds, 1_700_000_000)
        clock.offset = 3600
        XCTAssertEqual(clock.now().unixSeconds, 1_700_003_600)
        clock.advance(by: 60)
        XCTAssertEqual(clock.now().unixSeconds, 1_700_003_660)
    }

    func testFreeze() {
        let clock = AdjustableClock(frozenAt: Date(unixSeconds: 10))
        clock.advance(by: 5)
        XCTAssertEqual(clock.now().unixSeconds, 15)
        XCTAssertEqual(Date(unixSeconds: 0).iso8601, "1970-01-01T00:00:00.000Z")
    }
}
