// HTTPServer: converting an evhttp_request into HTTPRequest and HTTPResponse into its reply.

import CEvent
import Foundation

/// The only place that reads or writes `evhttp_request` fields. Requests are borrowed from
/// libevent for the duration of the gencb callback and never stored.
enum EvhttpBridge {
    /// Bytes of body libevent has read (the whole body: gencb runs after the body is complete).
    static func bodyLength(of request: OpaquePointer) -> Int {
        evbuffer_get_length(evhttp_request_get_input_buffer(request))
    }

    static func makeRequest(from request: OpaquePointer, localPort: Int) -> HTTPRequest {
        let fields = headerFields(evhttp_request_get_input_headers(request))
        let headers = HTTPHeaders(fields)
        // evhttp_request_get_uri is the request target exactly as sent on the request line.
        let target = evhttp_request_get_uri(request).map { String(cString: $0) } ?? "/"
        let (path, query) = QueryString.split(target: target)
        let host = headers["Host"] ?? evhttp_request_get_host(request).map { String(cString: $0) } ?? ""
        return HTTPRequest(method: methodName(evhttp_request_get_command(request)), host: host, path: path,
                           query: QueryString.parse(query), headers: headers, body: body(of: request),
                           remoteAddress: peerAddress(of: request), localPort: localPort)
    }

    /// Writes status, headers and body; Content-Length always comes from the body.
    static func send(_ response: HTTPResponse, to request: OpaquePointer) {
        let status = (100...599).contains(response.status) ? response.status : 500
        let output = evhttp_request_get_output_headers(request)
        for (name, value) in response.headers
        where !HTTPHeaders.namesMatch(name, "Content-Length") && !HTTPHeaders.namesMatch(name, "Transfer-Encoding") {
            // evhttp_add_header copies both strings; it refuses values holding CR/LF (returns -1).
            _ = evhttp_add_header(output, name, value)
        }
        if HTTPResponse.statusAllowsBody(status) {
            _ = evhttp_add_header(output, "Content-Length", String(response.body.count))
            // libevent 2.1 writes the output buffer even for HEAD (evhttp_make_header), which
            // would corrupt the next response on a keep-alive connection: HEAD gets no body bytes.
            if !response.body.isEmpty && evhttp_request_get_command(request) != EVHTTP_REQ_HEAD {
                // evbuffer_add copies the bytes into the request's output buffer.
                response.body.withUnsafeBytes { bytes in
                    _ = evbuffer_add(evhttp_request_get_output_buffer(request), bytes.baseAddress, bytes.count)
                }
            }
        }
        // evhttp_send_reply writes the status line, headers and the output buffer, then frees the
        // request once written; a NULL reason lets libevent choose the phrase.
        if let reason = HTTPResponse.reasonPhrase(for: status) {
            evhttp_send_reply(request, Int32(status), reason, nil)
        } else {
            evhttp_send_reply(request, Int32(status), nil, nil)
        }
    }

    private static func methodName(_ command: evhttp_cmd_type) -> String {
        switch command {
        case EVHTTP_REQ_GET: "GET"
        case EVHTTP_REQ_POST: "POST"
        case EVHTTP_REQ_PUT: "PUT"
        case EVHTTP_REQ_PATCH: "PATCH"
        case EVHTTP_REQ_DELETE: "DELETE"
        case EVHTTP_REQ_HEAD: "HEAD"
        case EVHTTP_REQ_OPTIONS: "OPTIONS"
        case EVHTTP_REQ_TRACE: "TRACE"
        case EVHTTP_REQ_CONNECT: "CONNECT"
        default: "UNKNOWN"
        }
    }

    /// Walks the TAILQ of key/value pairs (event2/keyvalq_struct.h) in arrival order.
    private static func headerFields(_ list: UnsafeMutablePointer<evkeyvalq>?) -> [(String, String)] {
        var fields: [(String, String)] = []
        var node = list?.pointee.tqh_first
        while let entry = node {
            if let key = entry.pointee.key, let value = entry.pointee.value {
                fields.append((String(cString: key), String(cString: value)))
            }
            node = entry.pointee.next.tqe_next
        }
        return fields
    }

    private static func body(of request: OpaquePointer) -> Data {
        let buffer = evhttp_request_get_input_buffer(request)
        let length = evbuffer_get_length(buffer)
        guard length > 0 else { return Data() }
        var data = Data(count: length)
        // evbuffer_copyout copies without draining; the buffer is freed with the request.
        _ = data.withUnsafeMutableBytes { evbuffer_copyout(buffer, $0.baseAddress, length) }
        return data
    }

    /// The numeric peer address libevent recorded at accept time (getnameinfo NI_NUMERICHOST),
    /// with an IPv4-mapped IPv6 prefix removed.
    private static func peerAddress(of request: OpaquePointer) -> String {
        guard let connection = evhttp_request_get_connection(request) else { return "" }
        var address: UnsafeMutablePointer<CChar>?
        var port: UInt16 = 0
        // The returned string is owned by the connection; copy it at once.
        evhttp_connection_get_peer(connection, &address, &port)
        guard let address else { return "" }
        let text = String(cString: address)
        if text.lowercased().hasPrefix("::ffff:"), text.dropFirst(7).contains(".") {
            return String(text.dropFirst(7))
        }
        return text
    }
}
