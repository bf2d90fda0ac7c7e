// Identity: creating principals and groups at run time, memberships, managed identity lookup.

import Foundation
import ServiceCore
import VaultCrypto

/// A principal just created, with the secret shown once (never stored in clear).
public struct CreatedPrincipal: Sendable {
    public let principal: DirectoryPrincipal
    /// Client secret of a service principal, password of a user; `nil` for groups and managed identities.
    public let secret: String?
}

/// How a managed identity is picked, as IMDS and App Service accept it: none (the system-assigned
/// identity), or a user-assigned one by client id, object id or resource id.
public enum ManagedIdentitySelector: Sendable, Equatable {
    case systemAssigned
    case clientId(String)
    case objectId(String)
    /// `/subscriptions/.../userAssignedIdentities/{name}`: matched on its last segment, the
    /// identity's display name (the emulator keeps no resource ids for identities).
    case resourceId(String)
}

extension IdentityService {
    /// Adds a service principal (client id and secret generated), a user (password generated) or
    /// a group to `tenantId`, member of `groups`. A managed identity is a service principal with
    /// `managedIdentity` set and no secret.
    ///
    /// ```swift
    /// let created = try identity.createPrincipal(kind: .servicePrincipal, displayName: "ci", tenantId: tid)
    /// created.principal.clientId; created.secret   // shown once
    /// ```
    public func createPrincipal(kind: Principal.Kind, displayName: String, tenantId: String, groups: [String] = [],
                                managedIdentity: String? = nil) throws -> CreatedPrincipal {
        guard tenantExists(tenantId) else {
            throw ServiceError(.notFound, code: "TenantNotFound", message: "The tenant '\(tenantId)' is not in the emulator's directory.")
        }
        guard !displayName.allSatisfy(\.isWhitespace) else {
            throw ServiceError(.badRequest, code: "BadParameter", message: "A principal needs a non-empty displayName.")
        }
        if let managedIdentity, !["system", "user"].contains(managedIdentity) || kind != .servicePrincipal {
            throw ServiceError(.badRequest, code: "BadParameter", message: "managedIdentity is 'system' or 'user', for a ServicePrincipal only.")
        }
        for group in groups { try requireGroup(group, tenantId: tenantId) }
        let objectId = UUID().uuidString.lowercased()
        let clientId = kind == .servicePrincipal ? UUID().uuidString.lowercased() : nil
        let secret: String? = (kind == .group || managedIdentity != nil) ? nil : Self.generatedSecret()
        try registerPrincipal(PrincipalRegistration(objectId: objectId, tenantId: tenantId, kind: kind, clientId: clientId,
                                                    displayName: displayName, clientSecret: secret, groups: groups,
                                                    managedIdentity: managedIdentity))
        guard let stored = principal(objectId: objectId) else {
            throw ServiceError(.internalFailure, code: "InternalServerError", message: "The principal just created could not be read back.")
        }
        return CreatedPrincipal(principal: stored, secret: secret)
    }

    /// Makes `memberId` a member of the group `groupId` (same tenant); idempotent.
    public func addMember(groupId: String, memberId: String) throws {
        guard let member = principal(objectId: memberId) else {
            throw ServiceError(.notFound, code: "PrincipalNotFound", message: "The principal '\(memberId)' is not in the emulator's directory.")
        }
        try requireGroup(groupId, tenantId: member.tenantId)
        guard member.objectId != groupId.lowercased() else {
            throw ServiceError(.badRequest, code: "BadParameter", message: "A group cannot be a member of itself.")
        }
        guard !member.groups.contains(groupId.lowercased()) else { return }
        let groups = String(decoding: try JSONSerialization.data(withJSONObject: member.groups + [groupId.lowercased()]), as: UTF8.self)
        try database.execute("UPDATE identity_principals SET groups_json = ? WHERE object_id = ?", [.text(groups), .text(member.objectId)])
        forgetValidatedTokens()
    }

    /// Every principal of `tenantId` (or of every tenant), by display name.
    public func principals(tenantId: String? = nil) -> [DirectoryPrincipal] {
        let rows = tenantId.map { (try? database.query("SELECT * FROM identity_principals WHERE tenant_id = ? ORDER BY display_name, object_id",
                                                        [.text($0.lowercased())])) ?? [] }
            ?? ((try? database.query("SELECT * FROM identity_principals ORDER BY tenant_id, display_name, object_id")) ?? [])
        return rows.map(Self.principal(from:))
    }

    /// The managed identity `selector` names, or `nil`.
    public func managedIdentity(_ selector: ManagedIdentitySelector) -> DirectoryPrincipal? {
        let identities = principals().filter { $0.managedIdentity != nil }
        switch selector {
        case .systemAssigned: return identities.first { $0.managedIdentity == "system" }
        case .clientId(let id): return identities.first { $0.clientId == id.lowercased() }
        case .objectId(let id): return identities.first { $0.objectId == id.lowercased() }
        case .resourceId(let id):
            let name = id.split(separator: "/").last.map { String($0).lowercased() } ?? ""
            return identities.first { $0.displayName.lowercased() == name }
        }
    }

    private func requireGroup(_ groupId: String, tenantId: String) throws {
        guard let group = principal(objectId: groupId), group.kind == .group, group.tenantId == tenantId.lowercased() else {
            throw ServiceError(.notFound, code: "GroupNotFound", message: "The group '\(groupId)' is not in tenant '\(tenantId)' of the emulator's directory.")
        }
    }

    /// 40 characters like an Entra client secret (`xxx8Q~...`): random, base64url alphabet.
    static func generatedSecret() -> String {
        let random = Base64URL.encode(SecureRandom.bytes(30))   // 40 characters
        return String(random.prefix(3)) + "8Q~" + String(random.dropFirst(3).prefix(34))
    }
}
