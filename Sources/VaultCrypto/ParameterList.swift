// VaultCrypto: builds OSSL_PARAM arrays for EVP_PKEY_fromdata.

import COpenSSL
import Foundation

/// Collects key components and turns them into an owned `OSSL_PARAM` array.
///
/// OSSL_PARAM_BLD_push_* store the *pointers* to the parameter name and to string and octet
/// values; the bytes are only copied by OSSL_PARAM_BLD_to_param (OSSL_PARAM_BLD(3): "the
/// buffers must remain in existence until OSSL_PARAM_BLD_to_param() has been called").
/// Swift strings and `Data` lend only temporary pointers, so this type copies every name and
/// value into memory it owns and releases (wiping values) in `deinit`.
final class ParameterList {
    private let builder: OpaquePointer
    private var buffers: [(pointer: UnsafeMutableRawPointer, count: Int)] = []
    private var numbers: [BigNumber] = []
    private var built: UnsafeMutablePointer<OSSL_PARAM>?

    init() throws {
        builder = try OpenSSLErrorQueue.unwrap(OSSL_PARAM_BLD_new(), .operationFailed, "OSSL_PARAM_BLD_new")
    }

    deinit {
        if let built {
            // The built array holds copies of secret values. OpenSSL 3.0's OSSL_PARAM_free only
            // wipes its secure-heap block, so wipe every value before freeing the array.
            var cursor = built
            while cursor.pointee.key != nil {
                if let data = cursor.pointee.data { OPENSSL_cleanse(data, cursor.pointee.data_size) }
                cursor += 1
            }
            OSSL_PARAM_free(built)
        }
        OSSL_PARAM_BLD_free(builder)
        for buffer in buffers {
            OPENSSL_cleanse(buffer.pointer, buffer.count)
            buffer.pointer.deallocate()
        }
    }

    /// Adds an unsigned big-endian integer parameter such as OSSL_PKEY_PARAM_RSA_N.
    func addInteger(_ name: String, _ bytes: Data, secret: Bool) throws {
        let number = try BigNumber(unsignedBigEndian: bytes, secret: secret)
        numbers.append(number)
        let result = OSSL_PARAM_BLD_push_BN(builder, retained(name), number.pointer)
        try OpenSSLErrorQueue.check(result, .operationFailed, "OSSL_PARAM_BLD_push_BN")
    }

    /// Adds a UTF-8 string parameter such as OSSL_PKEY_PARAM_GROUP_NAME.
    func addString(_ name: String, _ value: String) throws {
        let utf8 = Array(value.utf8)
        let result = OSSL_PARAM_BLD_push_utf8_string(builder, retained(name), retained(value), utf8.count)
        try OpenSSLErrorQueue.check(result, .operationFailed, "OSSL_PARAM_BLD_push_utf8_string")
    }

    /// Adds an octet string parameter such as OSSL_PKEY_PARAM_PUB_KEY.
    func addOctets(_ name: String, _ value: Data) throws {
        let copy = retained(value)
        let result = OSSL_PARAM_BLD_push_octet_string(builder, retained(name), copy, value.count)
        try OpenSSLErrorQueue.check(result, .operationFailed, "OSSL_PARAM_BLD_push_octet_string")
    }

    /// Lends the finished array (built once, on first use).
    func withPointer<T>(_ body: (UnsafeMutablePointer<OSSL_PARAM>) throws -> T) throws -> T {
        if built == nil {
            built = try OpenSSLErrorQueue.unwrap(OSSL_PARAM_BLD_to_param(builder), .operationFailed, "OSSL_PARAM_BLD_to_param")
        }
        return try body(built!)
    }

    /// A NUL-terminated copy of `text` that lives as long as this list.
    private func retained(_ text: String) -> UnsafeMutablePointer<CChar> {
        let bytes = Array(text.utf8) + [0]
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 1)
        pointer.copyMemory(from: bytes, byteCount: bytes.count)
        buffers.append((pointer, bytes.count))
        return pointer.assumingMemoryBound(to: CChar.self)
    }

    /// A copy of `data` that lives as long as this list (at least one byte, so never NULL).
    private func retained(_ data: Data) -> UnsafeMutableRawPointer {
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(data.count, 1), alignment: 1)
        data.withUnsafeBytes { if let base = $0.baseAddress { pointer.copyMemory(from: base, byteCount: $0.count) } }
        buffers.append((pointer, max(data.count, 1)))
        return pointer
    }
}
