// Management: PUT .../vaults/{name}/accessPolicies/{add|replace|remove} and the rules of each kind.

import Foundation
import ServiceCore
import Authorization

/// Body and answer of `vaults.update_access_policy`.
struct VaultAccessPolicyParameters: Decodable {
    struct Properties: Decodable { var accessPolicies: [AccessPolicyEntry]? }
    var properties: Properties?
}

struct VaultAccessPolicyResource: Encodable {
    struct Properties: Encodable { var accessPolicies: [AccessPolicyEntry] }
    var id: String
    var name: String
    var type = "Microsoft.KeyVault/vaults/accessPolicies"
    var location: String
    var properties: Properties
}

/// How each operation kind changes a vault's access policies. Entries are the same entry when
/// tenant, object and application ids agree (case-insensitive; no application = no application).
///
/// - `add`: each given entry's permissions join the matching entry's (union, first spelling
///   kept), or the entry is appended;
/// - `replace`: the given entries become the vault's whole list;
/// - `remove`: the given permissions leave the matching entry; an entry left with no
///   permission at all, or named with no permissions, is removed.
///
/// ```swift
/// AccessPolicyEditing.apply(.add, changes: [entry], to: vault.accessPolicies)
/// ```
enum AccessPolicyEditing {
    enum Kind: String { case add, replace, remove }

    static func apply(_ kind: Kind, changes: [AccessPolicyEntry], to existing: [AccessPolicyEntry]) -> [AccessPolicyEntry] {
        switch kind {
        case .replace:
            return changes
        case .add:
            var result = existing
            for change in changes {
                if let index = result.firstIndex(where: { sameIdentity($0, change) }) {
                    result[index].permissions = union(result[index].permissions, change.permissions)
                } else {
                    result.append(change)
                }
            }
            return result
        case .remove:
            var result = existing
            for change in changes {
                guard let index = result.firstIndex(where: { sameIdentity($0, change) }) else { continue }
                let remaining = subtract(result[index].permissions, change.permissions)
                if isEmpty(change.permissions) || isEmpty(remaining) {
                    result.remove(at: index)
                } else {
                    result[index].permissions = remaining
                }
            }
            return result
        }
    }

    static func sameIdentity(_ a: AccessPolicyEntry, _ b: AccessPolicyEntry) -> Bool {
        func application(_ e: AccessPolicyEntry) -> String { (e.applicationId ?? "").lowercased() }
        return a.tenantId.lowercased() == b.tenantId.lowercased() && a.objectId.lowercased() == b.objectId.lowercased()
            && application(a) == application(b)
    }

    static func union(_ a: AccessPolicyPermissions, _ b: AccessPolicyPermissions) -> AccessPolicyPermissions {
        func merge(_ x: [String]?, _ y: [String]?) -> [String]? {
            guard x != nil || y != nil else { return nil }
            var merged = x ?? []
            for name in y ?? [] where !merged.contains(where: { $0.lowercased() == name.lowercased() }) { merged.append(name) }
            return merged
        }
        return AccessPolicyPermissions(keys: merge(a.keys, b.keys), secrets: merge(a.secrets, b.secrets),
                                       certificates: merge(a.certificates, b.certificates), storage: merge(a.storage, b.storage))
    }

    static func subtract(_ a: AccessPolicyPermissions, _ b: AccessPolicyPermissions) -> AccessPolicyPermissions {
        func minus(_ x: [String]?, _ y: [String]?) -> [String]? {
            let removed = Set((y ?? []).map { $0.lowercased() })
            return x.map { $0.filter { !removed.contains($0.lowercased()) } }
        }
        return AccessPolicyPermissions(keys: minus(a.keys, b.keys), secrets: minus(a.secrets, b.secrets),
                                       certificates: minus(a.certificates, b.certificates), storage: minus(a.storage, b.storage))
    }

    static func isEmpty(_ p: AccessPolicyPermissions) -> Bool {
        [p.keys, p.secrets, p.certificates, p.storage].allSatisfy { ($0 ?? []).isEmpty }
    }
}

extension ManagementService {
    /// `PUT .../vaults/{vaultName}/accessPolicies/{operationKind}`: 200 with the entries sent.
    /// The vault keeps its permission model: on an RBAC vault the policies are stored and ignored.
    func updateAccessPolicies(_ request: ServiceRequest) throws -> ServiceResponse {
        let group = try existingResourceGroup(request)
        let name = request.parameter("vaultName")
        let kindText = request.parameter("operationKind")
        guard let kind = AccessPolicyEditing.Kind(rawValue: kindText.lowercased()) else {
            throw ServiceError.invalidAccessPolicyOperation(kindText)
        }
        let body = try Self.decodeBody(VaultAccessPolicyParameters.self, request)
        let properties = try Self.required(body.properties, "properties")
        let changes = try VaultValidation.accessPolicies(try Self.required(properties.accessPolicies, "accessPolicies"))
        return try database.transaction {
            let vault = try vaultInGroup(group, name: name)
            var updated = vault.properties
            updated.accessPolicies = try VaultValidation.accessPolicies(AccessPolicyEditing.apply(kind, changes: changes, to: vault.properties.accessPolicies))
            try storeVaultUpdate(nameKey: name.lowercased(), tags: vault.tags, properties: updated,
                                 actor: Self.actor(request.context), now: Self.milliseconds(request.context.now))
            return .json(VaultAccessPolicyResource(id: vault.resourceId + "/accessPolicies/" + kind.rawValue, name: kind.rawValue,
                                                   location: vault.location, properties: .init(accessPolicies: changes)))
        }
    }
}

extension VaultValidation {
    /// Key permission names of access policies (keyvault-spec.md §4.4), lower case: ARM takes them in any case.
    static let keyPermissionNames: Set<String> = [
        "all", "encrypt", "decrypt", "wrapkey", "unwrapkey", "sign", "verify", "get", "list", "create", "update", "import",
        "delete", "backup", "restore", "recover", "purge", "release", "rotate", "getrotationpolicy", "setrotationpolicy",
    ]

    static func accessPolicies(_ entries: [AccessPolicyEntry]) throws -> [AccessPolicyEntry] {
        guard entries.count <= maxAccessPolicies else {
            throw ServiceError.armBadRequest("The number of access policies (\(entries.count)) exceeds the maximum of \(maxAccessPolicies).")
        }
        for (index, entry) in entries.enumerated() {
            for (position, permission) in (entry.permissions.keys ?? []).enumerated() where !keyPermissionNames.contains(permission.lowercased()) {
                throw ServiceError.armBadRequest("Invalid value found at accessPolicies[\(index)].permissions.keys[\(position)]: '\(permission)' is not a key permission.")
            }
            guard ManagementService.isGUID(entry.tenantId) else {
                throw ServiceError.armBadRequest("The access policy tenant ID '\(entry.tenantId)' is not a valid GUID.")
            }
            guard ManagementService.isGUID(entry.objectId) else {
                throw ServiceError.armBadRequest("The access policy object ID '\(entry.objectId)' is not a valid GUID.")
            }
        }
        return entries
    }
}
