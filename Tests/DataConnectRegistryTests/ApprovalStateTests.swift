// DataConnectRegistryTests: the approval state machine: every status, every transition, the 180 days.

import Foundation
import XCTest
@testable import DataConnectRegistry

final class ApprovalStateTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    let admin = "e5a1c0de-0000-4000-8000-00000000b0ad"

    func testNeverReviewedIsPending() {
        XCTAssertEqual(ApprovalState().status(currentRevision: 1, now: t0), .pending)
        XCTAssertNil(ApprovalState().expiresAt)
        XCTAssertFalse(ApprovalStatus.pending.allowsRuns)
    }

    func testApprovedUntilOneHundredEightyDaysOnTheClock() {
        var state = ApprovalState()
        state.approve(revision: 1, by: admin, at: t0)
        XCTAssertEqual(state.status(currentRevision: 1, now: t0), .approved)
        XCTAssertEqual(state.expiresAt, t0.addingTimeInterval(15_552_000))   // 180 * 86400
        XCTAssertEqual(state.status(currentRevision: 1, now: t0.addingTimeInterval(15_552_000 - 1)), .approved)
        XCTAssertEqual(state.status(currentRevision: 1, now: t0.addingTimeInterval(15_552_000)), .expired)
        XCTAssertTrue(ApprovalStatus.approved.allowsRuns)
        XCTAssertFalse(ApprovalStatus.expired.allowsRuns)
    }

    func testChangeAfterApprovalIsUpdateAvailableAndKeepsTheApprovedRevision() {
        var state = ApprovalState()
        state.approve(revision: 3, by: admin, at: t0)
        XCTAssertEqual(state.status(currentRevision: 4, now: t0), .updateAvailable)
        XCTAssertEqual(state.approval?.revision, 3)
        XCTAssertTrue(ApprovalStatus.updateAvailable.allowsRuns)
        // Expiry wins over a pending update.
        XCTAssertEqual(state.status(currentRevision: 4, now: t0.addingTimeInterval(ApprovalState.validity)), .expired)
    }

    func testDenialRevokesAndAChangeResubmits() {
        var state = ApprovalState()
        state.approve(revision: 1, by: admin, at: t0)
        state.deny(revision: 1, by: admin, at: t0.addingTimeInterval(60), reason: "too wide")
        XCTAssertEqual(state.status(currentRevision: 1, now: t0.addingTimeInterval(60)), .denied)
        XCTAssertNil(state.approval)
        XCTAssertNil(state.expiresAt)
        XCTAssertEqual(state.denial?.reason, "too wide")
        XCTAssertEqual(state.status(currentRevision: 2, now: t0), .pending)
        XCTAssertFalse(ApprovalStatus.denied.allowsRuns)
    }

    func testApprovalRenewsExpiredAndReversesDenied() {
        var state = ApprovalState()
        state.approve(revision: 1, by: admin, at: t0)
        let later = t0.addingTimeInterval(ApprovalState.validity + 10)
        XCTAssertEqual(state.status(currentRevision: 1, now: later), .expired)
        state.approve(revision: 1, by: admin, at: later)
        XCTAssertEqual(state.status(currentRevision: 1, now: later), .approved)
        XCTAssertEqual(state.expiresAt, later.addingTimeInterval(ApprovalState.validity))
        state.deny(revision: 1, by: admin, at: later, reason: nil)
        state.approve(revision: 1, by: admin, at: later)
        XCTAssertEqual(state.status(currentRevision: 1, now: later), .approved)
    }
}
