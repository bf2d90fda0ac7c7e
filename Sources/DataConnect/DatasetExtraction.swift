// DataConnect: one file's rows as delivered: source rows -> date filter -> system columns -> column subset.

import Foundation

/// What a dataset's row source needs for one drop: the tenant, the seed, the users in scope and the
/// validated request.
struct DatasetContext: Sendable {
    let tenant: SyntheticTenant
    let seed: UInt64
    /// Indices into `tenant.users` whose data is extracted, ascending (all users without a scope).
    let scopeUsers: [Int]
    let request: ExtractionRequest

    /// The users whose data one file holds: like Data Connect's parallel jobs, the scope's users are
    /// dealt round-robin over the files (the `i`-th user of the scope to file `i % fileCount`). A file
    /// with no user of its own takes one so every file has rows.
    func mailboxes(of partition: DatasetPartition) -> [Int] {
        let owned = scopeUsers.enumerated().filter { $0.offset % partition.fileCount == partition.fileIndex }.map(\.element)
        return owned.isEmpty ? [scopeUsers[partition.fileIndex % scopeUsers.count]] : owned
    }

    /// The users whose entity rows (User_v1, Manager_v0, DirectReport_v0) one file holds: the same
    /// round-robin deal, but a file may hold none (entities are not repeated).
    func entityUsers(of partition: DatasetPartition) -> [Int] {
        scopeUsers.enumerated().filter { $0.offset % partition.fileCount == partition.fileIndex }.map(\.element)
    }
}

/// A row source: the rows of one file with every documented column, in the schema's order.
typealias DatasetRowSource = @Sendable (DatasetContext, DatasetPartition) -> any IteratorProtocol<JSONValue>

/// The delivered rows of one file. Rows outside the date filter are dropped; the bookkeeping
/// columns are numbered over the rows actually delivered (`datarow` = row index in the file,
/// `userrow` = index among the file's rows of the same `puser`, `pagerow` = `userrow` mod 50); then
/// only the selected columns, the always-delivered ones and the system columns are kept, in order.
struct ExtractedRows: IteratorProtocol {
    private var source: any IteratorProtocol<JSONValue>
    private let filter: RowDateFilter?
    private let bookkeeping: Bool
    private let keep: Set<String>?
    private var datarow: Int64 = 0
    private var rowsPerUser: [String: Int64] = [:]

    init(source: any IteratorProtocol<JSONValue>, schema: DatasetSchema, request: ExtractionRequest) {
        self.source = source
        filter = request.filter
        bookkeeping = !schema.systemColumns.isEmpty
        keep = request.columns == schema.columnNames ? nil : Set(request.columns + schema.systemColumnNames)
    }

    mutating func next() -> JSONValue? {
        while let row = source.next() {
            if let filter {
                guard case .string(let text)? = row[filter.column], let seconds = RowTime.parse(text),
                      filter.window.contains(seconds) else { continue }
            }
            var delivered = row
            if bookkeeping { delivered = stamp(delivered) }
            if let keep, case .object(let members) = delivered {
                delivered = .object(members.filter { keep.contains($0.0) })
            }
            return delivered
        }
        return nil
    }

    private mutating func stamp(_ row: JSONValue) -> JSONValue {
        guard case .object(var members) = row else { return row }
        var user = ""
        if case .string(let puser)? = row["puser"] { user = puser }
        let userrow = rowsPerUser[user, default: 0]
        members.append(("pAdditionalInfo", .null))
        members.append(("datarow", .int(datarow)))
        members.append(("userrow", .int(userrow)))
        members.append(("pagerow", .int(userrow % Int64(MessageV1Schema.pageSize))))
        members.append(("rowinformation", MessageV1Schema.rowInformation))
        datarow += 1
        rowsPerUser[user] = userrow + 1
        return .object(members)
    }
}

extension JSONValue {
    /// The members of an object in the order of `keys` (keys the object lacks are skipped).
    func reordered(_ keys: [String]) -> JSONValue {
        guard case .object(let members) = self else { return self }
        let byName = Dictionary(members.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        return .object(keys.compactMap { key in byName[key].map { (key, $0) } })
    }
}
