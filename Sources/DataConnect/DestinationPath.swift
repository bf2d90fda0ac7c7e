// DataConnect: the run's destination folder as the registration check compares it.

import Foundation

/// `--destination` as an absolute path without `.`/`..`, with the symbolic links of its longest
/// existing prefix resolved, so that the registration's check 7 (inside the authorized container)
/// sees where the files will really land.
///
/// ```swift
/// try DestinationPath.resolve("drops/run1")   // "/home/me/project/drops/run1"
/// try DestinationPath.resolve("")             // nil: the registration's container
/// ```
enum DestinationPath {
    static func resolve(_ text: String) throws -> String? {
        guard !text.isEmpty else { return nil }
        let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        var existing = URL(fileURLWithPath: text, relativeTo: base).standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var resolved = existing.resolvingSymlinksInPath()
        for component in rest { resolved.appendPathComponent(component) }
        let path = resolved.standardizedFileURL.path
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
