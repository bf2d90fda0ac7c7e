// DataConnectRegistry: registrations in SQLite: the schema, the stored record and its queries.

import Foundation
import ServiceCore
import Storage

/// A registration as stored: where it lives in ARM, what it asks for, who owns it, the admin's
/// decisions and the definition that was approved (runs use it while an update waits).
public struct RegistrationRecord: Sendable, Equatable {
    public let tenantId: String
    /// Lower case.
    public let appId: String
    public let subscriptionId: String
    /// As written when the registration was created.
    public let resourceGroup: String
    public var description: String
    public var definition: RegistrationDefinition
    /// 1 at creation; +1 whenever the definition changes.
    public var revision: Int
    /// Object ids (lower case) that may see, change and delete the registration.
    public var owners: [String]
    /// Object id of the principal that created it ("Developer").
    public let developer: String
    public let createdAt: Date
    public let createdBy: String
    public let createdByType: String
    public var updatedAt: Date
    public var updatedBy: String
    public var updatedByType: String
    public var approval: ApprovalState
    /// The definition as approved, while an approval is in force.
    public var approvedDefinition: RegistrationDefinition?

    public static let resourceType = "Microsoft.DataConnect/registrations"

    public var resourceId: String {
        "/subscriptions/\(subscriptionId)/resourceGroups/\(resourceGroup)/providers/\(Self.resourceType)/\(appId)"
    }

    public func status(now: Date) -> ApprovalStatus { approval.status(currentRevision: revision, now: now) }
}

enum RegistrationSchema {
    static let migrations: [Migration] = [
        // One registration per (tenant, application), as the admin center lists them; the ARM
        // placement (subscription, resource group) is where the developer created it.
        Migration("dataconnect-001-registrations", """
            CREATE TABLE dataconnect_registrations(
                tenant_id TEXT NOT NULL,
                app_id TEXT NOT NULL,
                subscription_id TEXT NOT NULL,
                resource_group TEXT NOT NULL,
                resource_group_key TEXT NOT NULL,
                description TEXT NOT NULL,
                definition TEXT NOT NULL,
                revision INTEGER NOT NULL,
                owners TEXT NOT NULL,
                developer TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                created_by TEXT NOT NULL,
                created_by_type TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                updated_by TEXT NOT NULL,
                updated_by_type TEXT NOT NULL,
                decision TEXT,
                decision_revision INTEGER,
                decision_at INTEGER,
                decision_by TEXT,
                decision_reason TEXT,
                approved_definition TEXT,
                PRIMARY KEY (tenant_id, app_id));
            CREATE INDEX dataconnect_registrations_by_group ON dataconnect_registrations(subscription_id, resource_group_key);
            """),
    ]
}

/// The registrations table. Times are milliseconds since 1970; the definitions are JSON.
struct RegistrationStore: Sendable {
    let database: Database

    func record(tenantId: String, appId: String) throws -> RegistrationRecord? {
        try database.query("SELECT * FROM dataconnect_registrations WHERE tenant_id = ? AND app_id = ?",
                           [.text(tenantId.lowercased()), .text(appId.lowercased())]).first.flatMap(Self.record(from:))
    }

    func records(tenantId: String) throws -> [RegistrationRecord] {
        try database.query("SELECT * FROM dataconnect_registrations WHERE tenant_id = ? ORDER BY created_at, app_id",
                           [.text(tenantId.lowercased())]).compactMap(Self.record(from:))
    }

    func records(subscriptionId: String, resourceGroup: String?) throws -> [RegistrationRecord] {
        if let resourceGroup {
            return try database.query("""
                SELECT * FROM dataconnect_registrations WHERE subscription_id = ? AND resource_group_key = ?
                ORDER BY created_at, app_id
                """, [.text(subscriptionId), .text(resourceGroup.lowercased())]).compactMap(Self.record(from:))
        }
        return try database.query("SELECT * FROM dataconnect_registrations WHERE subscription_id = ? ORDER BY created_at, app_id",
                                  [.text(subscriptionId)]).compactMap(Self.record(from:))
    }

    /// Inserts or replaces the whole record.
    func save(_ record: RegistrationRecord) throws {
        let decision = Self.decisionColumns(record.approval)
        try database.execute("""
            INSERT OR REPLACE INTO dataconnect_registrations(tenant_id, app_id, subscription_id, resource_group, resource_group_key,
                description, definition, revision, owners, developer, created_at, created_by, created_by_type,
                updated_at, updated_by, updated_by_type, decision, decision_revision, decision_at, decision_by, decision_reason,
                approved_definition)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [
                .text(record.tenantId.lowercased()), .text(record.appId.lowercased()), .text(record.subscriptionId),
                .text(record.resourceGroup), .text(record.resourceGroup.lowercased()), .text(record.description),
                .text(record.definition.storedJSON), .int(record.revision), .text(Self.json(record.owners)), .text(record.developer),
                .integer(Self.milliseconds(record.createdAt)), .text(record.createdBy), .text(record.createdByType),
                .integer(Self.milliseconds(record.updatedAt)), .text(record.updatedBy), .text(record.updatedByType),
                decision.kind, decision.revision, decision.at, decision.by, decision.reason,
                .optionalText(record.approvedDefinition?.storedJSON),
            ])
    }

    func delete(tenantId: String, appId: String) throws {
        try database.execute("DELETE FROM dataconnect_registrations WHERE tenant_id = ? AND app_id = ?",
                             [.text(tenantId.lowercased()), .text(appId.lowercased())])
    }

    // MARK: - Row mapping

    private static func record(from row: Row) -> RegistrationRecord? {
        guard let definition = RegistrationDefinition.fromStoredJSON(row.string("definition")) else { return nil }
        let owners = (try? JSONDecoder().decode([String].self, from: Data((row.string("owners") ?? "[]").utf8))) ?? []
        return RegistrationRecord(
            tenantId: row.string("tenant_id") ?? "", appId: row.string("app_id") ?? "",
            subscriptionId: row.string("subscription_id") ?? "", resourceGroup: row.string("resource_group") ?? "",
            description: row.string("description") ?? "", definition: definition, revision: Int(row.int("revision") ?? 1),
            owners: owners, developer: row.string("developer") ?? "",
            createdAt: date(row.int("created_at")), createdBy: row.string("created_by") ?? "",
            createdByType: row.string("created_by_type") ?? "",
            updatedAt: date(row.int("updated_at")), updatedBy: row.string("updated_by") ?? "",
            updatedByType: row.string("updated_by_type") ?? "",
            approval: ApprovalState(lastDecision: decision(from: row)),
            approvedDefinition: RegistrationDefinition.fromStoredJSON(row.string("approved_definition")))
    }

    private static func decision(from row: Row) -> ApprovalState.Decision? {
        guard let kind = row.string("decision"), let revision = row.int("decision_revision"), let at = row.int("decision_at") else {
            return nil
        }
        let by = row.string("decision_by") ?? ""
        switch kind {
        case ApprovalStatus.approved.rawValue:
            return .approved(.init(revision: Int(revision), at: date(at), by: by))
        case ApprovalStatus.denied.rawValue:
            return .denied(.init(revision: Int(revision), at: date(at), by: by, reason: row.string("decision_reason")))
        default:
            return nil
        }
    }

    private static func decisionColumns(_ state: ApprovalState)
        -> (kind: SQLValue, revision: SQLValue, at: SQLValue, by: SQLValue, reason: SQLValue) {
        switch state.lastDecision {
        case nil:
            return (.null, .null, .null, .null, .null)
        case .approved(let approval):
            return (.text(ApprovalStatus.approved.rawValue), .int(approval.revision), .integer(milliseconds(approval.at)),
                    .text(approval.by), .null)
        case .denied(let denial):
            return (.text(ApprovalStatus.denied.rawValue), .int(denial.revision), .integer(milliseconds(denial.at)),
                    .text(denial.by), .optionalText(denial.reason))
        }
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    static func date(_ milliseconds: Int64?) -> Date { Date(timeIntervalSince1970: Double(milliseconds ?? 0) / 1000) }

    private static func json(_ values: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
