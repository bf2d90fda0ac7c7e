// VaultCrypto: builds OSSL_PARAM arrays for EVP_PKEY_fromdata.

import COpenSSL
import Foundation

/// Collects key components and turns them into an owned `OSSL_PARAM` array.
///
/// The BIGNUMs pushed into the builder must outlive `OSSL_PARAM_BLD_to_param`; this type keeps
/// them alive until it is released, and wipes secret ones (`BigNumber(secret: true)`).
final class ParameterList {
    private let builder: OpaquePointer
    private var numbers: [BigNumber] = []
    private var built: UnsafeMutablePointer<OSSL_PARAM>?

    init() throws {
        builder = try OpenSSLErrorQueue.unwrap(OSSL_PARAM_BLD_new(), .operationFailed, "OSSL_PARAM_BLD_new")
    }

    deinit {
        // OSSL_PARAM_free clears and frees the array; OSSL_PARAM_BLD_free frees the builder.
        if let built { OSSL_PARAM_free(built) }
        OSSL_PARAM_BLD_free(builder)
    }

    /// Adds an unsigned big-endian integer parameter such as OSSL_PKEY_PARAM_RSA_N.
    func addInteger(_ name: String, _ bytes: Data, secret: Bool) throws {
        let number = try BigNumber(unsignedBigEndian: bytes, secret: secret)
        numbers.append(number)
        // OSSL_PARAM_BLD_push_BN keeps a reference to `name` only until to_param, and copies the value then.
        try OpenSSLErrorQueue.check(OSSL_PARAM_BLD_push_BN(builder, name, number.pointer), .operationFailed, "OSSL_PARAM_BLD_push_BN")
    }

    /// Adds a UTF-8 string parameter such as OSSL_PKEY_PARAM_GROUP_NAME.
    func addString(_ name: String, _ value: String) throws {
        // push_utf8_string copies the string (length 0 = use strlen).
        try OpenSSLErrorQueue.check(OSSL_PARAM_BLD_push_utf8_string(builder, name, value, 0), .operationFailed,
                                    "OSSL_PARAM_BLD_push_utf8_string")
    }

    /// Adds an octet string parameter such as OSSL_PKEY_PARAM_PUB_KEY.
    func addOctets(_ name: String, _ value: Data) throws {
        let result = value.withUnsafeBytes { OSSL_PARAM_BLD_push_octet_string(builder, name, $0.baseAddress, $0.count) }
        try OpenSSLErrorQueue.check(result, .operationFailed, "OSSL_PARAM_BLD_push_octet_string")
    }

    /// Lends the finished array (built once, on first use).
    func withPointer<T>(_ body: (UnsafeMutablePointer<OSSL_PARAM>) throws -> T) throws -> T {
        if built == nil {
            built = try OpenSSLErrorQueue.unwrap(OSSL_PARAM_BLD_to_param(builder), .operationFailed, "OSSL_PARAM_BLD_to_param")
        }
        return try body(built!)
    }
}
