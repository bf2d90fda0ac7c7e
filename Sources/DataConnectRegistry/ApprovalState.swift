// DataConnectRegistry: the admin's authorization of a registration, as a value with explicit transitions.

import Foundation

/// What the Microsoft 365 admin center shows for an app (dataconnect-spec.md §3.1), and whether
/// runs may proceed.
public enum ApprovalStatus: String, Codable, Sendable, CaseIterable {
    /// Never reviewed, or changed after a denial: runs fail.
    case pending = "Pending"
    /// Approved, unchanged since, less than 180 days ago: runs use the current definition.
    case approved = "Approved"
    /// Declined: runs fail.
    case denied = "Denied"
    /// Approved 180 days ago or more (on the emulator clock): runs fail until approved again.
    case expired = "Expired"
    /// Approved, then changed: runs keep using the approved definition until re-approved.
    case updateAvailable = "UpdateAvailable"

    /// Approved and UpdateAvailable let runs through (with the approved definition).
    public var allowsRuns: Bool { self == .approved || self == .updateAvailable }
}

/// The decisions taken on one registration. The status is computed, never stored, from the last
/// decision, the registration's current revision and the emulator clock:
///
/// | Last decision | Condition | Status |
/// |---|---|---|
/// | none | | Pending |
/// | denied at revision r | current revision = r | Denied |
/// | denied at revision r | current revision > r (changed since) | Pending |
/// | approved at time t, revision r | now >= t + 180 days | Expired |
/// | approved at time t, revision r | current revision > r | UpdateAvailable |
/// | approved at time t, revision r | otherwise | Approved |
///
/// Transitions: `approve` is allowed in every state (first approval, renewal before or after
/// expiry, re-approval of an update, reversal of a denial) and restarts the 180 days; `deny` is
/// allowed in every state and revokes the approval (runs fail even if an older approval existed).
///
/// ```swift
/// var state = ApprovalState()
/// state.approve(revision: 1, by: adminId, at: now)
/// state.status(currentRevision: 2, now: now)   // .updateAvailable: runs use revision 1
/// ```
public struct ApprovalState: Sendable, Equatable {
    public struct Approval: Sendable, Equatable {
        public let revision: Int
        public let at: Date
        public let by: String
    }

    public struct Denial: Sendable, Equatable {
        public let revision: Int
        public let at: Date
        public let by: String
        public let reason: String?
    }

    public enum Decision: Sendable, Equatable {
        case approved(Approval)
        case denied(Denial)
    }

    /// How long an approval lasts (app-authorization.md: "valid 180 days").
    public static let validity: TimeInterval = 180 * 86_400

    public private(set) var lastDecision: Decision?

    public init(lastDecision: Decision? = nil) {
        self.lastDecision = lastDecision
    }

    /// The approval in force (nil when never approved or denied since).
    public var approval: Approval? {
        if case .approved(let approval) = lastDecision { return approval }
        return nil
    }

    public var denial: Denial? {
        if case .denied(let denial) = lastDecision { return denial }
        return nil
    }

    /// When the approval in force stops letting runs through.
    public var expiresAt: Date? { approval.map { $0.at.addingTimeInterval(Self.validity) } }

    public func status(currentRevision: Int, now: Date) -> ApprovalStatus {
        switch lastDecision {
        case nil:
            return .pending
        case .denied(let denial):
            return currentRevision > denial.revision ? .pending : .denied
        case .approved(let approval):
            if now >= approval.at.addingTimeInterval(Self.validity) { return .expired }
            return currentRevision > approval.revision ? .updateAvailable : .approved
        }
    }

    /// Approves `revision` (the registration as the admin sees it now).
    public mutating func approve(revision: Int, by approver: String, at time: Date) {
        lastDecision = .approved(Approval(revision: revision, at: time, by: approver))
    }

    /// Declines the app; any earlier approval is revoked.
    public mutating func deny(revision: Int, by approver: String, at time: Date, reason: String?) {
        lastDecision = .denied(Denial(revision: revision, at: time, by: approver, reason: reason))
    }
}
