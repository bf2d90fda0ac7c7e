// VaultCrypto: turns OpenSSL's thread-local error queue into one CryptoError.

import COpenSSL

/// Helpers that read and empty OpenSSL's error queue.
///
/// OpenSSL records failures on a per-thread queue (`ERR_get_error`, see ERR_get_error(3)).
/// Every failing call site drains the whole queue into one ``CryptoError`` so stale entries
/// never leak into a later, unrelated error. The strings are OpenSSL's reason texts
/// ("error:1C800064:Provider routines::bad decrypt"), which never contain key material.
enum OpenSSLErrorQueue {
    /// Drains the queue and returns an error whose reason is `operation` plus OpenSSL's texts.
    static func error(_ code: CryptoError.Code, _ operation: String) -> CryptoError {
        let messages = drain()
        if messages.isEmpty { return CryptoError(code, operation) }
        return CryptoError(code, "\(operation): \(messages.joined(separator: "; "))")
    }

    /// Empties the queue, returning its entries oldest first.
    @discardableResult
    static func drain() -> [String] {
        var messages: [String] = []
        while true {
            // ERR_get_error returns 0 once the queue is empty.
            let packed = ERR_get_error()
            if packed == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            // ERR_error_string_n always NUL-terminates within the given length.
            ERR_error_string_n(packed, &buffer, buffer.count)
            messages.append(String(nulTerminated: buffer))
        }
        return messages
    }

    /// Throws a drained error unless `result` is 1 (OpenSSL's success value for most calls).
    static func check(_ result: Int32, _ code: CryptoError.Code, _ operation: String) throws {
        if result != 1 { throw error(code, operation) }
    }

    /// Unwraps a pointer OpenSSL returned, or throws the drained queue.
    static func unwrap<T>(_ value: T?, _ code: CryptoError.Code, _ operation: String) throws -> T {
        guard let value else { throw error(code, operation) }
        return value
    }
}

extension String {
    /// Text of a NUL-terminated C buffer filled by OpenSSL (invalid UTF-8 is repaired).
    init(nulTerminated buffer: [CChar]) {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
