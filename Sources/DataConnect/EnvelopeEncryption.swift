// DataConnect: the drop's envelope: one AES-256 key and IV, RSA-wrapped, and the per-file byte pipelines.

import Compression
import Foundation
import VaultCrypto

/// The symmetric secret of one encrypted drop: a fresh AES-256 key and a fresh 16-byte IV, shared by
/// every file of the drop (one `encryptionKeyDetails.json` per drop carries one key and one IV).
/// Never printed: `description` hides both.
public struct DropEnvelope: Sendable, CustomStringConvertible {
    public static let keyLength = 32
    public static let ivLength = 16

    public let key: Data
    public let iv: Data

    /// A new key and IV from the operating system's secure generator.
    public static func fresh() -> DropEnvelope {
        DropEnvelope(key: SecureRandom.bytes(keyLength), iv: SecureRandom.bytes(ivLength))
    }

    public init(key: Data, iv: Data) {
        self.key = key
        self.iv = iv
    }

    /// RSA-encrypts the raw 32 key bytes with the tenant's public key (our choice: raw bytes, not text).
    public func wrapKey(with publicKey: RSAKey, algorithm: KeyWrapAlgorithm) throws -> Data {
        do {
            return try publicKey.encrypt(key, padding: algorithm.padding)
        } catch let error as CryptoError {
            throw DataConnectError(.runFailed, "wrapping the AES key with \(algorithm.rawValue) failed: \(error.reason)")
        }
    }

    public var description: String { "DropEnvelope(AES-256 key and IV hidden)" }
}

/// Plaintext JSON lines in, file bytes out: `AES-256-CBC/PKCS7(gzip(plaintext))` when an envelope is
/// given, the plaintext unchanged otherwise (a clear drop is plain JSON lines, not gzip).
final class EnvelopeEncoder {
    private let compressor: GzipCompressor?
    private let cipher: AESCBCStream?

    init(envelope: DropEnvelope?) throws {
        guard let envelope else { compressor = nil; cipher = nil; return }
        do {
            compressor = try GzipCompressor()
            cipher = try AESCBCStream(encryptingWithKey: envelope.key, iv: envelope.iv)
        } catch let error as CompressionError {
            throw DataConnectError(.runFailed, "starting gzip failed: \(error.reason)")
        } catch let error as CryptoError {
            throw DataConnectError(.runFailed, "starting AES-256-CBC failed: \(error.reason)")
        }
    }

    func update(_ plaintext: Data) throws -> Data {
        guard let compressor, let cipher else { return plaintext }
        return try EnvelopeEncoder.translating { try cipher.update(try compressor.update(plaintext)) }
    }

    func finish() throws -> Data {
        guard let compressor, let cipher else { return Data() }
        return try EnvelopeEncoder.translating {
            var out = try cipher.update(try compressor.finish())
            out.append(try cipher.finish())
            return out
        }
    }

    private static func translating(_ body: () throws -> Data) throws -> Data {
        do {
            return try body()
        } catch let error as CompressionError {
            throw DataConnectError(.runFailed, "gzip failed: \(error.reason)")
        } catch let error as CryptoError {
            throw DataConnectError(.runFailed, "AES-256-CBC encryption failed: \(error.reason)")
        }
    }
}

/// File bytes in, plaintext out: the inverse of `EnvelopeEncoder`. Failures (wrong key, bad padding,
/// corrupt gzip) are `verificationFailed`, naming `fileName`.
final class EnvelopeDecoder {
    private let cipher: AESCBCStream?
    private let decompressor: GzipDecompressor?
    private let fileName: String

    init(envelope: DropEnvelope?, fileName: String) throws {
        self.fileName = fileName
        guard let envelope else { cipher = nil; decompressor = nil; return }
        do {
            cipher = try AESCBCStream(decryptingWithKey: envelope.key, iv: envelope.iv)
            decompressor = try GzipDecompressor()
        } catch {
            throw DataConnectError(.verificationFailed, "\(fileName): cannot start AES-256-CBC and gunzip (is the key 32 bytes and the IV 16?)")
        }
    }

    func update(_ bytes: Data) throws -> Data {
        guard let cipher, let decompressor else { return bytes }
        return try translating { try decompressor.update(try cipher.update(bytes)) }
    }

    func finish() throws -> Data {
        guard let cipher, let decompressor else { return Data() }
        return try translating {
            var out = try decompressor.update(try cipher.finish())
            out.append(try decompressor.finish())
            return out
        }
    }

    private func translating(_ body: () throws -> Data) throws -> Data {
        do {
            return try body()
        } catch let error as CryptoError {
            throw DataConnectError(.verificationFailed, "\(fileName) does not decrypt with the drop's AES key and IV: \(error.reason)")
        } catch let error as CompressionError {
            throw DataConnectError(.verificationFailed, "\(fileName) decrypts but is not valid gzip: \(error.reason)")
        }
    }
}
