// Authorization: ABAC conditions on role permissions (the subset Azure's built-in roles use).

/// The request and resource attributes a condition may read, keyed by attribute name
/// (`Microsoft.Authorization/roleAssignments:RoleDefinitionId`), compared case-insensitively.
///
/// ```swift
/// ConditionAttributes(request: ["Microsoft.Authorization/roleAssignments:RoleDefinitionId": [cryptoUserId]])
/// ```
public struct ConditionAttributes: Sendable, Equatable {
    /// `@Request[...]`: what the request asks for (the role a new assignment would grant).
    public var request: [String: [String]]
    /// `@Resource[...]`: what the target resource is (the role of the assignment being deleted).
    public var resource: [String: [String]]

    public init(request: [String: [String]] = [:], resource: [String: [String]] = [:]) {
        self.request = Dictionary(request.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: +)
        self.resource = Dictionary(resource.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: +)
    }

    public static let none = ConditionAttributes()
}

/// A parsed ABAC condition (conditionVersion 2.0) of the shape Azure's built-in roles carry:
///
/// ```
/// ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR
///  (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{guid1, guid2}))
/// ```
///
/// Supported: `AND`, `OR`, `NOT`/`!`, parentheses, `ActionMatches{'pattern'}`, and comparisons of
/// `@Request[...]` / `@Resource[...]` attributes with `GuidEquals`, `StringEquals`,
/// `StringEqualsIgnoreCase` and their `Not` forms, optionally prefixed by `ForAnyOfAnyValues:`.
/// Text outside this grammar does not parse, and a condition that does not parse never grants:
/// the emulator fails closed rather than granting more than the role says.
public indirect enum RoleCondition: Sendable, Equatable {
    case and(RoleCondition, RoleCondition)
    case or(RoleCondition, RoleCondition)
    case not(RoleCondition)
    case actionMatches(String)
    /// `source` is `request` or `resource`; `values` the right-hand set.
    case compare(source: String, attribute: String, comparison: String, negated: Bool, values: [String])

    /// Parses `text`; `nil` when it is outside the supported grammar.
    public static func parse(_ text: String) -> RoleCondition? {
        var parser = ConditionParser(text)
        guard let condition = parser.expression(), parser.atEnd else { return nil }
        return condition
    }

    /// Whether the condition holds for `action` with `attributes`. A missing attribute makes its
    /// comparison false.
    public func holds(action: String, attributes: ConditionAttributes) -> Bool {
        switch self {
        case .and(let left, let right): return left.holds(action: action, attributes: attributes) && right.holds(action: action, attributes: attributes)
        case .or(let left, let right): return left.holds(action: action, attributes: attributes) || right.holds(action: action, attributes: attributes)
        case .not(let inner): return !inner.holds(action: action, attributes: attributes)
        case .actionMatches(let pattern): return ActionPattern(pattern).matches(action)
        case .compare(let source, let attribute, let comparison, let negated, let values):
            let table = source == "request" ? attributes.request : attributes.resource
            guard let actual = table[attribute.lowercased()], !actual.isEmpty else { return false }
            // GUIDs compare without dashes and case (Azure writes them both ways); strings as asked.
            func normalized(_ value: String) -> String {
                switch comparison {
                case "guidequals": return value.lowercased().filter { $0 != "-" }
                case "stringequals": return value
                default: return value.lowercased()
                }
            }
            let wanted = Set(values.map(normalized))
            let any = actual.contains { wanted.contains(normalized($0)) }
            return negated ? !any : any
        }
    }
}

/// Recursive-descent parser over the condition text (whitespace-insensitive, keywords case-insensitive).
struct ConditionParser {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    var atEnd: Bool {
        var probe = self
        probe.skipSpace()
        return probe.index == probe.characters.count
    }

    /// expression := term (OR term)*
    mutating func expression() -> RoleCondition? {
        guard var left = term() else { return nil }
        while keyword("OR") || symbol("||") {
            guard let right = term() else { return nil }
            left = .or(left, right)
        }
        return left
    }

    /// term := factor (AND factor)*
    private mutating func term() -> RoleCondition? {
        guard var left = factor() else { return nil }
        while keyword("AND") || symbol("&&") {
            guard let right = factor() else { return nil }
            left = .and(left, right)
        }
        return left
    }

    /// factor := ('!' | NOT) factor | '(' expression ')' | atom
    private mutating func factor() -> RoleCondition? {
        if symbol("!") || keyword("NOT") { return factor().map(RoleCondition.not) }
        if symbol("(") {
            guard let inner = expression(), symbol(")") else { return nil }
            return inner
        }
        return atom()
    }

    private mutating func atom() -> RoleCondition? {
        if keyword("ActionMatches") {
            guard let values = braced(), values.count == 1 else { return nil }
            return .actionMatches(values[0])
        }
        skipSpace()
        guard symbol("@") else { return nil }
        let source = word().lowercased()
        guard source == "request" || source == "resource", symbol("[") else { return nil }
        var attribute = ""
        while index < characters.count, characters[index] != "]" { attribute.append(characters[index]); index += 1 }
        guard symbol("]") else { return nil }
        skipSpace()
        var comparison = word().lowercased()
        if comparison == "foranyofanyvalues" {
            guard symbol(":") else { return nil }
            comparison = word().lowercased()
        }
        let positiveForms = ["guidnotequals": "guidequals", "stringnotequals": "stringequals",
                             "stringnotequalsignorecase": "stringequalsignorecase"]
        let negated = positiveForms[comparison] != nil
        comparison = positiveForms[comparison] ?? comparison
        guard ["guidequals", "stringequals", "stringequalsignorecase"].contains(comparison), let values = braced() ?? single() else { return nil }
        return .compare(source: source, attribute: attribute.strippedOfWhitespace(), comparison: comparison, negated: negated, values: values)
    }

    /// `{a, 'b'}` -> ["a", "b"].
    private mutating func braced() -> [String]? {
        guard symbol("{") else { return nil }
        var values: [String] = []
        var current = ""
        var quoted = false
        while index < characters.count {
            let c = characters[index]
            index += 1
            if c == "'" { quoted.toggle(); continue }
            if !quoted, c == "," { values.append(current.strippedOfWhitespace()); current = ""; continue }
            if !quoted, c == "}" {
                values.append(current.strippedOfWhitespace())
                return values.filter { !$0.isEmpty }
            }
            current.append(c)
        }
        return nil
    }

    /// A single quoted value or bare word.
    private mutating func single() -> [String]? {
        skipSpace()
        if symbol("'") {
            var value = ""
            while index < characters.count, characters[index] != "'" { value.append(characters[index]); index += 1 }
            guard symbol("'") else { return nil }
            return [value]
        }
        let value = word()
        return value.isEmpty ? nil : [value]
    }

    private mutating func word() -> String {
        skipSpace()
        var text = ""
        while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "-" {
            text.append(characters[index]); index += 1
        }
        return text
    }

    private mutating func keyword(_ name: String) -> Bool {
        skipSpace()
        let end = index + name.count
        guard end <= characters.count, String(characters[index..<end]).lowercased() == name.lowercased() else { return false }
        // A keyword must not run into an identifier (`ORx`), except before `{`.
        if end < characters.count, characters[end].isLetter || characters[end].isNumber { return false }
        index = end
        return true
    }

    private mutating func symbol(_ text: String) -> Bool {
        skipSpace()
        let end = index + text.count
        guard end <= characters.count, String(characters[index..<end]) == text else { return false }
        index = end
        return true
    }

    private mutating func skipSpace() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }
}

extension String {
    /// The text without leading and trailing whitespace (Foundation-free).
    func strippedOfWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
