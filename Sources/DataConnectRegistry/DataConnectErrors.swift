// DataConnectRegistry: the error catalogue of registrations, approval and run authorization.

import Foundation
import ServiceCore

/// Errors of the Data Connect registry, in ARM's body shape `{"error":{"code","message"}}`.
///
/// Two messages are Microsoft's own (dataconnect-spec.md §3.3): `App approver and owner cannot be
/// the same user.` and `App registration not found. It is possible someone deleted this app.`.
/// Every other code and message is the emulator's choice (docs/dataconnect.md lists them); the
/// run-authorization codes are one per check of §3.2, so a pipeline can tell them apart.
///
/// ```swift
/// throw ServiceError.approverIsOwner()   // 403 ApproverIsOwner
/// ```
extension ServiceError {
    // MARK: - Admin center (Microsoft's texts)

    public static func approverIsOwner() -> ServiceError {
        ServiceError(.forbidden, code: "ApproverIsOwner", message: "App approver and owner cannot be the same user.")
    }

    public static func appRegistrationNotFound() -> ServiceError {
        ServiceError(.notFound, code: "AppRegistrationNotFound",
                     message: "App registration not found. It is possible someone deleted this app.")
    }

    // MARK: - Who may do what (our texts)

    public static func notGlobalAdministrator(tenantId: String) -> ServiceError {
        ServiceError(.forbidden, code: "NotGlobalAdministrator",
                     message: "Only a Global Administrator of tenant '\(tenantId)' can authorize or decline Microsoft Graph Data Connect applications.")
    }

    /// `verb` is "see", "change" or "delete".
    public static func notApplicationOwner(appId: String, verb: String) -> ServiceError {
        ServiceError(.forbidden, code: "NotApplicationOwner",
                     message: "Only the owners of application '\(appId)' or a Global Administrator can \(verb) its Microsoft Graph Data Connect registration.")
    }

    public static func registrationAlreadyExists(appId: String, tenantId: String, existingId: String) -> ServiceError {
        ServiceError(.conflict, code: "RegistrationAlreadyExists",
                     message: "Application '\(appId)' is already registered with Microsoft Graph Data Connect in tenant '\(tenantId)' as '\(existingId)'. An application has one registration per tenant.")
    }

    public static func registrationChanged(expected: Int, current: Int) -> ServiceError {
        ServiceError(.conflict, code: "RegistrationChanged",
                     message: "The registration changed while it was reviewed: revision \(expected) was reviewed, the registration is now at revision \(current). Review it again.")
    }

    public static func applicationNotFound(appId: String, tenantId: String) -> ServiceError {
        ServiceError(.badRequest, code: "ApplicationNotFound",
                     message: "No application with id '\(appId)' exists in tenant '\(tenantId)'. Register the application in Microsoft Entra ID first.")
    }

    public static func keyVaultNotFound(_ uri: String, tenantId: String) -> ServiceError {
        ServiceError(.badRequest, code: "KeyVaultNotFound",
                     message: "The key vault '\(uri)' does not exist in tenant '\(tenantId)'. Pick a vault of the registration's tenant for dataset encryption.")
    }

    // MARK: - Run authorization, one code per check of dataconnect-spec.md §3.2 (our texts)

    /// Check 1: no registration for the requesting application.
    public static func appNotAuthorized(appId: String, tenantId: String) -> ServiceError {
        ServiceError(.forbidden, code: "AppNotAuthorized",
                     message: "Application '\(appId)' is not authorized for Microsoft Graph Data Connect in tenant '\(tenantId)': no app registration exists for it.")
    }

    /// Check 2: not approved (pending).
    public static func authorizationPending(appId: String, tenantId: String) -> ServiceError {
        ServiceError(.forbidden, code: "AuthorizationPending",
                     message: "The Microsoft Graph Data Connect registration of application '\(appId)' is pending authorization: a Global Administrator of tenant '\(tenantId)' must approve it before pipelines can run.")
    }

    /// Check 2: declined.
    public static func authorizationDenied(appId: String, tenantId: String, reason: String?) -> ServiceError {
        let because = reason.map { " (reason: \($0))" } ?? ""
        return ServiceError(.forbidden, code: "AuthorizationDenied",
                            message: "A Global Administrator of tenant '\(tenantId)' declined the Microsoft Graph Data Connect registration of application '\(appId)'\(because); runs fail until it is approved.")
    }

    /// Check 2: approved 180 days ago or more.
    public static func authorizationExpired(appId: String, expiredAt: Date) -> ServiceError {
        ServiceError(.forbidden, code: "AuthorizationExpired",
                     message: "The authorization of application '\(appId)' expired at \(expiredAt.iso8601) (approvals last 180 days); a Global Administrator must approve it again.")
    }

    /// Check 3.
    public static func applicationTenantMismatch(appId: String, requested: String, authorized: String) -> ServiceError {
        ServiceError(.forbidden, code: "ApplicationTenantMismatch",
                     message: "The request's application tenant '\(requested)' is not the application tenant '\(authorized)' that application '\(appId)' is authorized for.")
    }

    /// Check 4.
    public static func datasetNotAuthorized(appId: String, dataset: String, authorized: [String]) -> ServiceError {
        ServiceError(.forbidden, code: "DatasetNotAuthorized",
                     message: "Dataset '\(dataset)' is not authorized for application '\(appId)'. Authorized datasets: \(authorized.joined(separator: ", ")).")
    }

    /// Check 5.
    public static func columnsNotAuthorized(appId: String, dataset: String, columns: [String]) -> ServiceError {
        ServiceError(.forbidden, code: "ColumnsNotAuthorized",
                     message: "Columns \(columns.joined(separator: ", ")) of dataset '\(dataset)' are not authorized for application '\(appId)'.")
    }

    /// Check 6.
    public static func destinationTenantMismatch(appId: String, requested: String, authorized: String) -> ServiceError {
        ServiceError(.forbidden, code: "DestinationTenantMismatch",
                     message: "The destination tenant '\(requested)' is not the authorized destination tenant '\(authorized)' of application '\(appId)'.")
    }

    /// Check 7.
    public static func destinationNotAuthorized(appId: String, path: String, account: String, container: String, root: String) -> ServiceError {
        ServiceError(.forbidden, code: "DestinationNotAuthorized",
                     message: "The destination '\(path)' is not inside the authorized storage location of application '\(appId)': storage account '\(account)', container '\(container)' (\(root)).")
    }

    /// Check 8.
    public static func scopeNotAuthorized(appId: String, dataset: String, requested: String, authorized: String, rule: String) -> ServiceError {
        ServiceError(.forbidden, code: "ScopeNotAuthorized",
                     message: "The requested scope (\(requested)) of dataset '\(dataset)' does not match the authorized scope (\(authorized)) of application '\(appId)': \(rule).")
    }
}
