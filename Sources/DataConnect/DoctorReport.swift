// DataConnect: the doctor's findings: one verdict per requirement, and how they are printed.

import Foundation

/// One requirement's verdict.
public struct RequirementCheck: Sendable, Equatable {
    public enum Verdict: String, Sendable { case pass = "PASS", fail = "FAIL", notChecked = "SKIP" }

    /// `MG1` ... `MG8` (keyvault-spec.md §7).
    public let id: String
    public let title: String
    public let verdict: Verdict
    public let detail: String
    /// The portal step that fixes a failure.
    public let step: PortalStep?
}

/// The doctor's findings, in requirement order.
public struct DoctorReport: Sendable, Equatable {
    public let checks: [RequirementCheck]
    /// The registration's approval status, if it exists.
    public let approvalStatus: String?

    public var allPass: Bool { checks.allSatisfy { $0.verdict == .pass } }
    public func check(_ id: String) -> RequirementCheck? { checks.first { $0.id == id } }
}

extension EncryptionDoctor {
    // MARK: - Output

    func check(_ id: String, _ title: String, _ verdict: RequirementCheck.Verdict, _ detail: String,
                       _ step: PortalStep? = nil) -> RequirementCheck {
        RequirementCheck(id: id, title: title, verdict: verdict, detail: detail, step: verdict == .fail ? step : nil)
    }

    func print(_ report: DoctorReport) {
        for check in report.checks {
            console.step("\(check.verdict.rawValue) \(check.id) \(check.title): \(check.detail)")
            if let step = check.step {
                console.step("     fix: \(step.text)")
                console.step("     in the portal: \(step.portalWording)")
            }
        }
        if let status = report.approvalStatus, status != "Approved" {
            console.step("note: the registration is \(status); encryption applies to runs once a Global Administrator approves it")
        }
        let failing = report.checks.filter { $0.verdict != .pass }.count
        console.step(failing == 0 ? "all \(report.checks.count) requirements pass"
                                  : "\(failing) of \(report.checks.count) requirements do not pass")
    }
}
