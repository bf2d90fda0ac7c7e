// Authorization: action patterns such as `Microsoft.KeyVault/vaults/*/read`.

/// An action or data action pattern from a role definition, compiled for matching.
///
/// `*` matches any run of characters, `/` included, and matching ignores case, as Azure RBAC does:
///
/// ```swift
/// ActionPattern("Microsoft.KeyVault/vaults/*/read").matches("Microsoft.KeyVault/vaults/keys/read")   // true
/// ActionPattern("*/read").matches("microsoft.keyvault/vaults/keys/sign/action")                     // false
/// ```
public struct ActionPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern lower-cased, and its literal pieces between the stars.
    private let lowered: String
    private let parts: [Substring]
    public let description: String

    public init(_ pattern: String) {
        description = pattern
        lowered = pattern.lowercased()
        parts = lowered.split(separator: "*", omittingEmptySubsequences: false)
    }

    /// Whether `action` is one of the actions this pattern names.
    public func matches(_ action: String) -> Bool {
        let text = action.lowercased()
        // No star: an exact (case-insensitive) name.
        guard parts.count > 1, let first = parts.first, let last = parts.last else { return text == lowered }
        guard text.hasPrefix(first) else { return false }
        var rest = text.dropFirst(first.count)
        guard rest.count >= last.count else { return false }
        // Middle pieces must appear in order; taking the leftmost occurrence each time is optimal
        // for a glob whose only wildcard is `*`.
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let found = rest.range(of: middle) else { return false }
            rest = rest[found.upperBound...]
        }
        return rest.count >= last.count && rest.hasSuffix(last)
    }
}
