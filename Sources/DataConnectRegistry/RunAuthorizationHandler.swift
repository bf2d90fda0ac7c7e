// DataConnectRegistry: the endpoint the agent calls, as the application, before a run starts.

import Foundation
import ServiceCore

/// The answer to an authorized run: what it may extract, where, and how to encrypt.
struct RunAuthorizationResult: Encodable {
    struct Dataset: Encodable {
        let name: String
        /// The authorized columns; absent: every column.
        let columns: [String]?
        let scope: UserScope
    }
    struct Destination: Encodable {
        let tenantId: String
        let storageAccount: String
        let container: String
        /// The container folder.
        let root: String
        /// The folder the run writes to.
        let path: String
    }
    struct Encryption: Encodable {
        /// Enabled in the approved registration.
        let enabled: Bool
        /// The dataset may be encrypted (Viva Insights datasets may not).
        let eligible: Bool
        /// enabled and eligible: the run encrypts with the key below.
        let applies: Bool
        let keyVaultUri: String?
        let keyVaultName: String?
        /// The key must be named after the tenant id.
        let keyName: String
    }

    let appId: String
    let tenantId: String
    let registrationId: String
    let status: String
    /// The approved revision the run uses.
    let revision: Int
    let approvedAt: String?
    let expiresAt: String?
    let dataset: Dataset
    let destination: Destination
    let encryption: Encryption
}

extension DataConnectRegistry {
    /// `POST /providers/Microsoft.DataConnect/authorizeRun` with a `RunRequest` body, as the
    /// application (its token's `appid` and `tid` are the request's application and tenant).
    /// 200 with `RunAuthorizationResult`, or 403 with the code of the first failed check.
    func authorizeRun(_ request: ServiceRequest) throws -> ServiceResponse {
        let caller = try Self.caller(request)
        let body = try decode(RunRequest.self, request)
        guard !body.dataset.isEmpty, !body.columns.isEmpty else {
            throw ServiceError.armBadRequest("The properties 'dataset' and 'columns' (at least one column) are required.")
        }
        if let path = body.destination?.path, !path.hasPrefix("/") {
            throw ServiceError.armBadRequest("The property 'destination.path' must be an absolute path, got '\(path)'.")
        }
        let runCaller = RunCaller(appId: caller.applicationId.lowercased(), tenantId: caller.tenantId.lowercased())
        let dataTenant = (body.dataTenantId ?? caller.tenantId).lowercased()
        let record = try store.record(tenantId: dataTenant, appId: runCaller.appId)
        let now = request.context.now
        let grant = try RunAuthorization.evaluate(body, caller: runCaller, record: record, now: now, folders: folders)
        let definition = grant.definition
        let encryption = definition.encryption
        let eligible = RunAuthorization.isEncryptionEligible(dataset: grant.grant.name)
        return .json(RunAuthorizationResult(
            appId: grant.record.appId, tenantId: grant.record.tenantId, registrationId: grant.record.resourceId,
            status: grant.status.rawValue, revision: grant.record.approval.approval?.revision ?? grant.record.revision,
            approvedAt: grant.record.approval.approval?.at.iso8601, expiresAt: grant.record.approval.expiresAt?.iso8601,
            dataset: .init(name: grant.grant.name, columns: grant.grant.columns, scope: grant.grant.scope),
            destination: .init(tenantId: grant.record.tenantId, storageAccount: definition.destination.storageAccount,
                               container: definition.destination.container,
                               root: folders.folder(for: definition.destination).path, path: grant.path),
            encryption: .init(enabled: encryption.enabled, eligible: eligible, applies: grant.encrypts,
                              keyVaultUri: encryption.keyVaultName.map { management.vaultURI(named: $0) },
                              keyVaultName: encryption.keyVaultName,
                              keyName: grant.record.tenantId)))
    }
}
