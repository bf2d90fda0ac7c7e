// Authorization: role definitions and their permission blocks.

/// One permission block of a role: what it allows (`actions`, `dataActions`) minus what it
/// excludes (`notActions`, `notDataActions`). Wire names as in ARM's `permissions[]`.
public struct RolePermission: Sendable, Codable, Equatable {
    public var actions: [String]
    public var notActions: [String]
    public var dataActions: [String]
    public var notDataActions: [String]
    /// ABAC condition of the block (Key Vault Data Access Administrator has one); evaluated by
    /// ``RBACEvaluator`` through ``RoleCondition``.
    public var condition: String?
    public var conditionVersion: String?

    public init(actions: [String] = [], notActions: [String] = [], dataActions: [String] = [], notDataActions: [String] = [],
                condition: String? = nil, conditionVersion: String? = nil) {
        self.actions = actions
        self.notActions = notActions
        self.dataActions = dataActions
        self.notDataActions = notDataActions
        self.condition = condition
        self.conditionVersion = conditionVersion
    }

    enum CodingKeys: String, CodingKey { case actions, notActions, dataActions, notDataActions, condition, conditionVersion }

    /// Missing lists are empty, as ARM reads a custom role's `permissions[]` (the SDKs omit empty ones).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        actions = try c.decodeIfPresent([String].self, forKey: .actions) ?? []
        notActions = try c.decodeIfPresent([String].self, forKey: .notActions) ?? []
        dataActions = try c.decodeIfPresent([String].self, forKey: .dataActions) ?? []
        notDataActions = try c.decodeIfPresent([String].self, forKey: .notDataActions) ?? []
        condition = try c.decodeIfPresent(String.self, forKey: .condition)
        conditionVersion = try c.decodeIfPresent(String.self, forKey: .conditionVersion)
    }
}

/// A role: a named set of permission blocks, built in (``BuiltInRoles``) or custom.
public struct RoleDefinition: Sendable, Equatable {
    /// GUID, lower case.
    public let id: String
    public let roleName: String
    public let description: String
    /// `"BuiltInRole"` or `"CustomRole"`.
    public let roleType: String
    public let permissions: [RolePermission]
    public let assignableScopes: [String]

    public init(id: String, roleName: String, description: String, roleType: String = "BuiltInRole",
                permissions: [RolePermission], assignableScopes: [String] = ["/"]) {
        self.id = id.lowercased()
        self.roleName = roleName
        self.description = description
        self.roleType = roleType
        self.permissions = permissions
        self.assignableScopes = assignableScopes
    }
}
