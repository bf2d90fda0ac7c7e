// HTTPServer: the request value handed to the handler, and its header list.

import Foundation

/// One HTTP request as received, free of any libevent type.
///
/// ```swift
/// let server = try HTTPSServer(configuration: configuration) { request in
///     guard request.method == "GET", request.path == "/health" else { return HTTPResponse(status: 404) }
///     return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Data("ok".utf8))
/// }
/// ```
public struct HTTPRequest: Sendable {
    /// "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD" or "OPTIONS".
    public let method: String
    /// The Host header as sent, e.g. "kv1.vault.localhost:8443".
    public let host: String
    /// The raw path, not percent-decoded, without the query: "/keys/a%20b//sign".
    public let path: String
    /// Query parameters, percent-decoded ('+' is a space); the first value of a repeated name wins;
    /// names keep the case they were sent with.
    public let query: [String: String]
    /// The request headers; lookup is case-insensitive.
    public let headers: HTTPHeaders
    /// The complete request body (never longer than the configured maximum).
    public let body: Data
    /// The peer's IP address without port: "127.0.0.1", "::1".
    public let remoteAddress: String
    /// The listening port that accepted the connection.
    public let localPort: Int

    /// Builds a request value directly (for in-process tests that need no socket).
    public init(method: String, host: String, path: String, query: [String: String] = [:],
                headers: HTTPHeaders = HTTPHeaders(), body: Data = Data(),
                remoteAddress: String = "127.0.0.1", localPort: Int = 0) {
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.localPort = localPort
    }
}

/// Header fields in arrival order with case-insensitive lookup.
///
/// ```swift
/// let headers = HTTPHeaders([("Content-Type", "application/json")])
/// headers["content-type"]   // "application/json"
/// ```
public struct HTTPHeaders: Sendable {
    /// Every field as (name as sent, value), in arrival order; repeated names appear repeatedly.
    public var all: [(String, String)]

    public init(_ fields: [(String, String)] = []) { self.all = fields }

    /// The value of the first field whose name equals `name` ignoring ASCII case, or nil.
    public subscript(_ name: String) -> String? {
        all.first { HTTPHeaders.namesMatch($0.0, name) }?.1
    }

    /// ASCII case-insensitive comparison; header names are ASCII tokens (RFC 9110 §5.1).
    static func namesMatch(_ a: String, _ b: String) -> Bool {
        let left = a.utf8, right = b.utf8
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { lowercased($0) == lowercased($1) }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }
}
