// DataConnect: which step of the portal walkthrough a vault error or key problem points to.

import Foundation

/// A step of Microsoft's "Use encryption with Microsoft Graph Data Connect" walkthrough (the seed
/// text), named by its tab and step number so a person can find it in the portal.
///
/// ```swift
/// PortalStep.forVaultFailure(VaultFailure(status: 403, code: "Forbidden", innerCode: "ForbiddenByRbac"))?.text
/// // "Using your existing Azure Key Vault, steps 3-7: add the role assignment Key Vault Crypto User ..."
/// ```
public enum PortalStep: Sendable, Equatable {
    /// Networking: public access (ForbiddenByConnection, ForbiddenByFirewall).
    case enablePublicAccess
    /// Permission model: Azure RBAC rather than access policies (AccessDenied, ForbiddenByPolicy).
    case chooseRBACPermissionModel
    /// Access control (IAM): Key Vault Crypto User for the app's service principal (ForbiddenByRbac).
    case assignCryptoUserRole
    /// Keys: an RSA key named after the tenant id (KeyNotFound).
    case generateTenantKey
    /// The key exists but breaks a requirement (2048 bits, expiration date, usable now).
    case fixKeyProperties(KeyRequirementViolation)

    /// Tab titles exactly as the walkthrough names them.
    public static let setupTab = "Setting up Azure Key Vault"
    public static let existingVaultTab = "Using your existing Azure Key Vault"
    public static let keysTab = "Generating RSA keys with your Azure Key Vault"

    /// The step for a vault error, or nil when no portal step explains it.
    public static func forVaultFailure(_ failure: VaultFailure) -> PortalStep? {
        switch (failure.status, failure.innerCode ?? failure.code) {
        case (403, "ForbiddenByConnection"), (403, "ForbiddenByFirewall"): return .enablePublicAccess
        case (403, "ForbiddenByRbac"): return .assignCryptoUserRole
        case (403, "AccessDenied"), (403, "ForbiddenByPolicy"): return .chooseRBACPermissionModel
        case (403, "KeyDisabled"): return .fixKeyProperties(.disabled)
        case (404, "KeyNotFound"): return .generateTenantKey
        default: return nil
        }
    }

    /// The tab of the walkthrough.
    public var tab: String {
        switch self {
        case .enablePublicAccess, .chooseRBACPermissionModel: return PortalStep.setupTab
        case .assignCryptoUserRole: return PortalStep.existingVaultTab
        case .generateTenantKey, .fixKeyProperties: return PortalStep.keysTab
        }
    }

    /// "step 4", "steps 3-7", "step 4 note".
    public var steps: String {
        switch self {
        case .enablePublicAccess: return "step 4"
        case .chooseRBACPermissionModel: return "step 3"
        case .assignCryptoUserRole: return "steps 3-7"
        case .generateTenantKey: return "step 4"
        case .fixKeyProperties: return "step 4 note"
        }
    }

    /// What to do, in plain words.
    public var action: String {
        switch self {
        case .enablePublicAccess: return "enable public access"
        case .chooseRBACPermissionModel: return "choose the Azure role-based access control permission model"
        case .assignCryptoUserRole:
            return "add the role assignment Key Vault Crypto User for the Data Connect application's service principal"
        case .generateTenantKey: return "generate an RSA key named after the tenant id"
        case .fixKeyProperties(let violation):
            return "the RSA key must be 2048 bits and have an expiration date (failed check: \(violation.check): \(violation))"
        }
    }

    /// What the portal shows for this step, quoted from the walkthrough.
    public var portalWording: String {
        switch self {
        case .enablePublicAccess:
            return "\"ensuring you have enabled public access to allow Data Connect to access any public keys generated and stored\""
        case .chooseRBACPermissionModel:
            return "\"enable \"Azure role-based access control (recommended)\" underneath Permission model\""
        case .assignCryptoUserRole:
            return "\"Access Control (IAM)\" > \"Add role assignment\" > Role \"Key Vault Crypto User\" > Members: the Data Connect application's service principal > \"Review + assign\""
        case .generateTenantKey:
            return "\"Keys\" > \"Generate/Import\": \"Generate a RSA key and name your key to be your Azure Active Directory (AAD) tenant ID\""
        case .fixKeyProperties:
            return "\"The RSA key must be set to 2048 bits for key size and have a listed expiration date or else it will not be valid.\""
        }
    }

    /// `<tab>, <steps>: <action>`, the line the agent prints.
    public var text: String { "\(tab), \(steps): \(action)" }
}
