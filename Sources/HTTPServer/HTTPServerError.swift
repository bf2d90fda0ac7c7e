// HTTPServer: the module's one error type and the OpenSSL error-queue drain.

import COpenSSL
import Foundation

/// Why the HTTPS server could not be configured or started.
///
/// The reason names the failing step and, for OpenSSL failures, the library's own error strings.
/// It never contains key material: PEM text is not echoed.
///
/// ```swift
/// do { _ = try server.start() } catch let error as HTTPServerError { print(error.reason) }
/// ```
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// What failed, in words, e.g. "cannot bind 127.0.0.1:8443: Address already in use".
    public let reason: String

    init(_ reason: String) { self.reason = reason }

    public var description: String { "HTTPServerError: \(reason)" }

    /// An error for a failed OpenSSL call that appends and clears this thread's OpenSSL error queue.
    ///
    /// Contract: `ERR_get_error` pops the earliest error of the calling thread's queue and returns
    /// 0 when the queue is empty; `ERR_error_string_n` writes a NUL-terminated text of at most `len`.
    static func openSSL(_ step: String) -> HTTPServerError {
        let details = drainOpenSSLErrors()
        return HTTPServerError(details.isEmpty ? step : "\(step): \(details.joined(separator: "; "))")
    }

    /// Errno text for a failed system call.
    static func system(_ step: String, errno code: Int32) -> HTTPServerError {
        HTTPServerError("\(step): \(String(cString: strerror(code)))")
    }
}

/// Pops every pending OpenSSL error of the calling thread, as text.
func drainOpenSSLErrors() -> [String] {
    var messages: [String] = []
    while true {
        let code = ERR_get_error()
        if code == 0 { break }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    return messages
}
