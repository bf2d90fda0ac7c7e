// DataConnectRegistry: create, update, read, list and delete registrations (the developer's side).

import Foundation
import Management
import ServiceCore

extension DataConnectRegistry {
    /// `PUT /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.DataConnect/registrations/{appId}`:
    /// 201 when created (the caller becomes developer and owner), 200 when updated (owners and
    /// Global Administrators only). A change of the reviewed definition raises the revision, which
    /// turns an approval into UpdateAvailable.
    func createOrUpdate(_ request: ServiceRequest) throws -> ServiceResponse {
        let caller = try Self.caller(request)
        let (subscriptionId, tenantId) = try management.knownSubscription(request.parameter("subscriptionId"))
        let resourceGroup = try management.existingResourceGroupName(subscriptionId: subscriptionId, name: request.parameter("resourceGroupName"))
        let appId = request.parameter("appId").lowercased()
        let input = try decode(RegistrationInput.self, request)
        let validation = RegistrationValidation(
            tenantId: tenantId, applicationExists: { [settings] in settings.applicationExists(tenantId, $0) },
            vaultNamed: { [self] in linkedVault(named: $0) })
        let outcome = try validation.validate(appId: appId, input.properties)
        let now = request.context.now
        let (actor, actorType) = Self.actor(caller)

        let (record, created): (RegistrationRecord, Bool) = try database.transaction {
            if var existing = try store.record(tenantId: tenantId, appId: appId) {
                guard existing.subscriptionId == subscriptionId, existing.resourceGroup.lowercased() == resourceGroup.lowercased() else {
                    throw ServiceError.registrationAlreadyExists(appId: appId, tenantId: tenantId, existingId: existing.resourceId)
                }
                try requireChange(existing, caller, verb: "change")
                if existing.definition != outcome.definition {
                    existing.definition = outcome.definition
                    existing.revision += 1
                }
                existing.description = outcome.description
                for owner in outcome.owners where !existing.owners.contains(owner) { existing.owners.append(owner) }
                existing.updatedAt = now
                existing.updatedBy = actor
                existing.updatedByType = actorType
                try store.save(existing)
                return (existing, false)
            }
            var owners = [caller.objectId.lowercased()]
            for owner in outcome.owners where !owners.contains(owner) { owners.append(owner) }
            let record = RegistrationRecord(
                tenantId: tenantId.lowercased(), appId: appId, subscriptionId: subscriptionId, resourceGroup: resourceGroup,
                description: outcome.description, definition: outcome.definition, revision: 1, owners: owners,
                developer: caller.objectId.lowercased(), createdAt: now, createdBy: actor, createdByType: actorType,
                updatedAt: now, updatedBy: actor, updatedByType: actorType, approval: ApprovalState(), approvedDefinition: nil)
            try store.save(record)
            return (record, true)
        }
        try folders.create(record.definition.destination)
        return .json(resource(record, now: now), status: created ? 201 : 200)
    }

    /// `GET .../registrations/{appId}` under a resource group.
    func get(_ request: ServiceRequest) throws -> ServiceResponse {
        let caller = try Self.caller(request)
        let record = try recordInGroup(request)
        try requireSee(record, caller)
        return .json(resource(record, now: request.context.now))
    }

    /// `GET .../resourceGroups/{rg}/providers/Microsoft.DataConnect/registrations` and the
    /// subscription-wide list: the registrations the caller may see.
    func list(_ request: ServiceRequest) throws -> ServiceResponse {
        let caller = try Self.caller(request)
        let (subscriptionId, _) = try management.knownSubscription(request.parameter("subscriptionId"))
        var group: String?
        if !request.parameter("resourceGroupName").isEmpty {
            group = try management.existingResourceGroupName(subscriptionId: subscriptionId, name: request.parameter("resourceGroupName"))
        }
        let records = try store.records(subscriptionId: subscriptionId, resourceGroup: group).filter { canSee($0, caller) }
        return .json(RegistrationList(value: records.map { resource($0, now: request.context.now) }))
    }

    /// `DELETE .../registrations/{appId}`: 200 when deleted, 204 when there was none. Pipelines that
    /// already passed the authorization check finish; later ones fail with AppNotAuthorized.
    func delete(_ request: ServiceRequest) throws -> ServiceResponse {
        let caller = try Self.caller(request)
        let (subscriptionId, tenantId) = try management.knownSubscription(request.parameter("subscriptionId"))
        let resourceGroup = try management.existingResourceGroupName(subscriptionId: subscriptionId, name: request.parameter("resourceGroupName"))
        let appId = request.parameter("appId").lowercased()
        return try database.transaction {
            guard let record = try store.record(tenantId: tenantId, appId: appId), record.subscriptionId == subscriptionId,
                  record.resourceGroup.lowercased() == resourceGroup.lowercased() else { return .noContent }
            try requireChange(record, caller, verb: "delete")
            try store.delete(tenantId: tenantId, appId: appId)
            return ServiceResponse(status: 200)
        }
    }

    // MARK: - Tenant level (what the Microsoft 365 admin center shows)

    /// `GET /providers/Microsoft.DataConnect/registrations`: every registration of the caller's
    /// tenant it may see (all of them for a Global Administrator).
    func listInTenant(_ request: ServiceRequest) throws -> ServiceResponse {
        let caller = try Self.caller(request)
        let records = try store.records(tenantId: caller.tenantId).filter { canSee($0, caller) }
        return .json(RegistrationList(value: records.map { resource($0, now: request.context.now) }))
    }

    /// `GET /providers/Microsoft.DataConnect/registrations/{appId}`.
    func getInTenant(_ request: ServiceRequest) throws -> ServiceResponse {
        let caller = try Self.caller(request)
        let record = try recordInTenant(request, caller)
        try requireSee(record, caller)
        return .json(resource(record, now: request.context.now))
    }

    /// `DELETE /providers/Microsoft.DataConnect/registrations/{appId}`: owners and Global
    /// Administrators, without needing a role on the subscription.
    func deleteInTenant(_ request: ServiceRequest) throws -> ServiceResponse {
        let caller = try Self.caller(request)
        return try database.transaction {
            let record = try recordInTenant(request, caller)
            try requireChange(record, caller, verb: "delete")
            try store.delete(tenantId: record.tenantId, appId: record.appId)
            return ServiceResponse(status: 200)
        }
    }

    // MARK: - Helpers

    func recordInGroup(_ request: ServiceRequest) throws -> RegistrationRecord {
        let (subscriptionId, tenantId) = try management.knownSubscription(request.parameter("subscriptionId"))
        let resourceGroup = try management.existingResourceGroupName(subscriptionId: subscriptionId, name: request.parameter("resourceGroupName"))
        let appId = request.parameter("appId")
        guard let record = try store.record(tenantId: tenantId, appId: appId), record.subscriptionId == subscriptionId,
              record.resourceGroup.lowercased() == resourceGroup.lowercased() else {
            throw ServiceError.resourceNotFound(type: RegistrationRecord.resourceType, name: appId, resourceGroup: resourceGroup)
        }
        return record
    }

    /// The registration of `{appId}` in the caller's tenant, or `AppRegistrationNotFound`.
    func recordInTenant(_ request: ServiceRequest, _ caller: Principal) throws -> RegistrationRecord {
        guard let record = try store.record(tenantId: caller.tenantId, appId: request.parameter("appId")) else {
            throw ServiceError.appRegistrationNotFound()
        }
        return record
    }

    func decode<T: Decodable>(_ type: T.Type, _ request: ServiceRequest, emptyAsObject: Bool = false) throws -> T {
        do {
            return try WireJSON.decode(type, from: request.body, errorCode: "InvalidRequestContent", emptyAsObject: emptyAsObject)
        } catch let error as ServiceError {
            throw ServiceError.invalidRequestContent(error.message)
        }
    }

    /// ARM's `systemData` actor: application id for a service principal, object id for a user.
    static func actor(_ principal: Principal) -> (String, String) {
        switch principal.kind {
        case .servicePrincipal: return (principal.applicationId, "Application")
        case .user, .group: return (principal.objectId, "User")
        }
    }
}
