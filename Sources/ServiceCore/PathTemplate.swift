// ServiceCore: path templates, the patterns routes are written in.

import Foundation

/// A path pattern such as `/keys/{name}/{version}/sign` or
/// `/{*scope}/providers/Microsoft.Authorization/roleAssignments/{name}`.
///
/// - Literal segments match case-insensitively (`wrapkey` = `wrapKey`).
/// - `{name}` matches exactly one non-empty segment (percent-decoded).
/// - `{*name}` matches zero or more segments; its value is `/a/b` (or `""` for none).
///
/// Paths are compared segment by segment after empty segments are dropped, so a trailing slash,
/// a double slash and an empty version (`/keys/k1//sign`) all match as if absent, as Key Vault does.
public struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case literal(String)      // lower-cased
        case parameter(String)
        case rest(String)
    }

    let segments: [Segment]
    public let description: String

    public init(_ text: String) {
        description = text
        segments = text.split(separator: "/").map { part in
            if part.hasPrefix("{*"), part.hasSuffix("}") { return .rest(String(part.dropFirst(2).dropLast())) }
            if part.hasPrefix("{"), part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(part.lowercased())
        }
        rank = segments.map { segment in
            switch segment {
            case .literal: 2
            case .parameter: 1
            case .rest: 0
            }
        }
    }

    /// Splits a raw request path into decoded, non-empty segments.
    public static func segments(of path: String) -> [String] {
        path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    }

    /// The captured parameters when `path` matches, else `nil`.
    public func match(_ path: [String]) -> [String: String]? {
        match(path, lowered: path.map { $0.lowercased() })
    }

    /// As `match(_:)`, with the segments already lower-cased once for all the routes of a table.
    func match(_ path: [String], lowered: [String]) -> [String: String]? {
        var captured: [String: String] = [:]
        return match(segments[...], path[...], lowered[...], &captured) ? captured : nil
    }

    private func match(_ pattern: ArraySlice<Segment>, _ path: ArraySlice<String>, _ lowered: ArraySlice<String>,
                       _ captured: inout [String: String]) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        switch first {
        case .literal(let literal):
            guard let head = lowered.first, head == literal else { return false }
            return match(pattern.dropFirst(), path.dropFirst(), lowered.dropFirst(), &captured)
        case .parameter(let name):
            guard let head = path.first else { return false }
            captured[name] = head
            if match(pattern.dropFirst(), path.dropFirst(), lowered.dropFirst(), &captured) { return true }
            captured[name] = nil
            return false
        case .rest(let name):
            // Shortest capture first: a scope ends where the fixed suffix begins.
            for count in 0...path.count {
                let taken = path.prefix(count)
                captured[name] = taken.isEmpty ? "" : "/" + taken.joined(separator: "/")
                if match(pattern.dropFirst(), path.dropFirst(count), lowered.dropFirst(count), &captured) { return true }
            }
            captured[name] = nil
            return false
        }
    }

    /// Orders competing matches: at each position a literal beats a parameter, which beats a rest.
    let rank: [Int]

    /// The shape without parameter names, for conflict detection.
    var shape: [Segment] {
        segments.map { segment in
            switch segment {
            case .literal: segment
            case .parameter: .parameter("")
            case .rest: .rest("")
            }
        }
    }
}
