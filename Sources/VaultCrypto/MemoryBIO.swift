// VaultCrypto: the owner of one in-memory BIO, used for PEM reading and writing.

import COpenSSL
import Foundation

/// Owns one memory `BIO` (BIO_s_mem). Writes copy into OpenSSL-owned memory, so no Swift
/// buffer has to outlive a call.
final class MemoryBIO {
    private let pointer: OpaquePointer

    /// An empty BIO to write into.
    init() throws {
        pointer = try OpenSSLErrorQueue.unwrap(BIO_new(BIO_s_mem()), .operationFailed, "BIO_new")
    }

    /// A BIO holding a copy of `text`, to read from.
    convenience init(copying text: String) throws {
        try self.init()
        let bytes = Array(text.utf8)
        // BIO_write on a memory BIO appends a copy and returns the byte count written.
        let written = bytes.withUnsafeBytes { BIO_write(pointer, $0.baseAddress, Int32($0.count)) }
        guard written == Int32(bytes.count) || bytes.isEmpty else {
            throw OpenSSLErrorQueue.error(.operationFailed, "BIO_write")
        }
    }

    /// BIO_free on a memory BIO releases its BUF_MEM, which BUF_MEM_free clears before freeing.
    deinit { BIO_free(pointer) }

    func withPointer<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        try body(pointer)
    }

    /// Everything written so far, as text.
    func contents() -> String {
        var start: UnsafeMutablePointer<CChar>?
        // BIO_get_mem_data points `start` at the BIO's internal buffer and returns its length.
        let length = shim_BIO_get_mem_data(pointer, &start)
        guard length > 0, let start else { return "" }
        return start.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
