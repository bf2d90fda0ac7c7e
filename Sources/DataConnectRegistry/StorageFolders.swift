// DataConnectRegistry: storage accounts and containers as folders under the data directory.

import Foundation
import ServiceCore

/// The emulated Azure Storage of Data Connect destinations: container `c` of account `a` is the
/// folder `<data-dir>/storage/a/c/`. Names follow Azure's rules, which also keep them inside that
/// folder (no `/`, `.` or `..`).
///
/// ```swift
/// let folders = StorageFolders(root: dataDirectory.appendingPathComponent("storage"))
/// folders.folder(for: StorageDestination(storageAccount: "lake1", container: "mgdc"))   // .../storage/lake1/mgdc
/// folders.contains("/data/storage/lake1/mgdc/run7", in: destination)                     // true
/// ```
public struct StorageFolders: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public func folder(for destination: StorageDestination) -> URL {
        root.appendingPathComponent(destination.storageAccount).appendingPathComponent(destination.container)
    }

    /// Creates the container folder (and the account folder) if missing.
    public func create(_ destination: StorageDestination) throws {
        do {
            try FileManager.default.createDirectory(at: folder(for: destination), withIntermediateDirectories: true)
        } catch {
            throw ServiceError(.internalFailure, code: "InternalError",
                               message: "The storage folder of container '\(destination.container)' could not be created.")
        }
    }

    /// Whether the absolute `path` is the container folder or lies below it, after `.`/`..` and
    /// symbolic links are resolved on both sides.
    public func contains(_ path: String, in destination: StorageDestination) -> Bool {
        guard path.hasPrefix("/") else { return false }
        let container = Self.canonical(folder(for: destination).path)
        let candidate = Self.canonical(path)
        return candidate == container || candidate.hasPrefix(container + "/")
    }

    /// `path` without `.`/`..` segments, with the symbolic links of its longest existing prefix resolved.
    static func canonical(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var resolved = existing.resolvingSymlinksInPath()
        for component in rest { resolved.appendPathComponent(component) }
        let text = resolved.standardizedFileURL.path
        return text.count > 1 && text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    // MARK: - Azure's naming rules

    /// 3-24 lower-case letters and digits.
    public static func isValidAccountName(_ name: String) -> Bool {
        (3...24).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }

    /// 3-63 lower-case letters, digits and hyphens; starts and ends with a letter or digit; no `--`.
    public static func isValidContainerName(_ name: String) -> Bool {
        guard (3...63).contains(name.count), !name.contains("--"),
              name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }),
              let first = name.first, let last = name.last, first != "-", last != "-" else { return false }
        return true
    }
}
