// ServiceCore: who is calling.

/// The caller, as established from a validated access token.
public struct Principal: Sendable, Equatable, Hashable {
    /// What kind of directory object the caller is.
    public enum Kind: String, Sendable, Codable { case servicePrincipal = "ServicePrincipal", user = "User", group = "Group" }

    public let tenantId: String
    /// Object id (`oid`): what role assignments and access policies name.
    public let objectId: String
    /// Client application id (`appid`).
    public let applicationId: String
    /// Object ids of the groups the caller belongs to.
    public let groups: [String]
    /// Token issuer (`iss`), quoted in Azure's deny messages.
    public let issuer: String
    public let kind: Kind

    public init(tenantId: String, objectId: String, applicationId: String, groups: [String] = [], issuer: String, kind: Kind = .servicePrincipal) {
        self.tenantId = tenantId
        self.objectId = objectId
        self.applicationId = applicationId
        self.groups = groups
        self.issuer = issuer
        self.kind = kind
    }

    /// The caller as Azure quotes it in deny messages: `appid=...;oid=...;iss=...`.
    public var callerDescription: String { "appid=\(applicationId);oid=\(objectId);iss=\(issuer)" }

    /// Every object id that grants can name for this caller: its own and its groups'.
    public var grantees: Set<String> { Set(([objectId] + groups).map { $0.lowercased() }) }
}
