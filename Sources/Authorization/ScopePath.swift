// Authorization: ARM scopes and the ancestor relation between them.

/// An ARM scope (`/`, `/subscriptions/{sub}`, `/subscriptions/{sub}/resourceGroups/{rg}`,
/// `.../providers/Microsoft.KeyVault/vaults/{vault}`, `.../vaults/{vault}/keys/{key}`), compared
/// case-insensitively segment by segment.
///
/// ```swift
/// ScopePath("/subscriptions/S/resourceGroups/rg1").contains(ScopePath("/subscriptions/s/resourcegroups/RG1/providers/x/y/z"))  // true
/// ScopePath("/subscriptions/S/resourceGroups/rg1").contains(ScopePath("/subscriptions/S/resourceGroups/rg10"))                 // false
/// ```
public struct ScopePath: Sendable, Hashable, CustomStringConvertible {
    /// Non-empty segments, lower-cased; `[]` is the root scope `/`.
    public let segments: [String]
    /// The scope as written.
    public let description: String

    public init(_ text: String) {
        description = text
        segments = text.split(separator: "/").map { $0.lowercased() }
    }

    /// True when `other` is this scope or lies below it.
    public func contains(_ other: ScopePath) -> Bool {
        other.segments.count >= segments.count && Array(other.segments.prefix(segments.count)) == segments
    }

    /// True when `other` lies strictly below this scope.
    public func isAncestor(of other: ScopePath) -> Bool {
        other.segments.count > segments.count && contains(other)
    }

    /// The subscription id when the scope starts with `/subscriptions/{id}`, as written.
    public var subscriptionId: String? {
        let written = description.split(separator: "/")
        guard written.count >= 2, written[0].lowercased() == "subscriptions" else { return nil }
        return String(written[1])
    }
}
