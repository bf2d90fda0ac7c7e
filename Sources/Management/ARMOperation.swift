// Management: one row of the ARM operation table.

import Authorization
import ServiceCore

/// An ARM operation: its routes, the management action the pipeline authorizes (at the scope
/// of the request path) before calling it, and the handler.
///
/// ```swift
/// let table = try RouteTable(ManagementService.operations.flatMap { op in op.paths.map { Route(op.method, $0, op) } })
/// ```
public struct ARMOperation: Sendable {
    /// `"vaults.createOrUpdate"`, `"roleAssignments.list"`, ...
    public let name: String
    public let method: String
    /// Path templates (ServiceCore `PathTemplate` syntax).
    public let paths: [String]
    /// e.g. `"Microsoft.KeyVault/vaults/write"`.
    public let action: String
    /// True when every authenticated caller may run it, whatever its roles (role definitions are
    /// readable by anyone in the tenant, as in Azure).
    public let anyAuthenticatedCaller: Bool
    /// The request and resource attributes the ABAC conditions of roles read for this operation
    /// (role assignments: the role being assigned or removed); `nil` when none apply.
    public let conditionAttributes: (@Sendable (ManagementService, ServiceRequest) -> ConditionAttributes)?
    public let handler: @Sendable (ManagementService, ServiceRequest) throws -> ServiceResponse

    public init(name: String, method: String, paths: [String], action: String, anyAuthenticatedCaller: Bool = false,
                conditionAttributes: (@Sendable (ManagementService, ServiceRequest) -> ConditionAttributes)? = nil,
                handler: @escaping @Sendable (ManagementService, ServiceRequest) throws -> ServiceResponse) {
        self.name = name
        self.method = method
        self.paths = paths
        self.action = action
        self.anyAuthenticatedCaller = anyAuthenticatedCaller
        self.conditionAttributes = conditionAttributes
        self.handler = handler
    }
}
