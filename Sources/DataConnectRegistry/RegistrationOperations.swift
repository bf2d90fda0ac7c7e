// DataConnectRegistry: the operation table mounted on the management host beside ARM's.

import Management
import ServiceCore

extension DataConnectRegistry {
    static let groupRegistrationsPath = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.DataConnect/registrations"
    static let subscriptionRegistrationsPath = "/subscriptions/{subscriptionId}/providers/Microsoft.DataConnect/registrations"
    static let tenantRegistrationsPath = "/providers/Microsoft.DataConnect/registrations"
    static let authorizeRunPath = "/providers/Microsoft.DataConnect/authorizeRun"

    /// The routes, as rows of `ARMOperation`:
    ///
    /// - under a resource group (the Azure portal's "Microsoft Graph Data Connect" blade): PUT, GET,
    ///   DELETE and list, authorized by ARM RBAC on `Microsoft.DataConnect/registrations/*` at the
    ///   request path, then by ownership of the registration;
    /// - at tenant level (the Microsoft 365 admin center and the service itself): list, get and
    ///   delete for owners and Global Administrators, approve and deny for Global Administrators,
    ///   and `authorizeRun` for the application. No ARM role applies there (empty action): the
    ///   directory role, ownership or the application's own identity decides.
    public var operations: [ARMOperation] {
        let group = Self.groupRegistrationsPath
        let tenant = Self.tenantRegistrationsPath
        return [
            ARMOperation(name: "registrations.createOrUpdate", method: "PUT", paths: [group + "/{appId}"],
                         action: "Microsoft.DataConnect/registrations/write") { [self] in try createOrUpdate($1) },
            ARMOperation(name: "registrations.get", method: "GET", paths: [group + "/{appId}"],
                         action: "Microsoft.DataConnect/registrations/read") { [self] in try get($1) },
            ARMOperation(name: "registrations.delete", method: "DELETE", paths: [group + "/{appId}"],
                         action: "Microsoft.DataConnect/registrations/delete") { [self] in try delete($1) },
            ARMOperation(name: "registrations.listByResourceGroup", method: "GET", paths: [group],
                         action: "Microsoft.DataConnect/registrations/read") { [self] in try list($1) },
            ARMOperation(name: "registrations.listBySubscription", method: "GET", paths: [Self.subscriptionRegistrationsPath],
                         action: "Microsoft.DataConnect/registrations/read") { [self] in try list($1) },

            ARMOperation(name: "registrations.listInTenant", method: "GET", paths: [tenant], action: "") { [self] in try listInTenant($1) },
            ARMOperation(name: "registrations.getInTenant", method: "GET", paths: [tenant + "/{appId}"], action: "") { [self] in try getInTenant($1) },
            ARMOperation(name: "registrations.deleteInTenant", method: "DELETE", paths: [tenant + "/{appId}"], action: "") { [self] in try deleteInTenant($1) },
            ARMOperation(name: "registrations.approve", method: "POST", paths: [tenant + "/{appId}/approve"], action: "") { [self] in try approve($1) },
            ARMOperation(name: "registrations.deny", method: "POST", paths: [tenant + "/{appId}/deny"], action: "") { [self] in try deny($1) },
            ARMOperation(name: "runs.authorize", method: "POST", paths: [Self.authorizeRunPath], action: "") { [self] in try authorizeRun($1) },
        ]
    }
}
