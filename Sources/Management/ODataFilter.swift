// Management: the small OData `$filter` language ARM list operations accept.

import ServiceCore

/// A parsed `$filter`: clauses joined by `and`. Supported clause shapes:
/// `name()` / `name('arg')` (functions such as `atScope()`, `assignedTo('{id}')`) and
/// `property eq 'value'` (`principalId eq '{id}'`, `roleName eq 'Owner'`, `resourceType eq '...'`).
/// Inside quotes `''` stands for one `'`, as in OData.
///
/// ```swift
/// try ODataFilter.parse("atScope() and assignedTo('7d1c...')").clauses
/// // [.function("atscope", nil), .function("assignedto", "7d1c...")]
/// ```
struct ODataFilter: Sendable, Equatable {
    enum Clause: Sendable, Equatable {
        /// Function name lower-cased; its single string argument if any.
        case function(String, String?)
        /// Property name lower-cased and the compared value.
        case equals(String, String)
    }

    let clauses: [Clause]

    /// Parses `text`; an empty or absent filter has no clauses. Anything else is a 400 `InvalidFilterInQueryString`.
    static func parse(_ text: String?) throws -> ODataFilter {
        guard let text, !text.allSatisfy(\.isWhitespace) else { return ODataFilter(clauses: []) }
        var clauses: [Clause] = []
        for part in try splitOnAnd(text) {
            guard let clause = clause(part) else { throw ServiceError.invalidFilter(text) }
            clauses.append(clause)
        }
        return ODataFilter(clauses: clauses)
    }

    /// Splits at ` and ` outside quotes (case-insensitive).
    static func splitOnAnd(_ text: String) throws -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "'" { quoted.toggle() }
            if !quoted, character.isWhitespace {
                let rest = text[index...].drop(while: \.isWhitespace)
                if rest.lowercased().hasPrefix("and"), let after = rest.dropFirst(3).first, after.isWhitespace {
                    parts.append(current)
                    current = ""
                    index = rest.dropFirst(3).startIndex
                    continue
                }
            }
            current.append(character)
            index = text.index(after: index)
        }
        guard !quoted else { throw ServiceError.invalidFilter(text) }
        parts.append(current)
        return parts.map { $0.trimmingWhitespace }
    }

    static func clause(_ text: String) -> Clause? {
        if text.hasSuffix(")"), let open = text.firstIndex(of: "(") {
            let name = text[..<open].trimmingWhitespace
            guard isIdentifier(name) else { return nil }
            let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmingWhitespace
            if inner.isEmpty { return .function(name.lowercased(), nil) }
            guard let argument = quotedString(inner) else { return nil }
            return .function(name.lowercased(), argument)
        }
        let pieces = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard pieces.count == 3, pieces[1].lowercased() == "eq", isIdentifier(String(pieces[0])),
              let value = quotedString(String(pieces[2]).trimmingWhitespace) else { return nil }
        return .equals(pieces[0].lowercased(), value)
    }

    /// `'it''s'` -> `it's`; `nil` unless the whole text is one quoted string.
    static func quotedString(_ text: String) -> String? {
        guard text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") else { return nil }
        let body = text.dropFirst().dropLast()
        guard !body.replacingOccurrences(of: "''", with: "").contains("'") else { return nil }
        return body.replacingOccurrences(of: "''", with: "'")
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "/" || $0 == "." }
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
