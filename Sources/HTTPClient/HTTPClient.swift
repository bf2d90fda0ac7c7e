// HTTPClient: the public HTTPS client: one request at a time over a kept-alive libcurl handle.

import CCurl
import Foundation
import Synchronization

/// A blocking HTTP/1.1 client over libcurl, for the Data Connect agent and the admin CLI.
///
/// One libcurl easy handle per client, guarded by a Mutex: requests from several threads run one
/// after another and reuse the same kept-alive connection. Use one client per thread for
/// parallel requests. Redirects are not followed, proxies are never used (`NO_PROXY=*`), and TLS
/// peers are verified against `caFile` alone when given, else against the system store.
///
/// ```swift
/// let client = HTTPClient(caFile: dataDirectory + "/tls/ca.pem")
/// let token = try client.send("POST", "https://login.localhost:8443/t1/oauth2/v2.0/token",
///                             headers: [("Content-Type", "application/x-www-form-urlencoded")],
///                             body: Data(form.utf8))
/// if token.status == 200 { ... token.headers["content-type"] ... }
/// ```
///
/// libcurl resolves `localhost` and every `*.localhost` name to loopback by itself, so vault
/// host names such as `kv1.vault.localhost` need no hosts-file entry.
public final class HTTPClient: @unchecked Sendable {
    private let caFile: String?
    private let timeoutSeconds: Int
    /// Created on first use, so `init` cannot fail.
    private let easy = Mutex<CurlEasyHandle?>(nil)

    public init(caFile: String? = nil, timeoutSeconds: Int = 30) {
        self.caFile = caFile
        self.timeoutSeconds = timeoutSeconds
    }

    /// Sends one request and waits for the whole response. Any HTTP status is returned; only a
    /// missing response (connection, TLS, timeout, bad input) throws `HTTPClientError`.
    ///
    /// For POST, PUT and PATCH without a body an empty one is sent (`Content-Length: 0`). libcurl's
    /// default `Content-Type` for bodies and its `Expect: 100-continue` are suppressed: the caller
    /// states the content type.
    public func send(_ method: String, _ url: String, headers: [(String, String)] = [], body: Data? = nil) throws
        -> HTTPClientResponse
    {
        try Self.validate(method: method, headers: headers)
        let payload = body ?? (["POST", "PUT", "PATCH"].contains(method) ? Data() : nil)
        return try easy.withLock { slot in
            // Everything the handle will point at is created in here, so it stays in the
            // Mutex-protected region together with the handle.
            let handle = try slot ?? CurlEasyHandle()
            slot = handle
            let headerList = try CurlHeaderList(headers)
            if !headers.contains(where: { $0.0.lowercased() == "content-type" }) { try headerList.append("Content-Type:") }
            try headerList.append("Expect:")
            let collector = ResponseCollector()
            defer { handle.reset() }
            try configure(handle, method: method, url: url, headers: headerList, collector: collector)
            try withExtendedLifetime((headerList, collector)) {
                try Self.withBody(payload) { pointer, count in
                    if let pointer {
                        // POSTFIELDSIZE first, so libcurl never strlen()s binary data; POSTFIELDS is
                        // not copied and `pointer` stays valid until perform returns.
                        try handle.set(CURLOPT_POSTFIELDSIZE, count)
                        try handle.set(CURLOPT_POSTFIELDS, pointer: pointer)
                    }
                    // Set after POSTFIELDS (which implies POST) so the method is the caller's.
                    try Self.setMethod(method, on: handle)
                    try handle.perform()
                }
            }
            return HTTPClientResponse(status: handle.responseCode(), headers: collector.headers, body: collector.body)
        }
    }

    private func configure(_ handle: CurlEasyHandle, method: String, url: String,
                           headers: CurlHeaderList, collector: ResponseCollector) throws {
        try handle.attachErrorBuffer()
        try handle.set(CURLOPT_URL, url)
        try handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
        // NOSIGNAL: without it libcurl uses SIGALRM for DNS timeouts, which is unsafe in a
        // multi-threaded process (CURLOPT_NOSIGNAL(3)).
        try handle.set(CURLOPT_NOSIGNAL, 1)
        try handle.set(CURLOPT_TIMEOUT, timeoutSeconds)
        try handle.set(CURLOPT_NOPROXY, "*")            // ignore http(s)_proxy in the environment
        try handle.set(CURLOPT_FOLLOWLOCATION, 0)
        try handle.set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        try handle.set(CURLOPT_SSL_VERIFYPEER, 1)
        try handle.set(CURLOPT_SSL_VERIFYHOST, 2)        // 2 = the name must match the certificate
        if let caFile {
            // Trust exactly this CA file: clear the built-in CA directory (/etc/ssl/certs on Debian).
            try handle.set(CURLOPT_CAINFO, caFile)
            try handle.set(CURLOPT_CAPATH, nil)
        }
        try handle.set(CURLOPT_HTTPHEADER, pointer: headers.list.map { UnsafeMutableRawPointer($0) })
        try handle.setCallback(CURLOPT_WRITEFUNCTION, ResponseCollector.bodyCallback)
        try handle.set(CURLOPT_WRITEDATA, pointer: collector.context)
        try handle.setCallback(CURLOPT_HEADERFUNCTION, ResponseCollector.headerCallback)
        try handle.set(CURLOPT_HEADERDATA, pointer: collector.context)
    }

    private static func setMethod(_ method: String, on handle: CurlEasyHandle) throws {
        switch method {
        case "GET":
            try handle.set(CURLOPT_HTTPGET, 1)
        case "HEAD":
            // A HEAD response has headers but no body; NOBODY tells libcurl not to wait for one.
            try handle.set(CURLOPT_NOBODY, 1)
        default:
            try handle.set(CURLOPT_CUSTOMREQUEST, method)
        }
    }

    /// Lends the body bytes for the transfer. An empty body still needs a non-NULL pointer:
    /// POSTFIELDS NULL would make libcurl read the body from a read callback instead.
    private static func withBody<T>(_ body: Data?, _ work: (UnsafeMutableRawPointer?, Int) throws -> T) throws -> T {
        guard let body else { return try work(nil, 0) }
        guard !body.isEmpty else {
            var empty: UInt8 = 0
            return try withUnsafeMutablePointer(to: &empty) { try work(UnsafeMutableRawPointer($0), 0) }
        }
        return try body.withUnsafeBytes { buffer in
            // libcurl only reads POSTFIELDS; the mutable pointer is its C signature.
            try work(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
        }
    }

    /// Rejects a method that is not an HTTP token and header text that could split the request.
    private static func validate(method: String, headers: [(String, String)]) throws {
        let token = CharacterSet(charactersIn: "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        func isToken(_ text: String) -> Bool {
            !text.isEmpty && text.unicodeScalars.allSatisfy { token.contains($0) }
        }
        guard isToken(method) else { throw HTTPClientError(reason: "invalid HTTP method") }
        for (name, value) in headers {
            guard isToken(name) else { throw HTTPClientError(reason: "invalid header name \"\(name)\"") }
            guard !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
                throw HTTPClientError(reason: "invalid value for header \(name): contains CR, LF or NUL")
            }
        }
    }
}
