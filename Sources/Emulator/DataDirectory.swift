// Emulator: the layout of the data directory and the atomic writing of files in it.

import Foundation

/// Paths inside the data directory (`emulator-data/` by default).
struct DataDirectory: Sendable {
    let root: URL

    init(_ path: String) throws {
        let url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        try FileManager.default.createDirectory(at: url.appendingPathComponent("tls"), withIntermediateDirectories: true)
        root = url
    }

    var database: URL { root.appendingPathComponent("emulator.sqlite") }
    var connectionFile: URL { root.appendingPathComponent("connection.json") }
    var caCertificate: URL { root.appendingPathComponent("tls/ca.pem") }
    var caKey: URL { root.appendingPathComponent("tls/ca-key.pem") }
    var serverCertificate: URL { root.appendingPathComponent("tls/server.pem") }
    var serverKey: URL { root.appendingPathComponent("tls/server-key.pem") }
    /// Data Connect destinations: `storage/<account>/<container>/`.
    var storage: URL { root.appendingPathComponent("storage") }

    /// Writes `data` to a temporary file beside `url`, flushes it and renames it into place, so a
    /// reader sees the old file or the new one, never half of one.
    static func writeAtomically(_ data: Data, to url: URL, permissions: Int = 0o644) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: permissions]) else {
            throw EmulatorError("cannot write \(temporary.path)")
        }
        let handle = try FileHandle(forWritingTo: temporary)
        try handle.synchronize()
        try handle.close()
        guard rename(temporary.path, url.path) == 0 else {
            throw EmulatorError("cannot rename \(temporary.path) to \(url.path): \(String(cString: strerror(errno)))")
        }
    }
}

/// A failure of the emulator's own start-up or wiring (not a request error).
public struct EmulatorError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
