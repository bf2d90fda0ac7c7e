// Emulator: reading the bearer token from an Authorization header.

/// `Authorization: Bearer <token>` (scheme case-insensitive); `nil` when absent or another scheme.
/// Plain Swift scanning: this runs on every authenticated request, and Foundation's trimming
/// went through an NSString bridge that cost more than validating the token.
enum BearerToken {
    static func from(_ header: String?) -> String? {
        guard let header else { return nil }
        let bytes = Array(header.utf8)
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        let scheme = Array("bearer".utf8)
        guard bytes.count > start + scheme.count,
              zip(bytes[start..<(start + scheme.count)], scheme).allSatisfy({ $0 | 0x20 == $1 }),
              bytes[start + scheme.count] == 0x20 else { return nil }
        var tokenStart = start + scheme.count
        while tokenStart < bytes.count, bytes[tokenStart] == 0x20 || bytes[tokenStart] == 0x09 { tokenStart += 1 }
        var end = bytes.count
        while end > tokenStart, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard end > tokenStart else { return nil }
        return String(decoding: bytes[tokenStart..<end], as: UTF8.self)
    }
}
