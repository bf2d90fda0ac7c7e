// DataConnect: byte-level text encodings the generators and clients use per row (hex, HTML escape, percent encoding).

import Foundation

/// Hexadecimal, HTML and URL encodings done on UTF-8 bytes in one pass. Foundation's
/// `String(format:)` and `replacingOccurrences` bridge through NSString and dominated the row
/// generators' profile; these give the same text without the bridge.
///
/// ```swift
/// TextEncoding.hex([0xAB, 0x01], uppercase: true)   // "AB01"
/// TextEncoding.htmlEscaped("a<b & \"c\"")           // "a&lt;b &amp; &quot;c&quot;"
/// TextEncoding.formEncoded("a b/c")                  // "a%20b%2Fc"
/// ```
enum TextEncoding {
    private static let lowerDigits = Array("0123456789abcdef".utf8)
    private static let upperDigits = Array("0123456789ABCDEF".utf8)

    /// Two hex digits per byte.
    static func hex<Bytes: Sequence>(_ bytes: Bytes, uppercase: Bool = false) -> String where Bytes.Element == UInt8 {
        let digits = uppercase ? upperDigits : lowerDigits
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `&`, `<`, `>` and `"` as HTML entities; everything else unchanged.
    static func htmlEscaped(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// application/x-www-form-urlencoded value: unreserved characters (`A-Z a-z 0-9 - . _ ~`)
    /// kept, every other byte as `%XX` (upper-case hex).
    static func formEncoded(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            let isUnreserved = (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            if isUnreserved {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(upperDigits[Int(byte >> 4)])
                out.append(upperDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Standard base64 (padded) with `/` and `+` written as `slash` and `plus` (Graph's ids: `-`, `_`).
    static func base64(_ bytes: [UInt8], slash: UInt8, plus: UInt8) -> String {
        var encoded = [UInt8](Data(bytes).base64EncodedData())
        for index in encoded.indices {
            if encoded[index] == UInt8(ascii: "/") { encoded[index] = slash } else if encoded[index] == UInt8(ascii: "+") { encoded[index] = plus }
        }
        return String(decoding: encoded, as: UTF8.self)
    }
}
