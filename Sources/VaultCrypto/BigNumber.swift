// VaultCrypto: the owner of one OpenSSL BIGNUM.

import COpenSSL
import Foundation

/// Owns one `BIGNUM`. Secret values (private exponents, primes, EC scalars) are created with
/// `secret: true` and are wiped with `BN_clear_free` when released.
final class BigNumber {
    let pointer: OpaquePointer
    private let secret: Bool

    /// Adopts a `BIGNUM` this object alone will free.
    init(takingOwnershipOf pointer: OpaquePointer, secret: Bool) {
        self.pointer = pointer
        self.secret = secret
    }

    /// A BIGNUM holding the unsigned big-endian integer in `bytes`.
    convenience init(unsignedBigEndian bytes: Data, secret: Bool) throws {
        // BN_bin2bn with a NULL `ret` allocates a new BIGNUM; an empty input yields zero.
        let created = bytes.withUnsafeBytes { buffer in
            BN_bin2bn(buffer.bindMemory(to: UInt8.self).baseAddress, Int32(buffer.count), nil)
        }
        let pointer = try OpenSSLErrorQueue.unwrap(created, .operationFailed, "BN_bin2bn")
        self.init(takingOwnershipOf: pointer, secret: secret)
    }

    /// A BIGNUM holding a small non-negative integer.
    convenience init(word: UInt) throws {
        let pointer = try OpenSSLErrorQueue.unwrap(BN_new(), .operationFailed, "BN_new")
        self.init(takingOwnershipOf: pointer, secret: false)
        try OpenSSLErrorQueue.check(BN_set_word(pointer, word), .operationFailed, "BN_set_word")
    }

    deinit {
        if secret { BN_clear_free(pointer) } else { BN_free(pointer) }
    }

    /// Number of significant bits (0 for zero).
    var bitCount: Int { Int(BN_num_bits(pointer)) }

    /// Minimal unsigned big-endian bytes: no leading zero byte; zero encodes as one 0x00 byte.
    var minimalBytes: Data {
        let count = Int((BN_num_bits(pointer) + 7) / 8)
        if count == 0 { return Data([0]) }
        var data = Data(count: count)
        // BN_bn2bin writes exactly BN_num_bytes(a) bytes, big-endian, ignoring the sign.
        data.withUnsafeMutableBytes { _ = BN_bn2bin(pointer, $0.bindMemory(to: UInt8.self).baseAddress) }
        return data
    }

    /// Big-endian bytes left-padded with zeros to exactly `width`; throws if the value is wider.
    func bytes(paddedTo width: Int) throws -> Data {
        var data = Data(count: width)
        // BN_bn2binpad returns -1 when the value does not fit in `tolen` bytes.
        let written = data.withUnsafeMutableBytes {
            BN_bn2binpad(pointer, $0.bindMemory(to: UInt8.self).baseAddress, Int32(width))
        }
        guard written == Int32(width) else {
            throw CryptoError(.invalidInput, "integer does not fit in \(width) bytes")
        }
        return data
    }
}
