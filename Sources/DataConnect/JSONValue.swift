// DataConnect: an ordered JSON value and its byte-exact serialisation for JSON-lines rows.

import Foundation

/// A JSON value whose objects keep their members in insertion order.
///
/// Rows are written with the columns in the dataset's documented order, and the same seed must give
/// the same bytes (the plaintext SHA-256 in run.json depends on it), so rows are not built with
/// `JSONSerialization` (unordered on Linux) or `JSONEncoder`.
///
/// ```swift
/// let row: JSONValue = .object([("id", .string("a")), ("isRead", .bool(true))])
/// row.serialized()   // {"id":"a","isRead":true}
/// ```
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The member names of an object, in order (empty for other values).
    public var keys: [String] {
        if case .object(let members) = self { return members.map(\.0) }
        return []
    }

    /// The value of an object member (nil when absent or not an object).
    public subscript(_ key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    /// Compact UTF-8 JSON: no spaces, `/` not escaped, non-ASCII kept as UTF-8,
    /// `"`, `\` and control characters escaped as RFC 8259 requires.
    public func serialized() -> Data {
        var out = [UInt8]()
        out.reserveCapacity(1024)
        append(to: &out)
        return Data(out)
    }

    /// Indented JSON (two spaces, `"key": value`, empty containers as `[]`/`{}`) with a final newline,
    /// for metadata files people read.
    public func prettySerialized() -> Data {
        var out = [UInt8]()
        appendPretty(to: &out, indent: 0)
        out.append(0x0A)
        return Data(out)
    }

    private func appendPretty(to out: inout [UInt8], indent: Int) {
        let inner = [UInt8](repeating: UInt8(ascii: " "), count: indent + 2)
        let outer = [UInt8](repeating: UInt8(ascii: " "), count: indent)
        switch self {
        case .array(let items) where !items.isEmpty:
            out.append(contentsOf: Array("[\n".utf8))
            for (index, item) in items.enumerated() {
                out.append(contentsOf: inner)
                item.appendPretty(to: &out, indent: indent + 2)
                out.append(contentsOf: Array((index + 1 < items.count ? ",\n" : "\n").utf8))
            }
            out.append(contentsOf: outer)
            out.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            out.append(contentsOf: Array("{\n".utf8))
            for (index, member) in members.enumerated() {
                out.append(contentsOf: inner)
                JSONValue.appendString(member.0, to: &out)
                out.append(contentsOf: Array(": ".utf8))
                member.1.appendPretty(to: &out, indent: indent + 2)
                out.append(contentsOf: Array((index + 1 < members.count ? ",\n" : "\n").utf8))
            }
            out.append(contentsOf: outer)
            out.append(UInt8(ascii: "}"))
        default:
            append(to: &out)
        }
    }

    func append(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .string(let value): JSONValue.appendString(value, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.append(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.appendString(member.0, to: &out)
                out.append(UInt8(ascii: ":"))
                member.1.append(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
