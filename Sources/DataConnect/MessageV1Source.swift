// DataConnect: Message_v1's row source and its delivered rows with the default extraction.

import Foundation

/// Message_v1's row source: the first `rowCount` messages of the file's stream.
struct MessageV1Source: IteratorProtocol {
    private var stream: MessageV1Stream
    private var remaining: Int

    init(context: DatasetContext, partition: DatasetPartition) {
        stream = MessageV1Stream(context: context, partition: partition)
        remaining = partition.rowCount
    }

    mutating func next() -> JSONValue? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        return stream.nextMessage().row
    }
}

/// The delivered Message_v1 rows of one file with the default extraction (every column, every
/// user, bookkeeping columns included), as `DatasetCatalog` delivers them.
struct MessageV1Rows: IteratorProtocol {
    private var rows: any IteratorProtocol<JSONValue>

    init(tenant: SyntheticTenant, seed: UInt64, partition: DatasetPartition) {
        let context = DatasetContext(tenant: tenant, seed: seed, scopeUsers: Array(tenant.users.indices),
                                     request: .defaults(for: MessageV1Schema.schema))
        rows = ExtractedRows(source: MessageV1Source(context: context, partition: partition),
                             schema: MessageV1Schema.schema, request: context.request)
    }

    mutating func next() -> JSONValue? { rows.next() }
}
