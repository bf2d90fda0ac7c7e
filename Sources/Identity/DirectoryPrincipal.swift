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

    public init(objectId: String, tenantId: String, kind: Principal.Kind, clientId: String?, displayName: String,
                clientSecret: String?, groups: [String] = []) {
        self.objectId = objectId
        self.tenantId = tenantId
        self.kind = kind
        self.clientId = clientId
        self.displayName = displayName
        self.clientSecret = clientSecret
        self.groups = groups
    }
}
