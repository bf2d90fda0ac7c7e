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

/// A dataset: its documented columns, the system columns the rows also carry, and its row source.
public struct DatasetDefinition: Sendable {
    /// The name as a pipeline's `tableName` spells it, e.g. `BasicDataSet_v0.Message_v1`.
    public let name: String
    /// The documented columns, in the documentation's order (what run.json lists as `columns`).
    public let columns: [String]
    /// Undocumented bookkeeping columns that sample rows carry after the documented ones.
    public let systemColumns: [String]
    /// The rows of one file, deterministic for (tenant, seed, partition).
    public let makeRows: @Sendable (SyntheticTenant, UInt64, DatasetPartition) -> any IteratorProtocol<JSONValue>
}

/// The supported datasets.
///
/// ```swift
/// let dataset = try DatasetCatalog.lookup("BasicDataSet_v0.Message_v1")
/// ```
public enum DatasetCatalog {
    public static let all: [DatasetDefinition] = [
        DatasetDefinition(name: MessageV1Schema.name, columns: MessageV1Schema.columns,
                          systemColumns: MessageV1Schema.systemColumns,
                          makeRows: { tenant, seed, partition in MessageV1Rows(tenant: tenant, seed: seed, partition: partition) }),
    ]

    /// The names, for messages.
    public static var names: [String] { all.map(\.name) }

    /// The dataset called `name` (exact spelling), or a `usage` error listing the supported ones.
    public static func lookup(_ name: String) throws -> DatasetDefinition {
        if let dataset = all.first(where: { $0.name == name }) { return dataset }
        throw DataConnectError(.usage, "unknown dataset \(name); supported datasets: \(names.joined(separator: ", "))")
    }
}
