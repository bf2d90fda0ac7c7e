// Identity: a principal of the emulated directory, and what registering one takes.

import ServiceCore

/// A service principal, user or group as the directory holds it (never its secret).
public struct DirectoryPrincipal: Sendable, Equatable {
    public let objectId: String
    public let tenantId: String
    public let kind: Principal.Kind
    /// Application (client) id; `nil` for users and groups.
    public let clientId: String?
    public let displayName: String
    public let groups: [String]
    /// `system` or `user` for a managed identity, else `nil`.
    public let managedIdentity: String?

    public init(objectId: String, tenantId: String, kind: Principal.Kind, clientId: String?, displayName: String,
                groups: [String], managedIdentity: String? = nil) {
        self.objectId = objectId
        self.tenantId = tenantId
        self.kind = kind
        self.clientId = clientId
        self.displayName = displayName
        self.groups = groups
        self.managedIdentity = managedIdentity
    }
}

/// What it takes to add a principal: the secret is hashed before it is stored.
public struct PrincipalRegistration: Sendable {
    public var objectId: String
    public var tenantId: String
    public var kind: Principal.Kind
    public var clientId: String?
    public var displayName: String
    public var clientSecret: String?
    public var groups: [String]
    /// `system` or `user` for a managed identity (no secret needed), else `nil`.
    public var managedIdentity: String?

    public init(objectId: String, tenantId: String, kind: Principal.Kind, clientId: String?, displayName: String,
                clientSecret: String?, groups: [String] = [], managedIdentity: String? = nil) {
        self.objectId = objectId
        self.tenantId = tenantId
        self.kind = kind
        self.clientId = clientId
        self.displayName = displayName
        self.clientSecret = clientSecret
        self.groups = groups
        self.managedIdentity = managedIdentity
    }
}
