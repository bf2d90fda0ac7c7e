// DataConnect: writing a drop's files: temp name, stream, fsync, rename; metadata last.

import Foundation

/// The layout of one drop, `DIR/<runId>/`:
///
/// ```
/// <guid>.json                       data files (JSON lines, or gzip+AES-CBC of them; same name either way)
/// metadata/MoreMetadata/EncryptedDatasets/encryptionKeyDetails.json   (encrypted drops only)
/// metadata/run.json                 written last: its presence means the drop is complete
/// ```
public struct DropLayout: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public var runReport: URL { root.appendingPathComponent("metadata/run.json") }
    public var keyDetails: URL { root.appendingPathComponent(EncryptionKeyDetails.relativePath) }
    public func dataFile(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// Creates the drop and metadata directories.
    public func create() throws {
        do {
            try FileManager.default.createDirectory(at: keyDetails.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw DataConnectError(.runFailed, "cannot create the drop directory \(root.path)")
        }
    }

    /// `data` to `url` via a temp file in the same directory, fsync, then rename (readers never see half a file).
    public static func writeAtomically(_ data: Data, to url: URL) throws {
        let writer = try StreamingFileWriter(destination: url)
        do {
            try writer.write(data)
            try writer.commit()
        } catch {
            writer.discard()
            throw error
        }
    }
}

/// One output file written in chunks to `<name>.partial`, renamed to `<name>` on `commit()`.
/// Writes are buffered to 256 KiB so a row-at-a-time producer does not make a syscall per row.
final class StreamingFileWriter {
    static let bufferLimit = 256 * 1024

    let destination: URL
    private let temporary: URL
    private let handle: FileHandle
    private var buffer = Data()
    private var closed = false

    init(destination: URL) throws {
        self.destination = destination
        temporary = destination.deletingLastPathComponent().appendingPathComponent(destination.lastPathComponent + ".partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary.path) else {
            throw DataConnectError(.runFailed, "cannot create \(temporary.path)")
        }
        self.handle = handle
        buffer.reserveCapacity(StreamingFileWriter.bufferLimit)
    }

    deinit {
        if !closed { discard() }
    }

    func write(_ data: Data) throws {
        buffer.append(data)
        if buffer.count >= StreamingFileWriter.bufferLimit { try flush() }
    }

    /// Flushes, fsyncs (so the rename never exposes unwritten data after a crash), closes and renames.
    func commit() throws {
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
            closed = true
            if FileManager.default.fileExists(atPath: destination.path) {
                try FileManager.default.removeItem(at: destination)
            }
            try FileManager.default.moveItem(at: temporary, to: destination)
        } catch {
            discard()
            throw DataConnectError(.runFailed, "cannot finish \(destination.path)")
        }
    }

    /// Closes and deletes the temp file.
    func discard() {
        if !closed { try? handle.close() }
        closed = true
        try? FileManager.default.removeItem(at: temporary)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw DataConnectError(.runFailed, "cannot write \(temporary.path) (disk full or no permission?)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A data file being produced: plaintext rows go through the hash and the envelope into the file.
final class DataFileWriter {
    private let file: StreamingFileWriter
    private let encoder: EnvelopeEncoder
    private var hasher = StreamingSHA256()
    private(set) var rows = 0

    init(destination: URL, envelope: DropEnvelope?) throws {
        file = try StreamingFileWriter(destination: destination)
        do {
            encoder = try EnvelopeEncoder(envelope: envelope)
        } catch {
            file.discard()
            throw error
        }
    }

    /// One JSON-lines row: the serialised value and a line feed.
    func append(row: JSONValue) throws {
        var line = row.serialized()
        line.append(0x0A)
        hasher.update(line)
        rows += 1
        try file.write(try encoder.update(line))
    }

    /// Finishes the envelope and renames the file into place; returns its run.json entry.
    func commit() throws -> RunReport.FileEntry {
        try file.write(try encoder.finish())
        try file.commit()
        return RunReport.FileEntry(name: file.destination.lastPathComponent, rows: rows, plaintextSha256: hasher.finalizeHex())
    }

    func discard() { file.discard() }
}
