// Management: the ARM service — its settings, its store and the queries other modules use.

import Foundation
import ServiceCore
import Authorization
import Storage

/// A user, group or service principal as the management plane sees the directory: enough to
/// refuse assignments to unknown principals and to expand `assignedTo()` through groups.
public struct DirectoryObject: Sendable, Equatable {
    public let objectId: String
    public let tenantId: String
    /// `User`, `Group` or `ServicePrincipal`, as role assignments name them.
    public let principalType: String
    /// Object ids of the groups it belongs to.
    public let groups: [String]

    public init(objectId: String, tenantId: String, principalType: String, groups: [String] = []) {
        self.objectId = objectId
        self.tenantId = tenantId
        self.principalType = principalType
        self.groups = groups
    }
}

/// What the management plane needs to know of the emulator around it.
public struct ManagementSettings: Sendable {
    /// The data-plane URI of a vault, ending with `/` (`https://kv1.vault.localhost:8443/`).
    public var vaultURI: @Sendable (String) -> String
    /// Subscriptions that exist, mapped to their tenant id.
    public var knownSubscriptions: [String: String]
    /// Called when a vault is gone for good (deleted without soft delete, or purged), with its
    /// name, so the data plane can drop its keys. Runs inside the management transaction.
    public var vaultDeleted: @Sendable (String) throws -> Void
    /// The directory, by object id (the Emulator wires Identity here). `nil` turns the principal
    /// checks of role assignments off, for tests of this module alone.
    public var directory: (@Sendable (String) -> DirectoryObject?)?

    public init(vaultURI: @escaping @Sendable (String) -> String, knownSubscriptions: [String: String],
                vaultDeleted: @escaping @Sendable (String) throws -> Void = { _ in },
                directory: (@Sendable (String) -> DirectoryObject?)? = nil) {
        self.vaultURI = vaultURI
        self.knownSubscriptions = knownSubscriptions
        self.vaultDeleted = vaultDeleted
        self.directory = directory
    }
}

/// ARM resources: resource groups, Key Vault vaults, role definitions and role assignments,
/// stored in SQLite and served through ``operations``.
///
/// ```swift
/// try database.migrate(ManagementService.migrations)
/// let management = ManagementService(database: database, clock: clock, settings: settings)
/// let vault = management.vault(named: "kv1")   // for the data plane
/// ```
public final class ManagementService: Sendable {
    public static let migrations: [Migration] = ManagementSchema.migrations

    let database: Database
    let clock: any Clock
    let settings: ManagementSettings

    public init(database: Database, clock: any Clock, settings: ManagementSettings) {
        self.database = database
        self.clock = clock
        self.settings = settings
    }

    /// The active vault called `name` (case-insensitive; names are unique across the emulator), or
    /// `nil` when there is none, it is soft-deleted, or the store cannot be read.
    public func vault(named name: String) -> VaultRecord? {
        guard let row = try? vaultRow(nameKey: name.lowercased()), row.deletedAt == nil else { return nil }
        return row.record
    }

    /// The role assignments whose principal is one of `ids` (object ids, any case).
    public func roleAssignments(forPrincipals ids: Set<String>) -> [RoleAssignment] {
        guard !ids.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let rows = (try? database.query(
            "SELECT * FROM management_role_assignments WHERE principal_id IN (\(placeholders)) ORDER BY created_at, name",
            ids.map { .text($0.lowercased()) })) ?? []
        return rows.map { StoredRoleAssignment($0).assignment }
    }

    /// Built-in and custom role definitions, by lower-case GUID.
    public func roleDefinitions() -> [String: RoleDefinition] {
        var definitions: [String: RoleDefinition] = [:]
        for role in BuiltInRoles.all { definitions[role.id] = role }
        for role in (try? customRoleDefinitions()) ?? [] { definitions[role.id] = role }
        return definitions
    }

    /// Records `assignment` unless an assignment with its name, or with its principal, role and
    /// scope, already exists (bootstrap runs on every start).
    public func bootstrapRoleAssignment(_ assignment: RoleAssignment) throws {
        try database.transaction {
            let name = assignment.name.lowercased()
            let scope = Self.normalizedScope(assignment.scope)
            let principal = assignment.principalId.lowercased()
            let role = assignment.roleDefinitionId.lowercased()
            guard try assignmentRow(name: name) == nil,
                  try assignmentRow(scopeKey: scope.lowercased(), roleDefinitionId: role, principalId: principal) == nil else { return }
            let now = Self.milliseconds(clock.now())
            try database.execute("""
                INSERT INTO management_role_assignments(name, scope, scope_key, role_definition_id, principal_id, principal_type,
                    created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(name), .text(scope), .text(scope.lowercased()), .text(role), .text(principal),
                      .text(assignment.principalType), .integer(now), .integer(now)])
        }
    }

    // MARK: - Shared helpers

    /// The subscription id as configured, or 404 `SubscriptionNotFound`.
    func subscription(_ id: String) throws -> String {
        guard let known = settings.knownSubscriptions.keys.first(where: { $0.lowercased() == id.lowercased() }) else {
            throw ServiceError.subscriptionNotFound(id)
        }
        return known
    }

    /// A scope written as `/a/b` without empty segments.
    static func normalizedScope(_ scope: String) -> String {
        "/" + scope.split(separator: "/").joined(separator: "/")
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    static func date(milliseconds: Int64?) -> Date { Date(timeIntervalSince1970: Double(milliseconds ?? 0) / 1000) }

    /// ARM's canonical location: lower case without spaces (`West US` -> `westus`).
    static func normalizedLocation(_ location: String) -> String {
        location.lowercased().filter { !$0.isWhitespace }
    }

    static func isGUID(_ text: String) -> Bool { UUID(uuidString: text) != nil }

    /// Decodes an ARM request body; bad JSON or wrong types become 400 `InvalidRequestContent`.
    static func decodeBody<T: Decodable>(_ type: T.Type, _ request: ServiceRequest) throws -> T {
        do {
            return try WireJSON.decode(type, from: request.body, errorCode: "InvalidRequestContent")
        } catch let error as ServiceError {
            throw ServiceError.invalidRequestContent(error.message)
        }
    }

    /// The caller as ARM's `systemData` names it: application id and `Application` for a service
    /// principal, object id and `User` for a user.
    static func actor(_ context: OperationContext) -> (id: String, type: String) {
        guard let principal = context.principal else { return ("", "Application") }
        switch principal.kind {
        case .servicePrincipal: return (principal.applicationId, "Application")
        case .user, .group: return (principal.objectId, "User")
        }
    }

    static func tagsJSON(_ tags: [String: String]) -> String {
        String(decoding: WireJSON.encode(tags), as: UTF8.self)
    }

    static func tags(fromJSON text: String?) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data((text ?? "{}").utf8))) ?? [:]
    }

    // MARK: - Validation helpers

    static func required<T>(_ value: T?, _ property: String) throws -> T {
        guard let value else { throw ServiceError.armBadRequest("The property '\(property)' is required.") }
        return value
    }

    /// The allowed value matching `value` case-insensitively, in its canonical spelling.
    static func canonical(_ value: String, among allowed: [String], property: String) throws -> String {
        guard let match = allowed.first(where: { $0.lowercased() == value.lowercased() }) else {
            let list = allowed.map { "'\($0)'" }.joined(separator: " and ")
            throw ServiceError.armBadRequest("The value '\(value)' of property \"\(property)\" is invalid. Valid values are \(list).")
        }
        return match
    }
}
