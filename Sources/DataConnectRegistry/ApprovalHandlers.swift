// DataConnectRegistry: the Global Administrator's approve and deny (the Microsoft 365 admin center's side).

import Foundation
import ServiceCore

extension DataConnectRegistry {
    /// `POST /providers/Microsoft.DataConnect/registrations/{appId}/approve`: approves the current
    /// revision for 180 days (renewing an earlier approval).
    func approve(_ request: ServiceRequest) throws -> ServiceResponse {
        try decide(request) { record, caller, input, now in
            record.approval.approve(revision: record.revision, by: caller.objectId.lowercased(), at: now)
            record.approvedDefinition = record.definition
        }
    }

    /// `POST /providers/Microsoft.DataConnect/registrations/{appId}/deny`: declines the app; runs
    /// fail until it is approved again.
    func deny(_ request: ServiceRequest) throws -> ServiceResponse {
        try decide(request) { record, caller, input, now in
            let reason = input.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            record.approval.deny(revision: record.revision, by: caller.objectId.lowercased(), at: now,
                                 reason: reason?.isEmpty == false ? reason : nil)
            record.approvedDefinition = nil
        }
    }

    /// Checks, in this order: the caller is a Global Administrator of its tenant; the registration
    /// exists there (`App registration not found. ...`); the caller is not one of its owners
    /// (`App approver and owner cannot be the same user.`); the reviewed revision is current.
    private func decide(_ request: ServiceRequest,
                        _ change: (inout RegistrationRecord, Principal, DecisionInput, Date) -> Void) throws -> ServiceResponse {
        let caller = try Self.caller(request)
        guard settings.isGlobalAdministrator(caller) else { throw ServiceError.notGlobalAdministrator(tenantId: caller.tenantId) }
        let input = try decode(DecisionInput.self, request, emptyAsObject: true)
        let now = request.context.now
        let record: RegistrationRecord = try database.transaction {
            var record = try recordInTenant(request, caller)
            guard !record.owners.contains(caller.objectId.lowercased()) else { throw ServiceError.approverIsOwner() }
            if let reviewed = input.revision, reviewed != record.revision {
                throw ServiceError.registrationChanged(expected: reviewed, current: record.revision)
            }
            change(&record, caller, input, now)
            try store.save(record)
            return record
        }
        return .json(resource(record, now: now))
    }
}
