// Authorization: vault access policies (the permission model used when RBAC is off).

import ServiceCore

/// The permissions of one access policy entry, per object kind. Names as Azure sends them
/// (`get`, `wrapKey`, `all`, ...); compared case-insensitively.
public struct AccessPolicyPermissions: Sendable, Codable, Equatable {
    public var keys: [String]?
    public var secrets: [String]?
    public var certificates: [String]?
    public var storage: [String]?

    public init(keys: [String]? = nil, secrets: [String]? = nil, certificates: [String]? = nil, storage: [String]? = nil) {
        self.keys = keys
        self.secrets = secrets
        self.certificates = certificates
        self.storage = storage
    }
}

/// One entry of `properties.accessPolicies[]` on a vault.
public struct AccessPolicyEntry: Sendable, Codable, Equatable {
    public var tenantId: String
    /// User, group or service principal object id.
    public var objectId: String
    /// When set, the entry is a compound identity: it matches only when the caller's `oid` is
    /// `objectId` and its `appid` is this application id.
    public var applicationId: String?
    public var permissions: AccessPolicyPermissions

    public init(tenantId: String, objectId: String, applicationId: String? = nil, permissions: AccessPolicyPermissions) {
        self.tenantId = tenantId
        self.objectId = objectId
        self.applicationId = applicationId
        self.permissions = permissions
    }
}

/// Evaluates access policies: the union of the key permissions of every entry that names the
/// caller (by object id or one of its groups, in the caller's tenant).
///
/// ```swift
/// AccessPolicyEvaluator.evaluate(principal: caller, keyPermission: "unwrapKey", policies: vault.accessPolicies)
/// ```
public enum AccessPolicyEvaluator {
    public static func evaluate(principal: Principal, keyPermission: String, policies: [AccessPolicyEntry]) -> AccessDecision {
        let wanted = keyPermission.lowercased()
        let grantees = principal.grantees
        for (index, entry) in policies.enumerated() where matches(entry, principal: principal, grantees: grantees) {
            let granted = (entry.permissions.keys ?? []).map { $0.lowercased() }
            if granted.contains(wanted) || granted.contains("all") {
                return .allowed(reason: "access policy \(index) for object \(entry.objectId) grants keys \(keyPermission)")
            }
        }
        return .denied(reason: "no access policy grants keys '\(keyPermission)' to \(principal.objectId)")
    }

    static func matches(_ entry: AccessPolicyEntry, principal: Principal, grantees: Set<String>) -> Bool {
        guard entry.tenantId.lowercased() == principal.tenantId.lowercased(),
              grantees.contains(entry.objectId.lowercased()) else { return false }
        guard let application = entry.applicationId, !application.isEmpty else { return true }
        return application.lowercased() == principal.applicationId.lowercased()
    }
}
