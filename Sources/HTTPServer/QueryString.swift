// HTTPServer: splitting a request target into raw path and decoded query parameters.

/// Parses `application/x-www-form-urlencoded`-style query strings the way Azure services read them.
///
/// ```swift
/// QueryString.parse("api-version=7.4&%24skiptoken=a%2Bb")   // ["api-version": "7.4", "$skiptoken": "a+b"]
/// QueryString.split(target: "/keys/a%20b?x=1")             // (path: "/keys/a%20b", query: "x=1")
/// ```
enum QueryString {
    /// Splits a request target at the first '?' (RFC 3986 §3.4); an absolute-form target
    /// ("https://host/path?q") loses its scheme and authority first. The path stays percent-encoded.
    static func split(target: String) -> (path: String, query: String) {
        var rest = Substring(target)
        if !rest.hasPrefix("/"), let schemeEnd = rest.range(of: "://") {
            let authorityAndPath = rest[schemeEnd.upperBound...]
            rest = authorityAndPath.firstIndex(where: { $0 == "/" || $0 == "?" }).map { authorityAndPath[$0...] } ?? ""
        }
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        guard let mark = rest.firstIndex(of: "?") else { return (rest.isEmpty ? "/" : String(rest), "") }
        let path = rest[..<mark]
        return (path.isEmpty ? "/" : String(path), String(rest[rest.index(after: mark)...]))
    }

    /// Name/value pairs separated by '&' (';' is not a separator); a name without '=' has the
    /// value "". Names and values are percent-decoded and '+' becomes a space. The first value of
    /// a repeated name wins. Malformed escapes are kept literally; invalid UTF-8 becomes U+FFFD.
    static func parse(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let name = decode(equals.map { pair[..<$0] } ?? pair[...])
            let value = equals.map { decode(pair[pair.index(after: $0)...]) } ?? ""
            if result[name] == nil { result[name] = value }
        }
        return result
    }

    /// Percent-decodes one component; "%zz" and a trailing "%" stay as they are.
    static func decode(_ bytes: Substring.UTF8View.SubSequence) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"),
                      let high = bytes.index(index, offsetBy: 1, limitedBy: bytes.endIndex), high < bytes.endIndex,
                      let low = bytes.index(high, offsetBy: 1, limitedBy: bytes.endIndex), low < bytes.endIndex,
                      let h = hexValue(bytes[high]), let l = hexValue(bytes[low]) {
                output.append(h << 4 | l)
                index = low
            } else {
                output.append(byte)
            }
            index = bytes.index(after: index)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
