// DataConnect: generating a drop's data files in parallel, one file per core at a time.

import Foundation

/// Produces the data files. Each file is independent (its own generator stream, writer, gzip and AES
/// contexts; the envelope's key and IV are shared values), so files are written concurrently; the
/// first failure stops files not yet started and is rethrown.
enum FileProduction {
    private final class Results: @unchecked Sendable {
        let lock = NSLock()
        var entries: [RunReport.FileEntry?]
        var firstError: DataConnectError?
        init(count: Int) { entries = Array(repeating: nil, count: count) }
    }

    static func write(partitions: [DatasetPartition], names: [String], dataset: DatasetDefinition, tenant: SyntheticTenant,
                      seed: UInt64, envelope: DropEnvelope?, layout: DropLayout) throws -> [RunReport.FileEntry] {
        let results = Results(count: partitions.count)
        DispatchQueue.concurrentPerform(iterations: partitions.count) { index in
            if results.lock.withLock({ results.firstError != nil }) { return }
            do {
                let writer = try DataFileWriter(destination: layout.dataFile(names[index]), envelope: envelope)
                do {
                    var rows = dataset.makeRows(tenant, seed, partitions[index])
                    while let row = rows.next() { try writer.append(row: row) }
                    let entry = try writer.commit()
                    results.lock.withLock { results.entries[index] = entry }
                } catch {
                    writer.discard()
                    throw error
                }
            } catch {
                let failure = error as? DataConnectError ?? DataConnectError(.runFailed, "writing \(names[index]) failed")
                results.lock.withLock { if results.firstError == nil { results.firstError = failure } }
            }
        }
        if let error = results.firstError { throw error }
        return results.entries.compactMap { $0 }
    }
}
