// DataConnect: the datasets the agent can deliver, by their Data Connect names.

import Foundation

/// Which slice of a dataset one output file holds.
public struct DatasetPartition: Sendable, Equatable {
    /// 0-based index of the file in the drop.
    public let fileIndex: Int
    /// Number of files in the drop.
    public let fileCount: Int
    /// Rows this file holds.
    public let rowCount: Int

    public init(fileIndex: Int, fileCount: Int, rowCount: Int) {
        self.fileIndex = fileIndex
        self.fileCount = fileCount
        self.rowCount = rowCount
    }

    /// `rows` split over `files` as evenly as possible, the first files taking the remainder.
    public static func split(rows: Int, files: Int) -> [DatasetPartition] {
        (0..<files).map { index in
            DatasetPartition(fileIndex: index, fileCount: files, rowCount: rows / files + (index < rows % files ? 1 : 0))
        }
    }
}

/// A dataset ready to deliver: its schema, what to extract (all of it unless `configured`), and its
/// row source. `makeRows` gives one file's rows as delivered.
public struct DatasetDefinition: Sendable {
    public let schema: DatasetSchema
    /// The validated extraction (defaults: every column, every user, no date filter, latest snapshot).
    public let request: ExtractionRequest
    /// The users in scope; nil: every user of the tenant given to `makeRows`.
    let scopeUsers: [Int]?
    let source: DatasetRowSource

    init(schema: DatasetSchema, source: @escaping DatasetRowSource) {
        self.schema = schema
        request = ExtractionRequest.defaults(for: schema)
        scopeUsers = nil
        self.source = source
    }

    private init(schema: DatasetSchema, request: ExtractionRequest, scopeUsers: [Int]?, source: @escaping DatasetRowSource) {
        self.schema = schema
        self.request = request
        self.scopeUsers = scopeUsers
        self.source = source
    }

    /// The name as a pipeline's `tableName` spells it, e.g. `BasicDataSet_v0.Message_v1`.
    public var name: String { schema.name }
    /// The documented columns delivered, in the documentation's order (what run.json lists as `columns`).
    public var columns: [String] { request.columns }
    /// Undocumented bookkeeping columns that sample rows carry after the documented ones.
    public var systemColumns: [String] { schema.systemColumnNames }

    /// The rows of one file, deterministic for (tenant, seed, partition, request).
    public func makeRows(_ tenant: SyntheticTenant, _ seed: UInt64, _ partition: DatasetPartition) -> any IteratorProtocol<JSONValue> {
        let context = DatasetContext(tenant: tenant, seed: seed, scopeUsers: scopeUsers ?? Array(tenant.users.indices), request: request)
        return ExtractedRows(source: source(context, partition), schema: schema, request: request)
    }

    /// This dataset with `options` applied: validated against the schema, groups resolved in `tenant`
    /// (by object id or mail nickname). Every problem is a `usage` error.
    public func configured(_ options: ExtractionOptions, tenant: SyntheticTenant) throws -> DatasetDefinition {
        let request = try options.validate(for: schema)
        guard !request.scopeGroups.isEmpty else { return DatasetDefinition(schema: schema, request: request, scopeUsers: nil, source: source) }
        var members = Set<Int>()
        for name in request.scopeGroups {
            guard let group = tenant.group(named: name) else {
                let known = tenant.groups.map { "\($0.mailNickname) (\($0.objectId))" }.joined(separator: ", ")
                throw DataConnectError(.usage, "unknown group \(name) in --scope-groups; the tenant's groups: \(known)")
            }
            members.formUnion(group.members)
        }
        guard !members.isEmpty else { throw DataConnectError(.usage, "the groups in --scope-groups have no members") }
        return DatasetDefinition(schema: schema, request: request, scopeUsers: members.sorted(), source: source)
    }
}

/// The supported datasets.
///
/// ```swift
/// let dataset = try DatasetCatalog.lookup("BasicDataSet_v0.Message_v1")
/// ```
public enum DatasetCatalog {
    public static let all: [DatasetDefinition] = [
        DatasetDefinition(schema: MessageV1Schema.schema, source: { MessageV1Source(context: $0, partition: $1) }),
        DatasetDefinition(schema: MailFolderSchemas.inbox, source: { MailFolderRows(folder: .inbox, context: $0, partition: $1) }),
        DatasetDefinition(schema: MailFolderSchemas.sentItems, source: { MailFolderRows(folder: .sentItems, context: $0, partition: $1) }),
        DatasetDefinition(schema: DirectorySchemas.user, source: { UserV1Rows(context: $0, partition: $1) }),
        DatasetDefinition(schema: DirectorySchemas.manager, source: { RelationRows(.manager, context: $0, partition: $1) }),
        DatasetDefinition(schema: DirectorySchemas.directReport, source: { RelationRows(.directReport, context: $0, partition: $1) }),
        DatasetDefinition(schema: CalendarSchemas.event, source: { EventRows(.events, context: $0, partition: $1) }),
        DatasetDefinition(schema: CalendarSchemas.calendarView, source: { EventRows(.calendarView, context: $0, partition: $1) }),
        DatasetDefinition(schema: TeamChatSchemas.v1, source: { TeamChatRows(.v1, context: $0, partition: $1) }),
        DatasetDefinition(schema: TeamChatSchemas.v2, source: { TeamChatRows(.v2, context: $0, partition: $1) }),
        DatasetDefinition(schema: SharePointSchemas.sites, source: { SharePointSiteRows(context: $0, partition: $1) }),
        DatasetDefinition(schema: SharePointSchemas.permissions, source: { SharePointPermissionRows(context: $0, partition: $1) }),
    ]

    /// The names, for messages.
    public static var names: [String] { all.map(\.name) }

    /// The dataset called `name` (exact spelling), or a `usage` error listing the supported ones.
    public static func lookup(_ name: String) throws -> DatasetDefinition {
        if let dataset = all.first(where: { $0.name == name }) { return dataset }
        throw DataConnectError(.usage, "unknown dataset \(name); supported datasets: \(names.joined(separator: ", "))")
    }
}
