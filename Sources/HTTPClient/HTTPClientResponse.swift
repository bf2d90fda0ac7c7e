// HTTPClient: the response value and the one error type of the module.

import Foundation

/// A complete HTTP response. Any status is a response, not an error: a 401 or 404 comes back
/// here for the caller to read.
///
/// Header names are lower-cased; a header the server sent more than once has its values joined
/// with ", " in the order received (RFC 9110, section 5.3).
public struct HTTPClientResponse: Sendable {
    public let status: Int
    public let headers: [String: String]
    public let body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// A request that produced no HTTP response: bad URL or header, DNS, connection refused, TLS
/// verification failure, timeout. `reason` starts with libcurl's `curl_easy_strerror` text and
/// adds libcurl's detail message when it has one. It never holds request headers or bodies.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { "HTTPClientError: \(reason)" }
}
