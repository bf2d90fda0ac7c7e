// Emulator: reading the bearer token from an Authorization header.

/// `Authorization: Bearer <token>` (scheme case-insensitive); `nil` when absent or another scheme.
enum BearerToken {
    static func from(_ header: String?) -> String? {
        guard let header else { return nil }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " else { return nil }
        let token = trimmed.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}

import Foundation
