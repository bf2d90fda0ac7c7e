// HTTPServer: the response value returned by the handler, and the status reason phrases.

import Foundation

/// What the handler answers. The server sets Content-Length from `body`; any Content-Length or
/// Transfer-Encoding in `headers` is ignored.
///
/// ```swift
/// HTTPResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")],
///              body: Data(#"{"value":[]}"#.utf8))
/// ```
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header fields in the order they are written; a repeated name is sent repeatedly.
    public var headers: [(String, String)]
    public var body: Data

    public init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The reason phrase written on the status line, or nil to let libevent pick its own.
    static func reasonPhrase(for status: Int) -> String? {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        default: nil
        }
    }

    /// Whether the status carries a body and therefore a Content-Length (RFC 9110 §8.6).
    static func statusAllowsBody(_ status: Int) -> Bool {
        !(100..<200).contains(status) && status != 204 && status != 304
    }

    /// Azure's answer to a body over the limit: 400 BadParameter rather than 413, as Key Vault does.
    static func bodyTooLarge(limit: Int) -> HTTPResponse {
        let json = #"{"error":{"code":"BadParameter","message":"The request body is larger than the maximum of \#(limit) bytes."}}"#
        return HTTPResponse(status: 400, headers: [("Content-Type", "application/json; charset=utf-8")],
                            body: Data(json.utf8))
    }
}
