// DataConnect: incremental SHA-256 for hashing files while they stream.

import Foundation
import VaultCrypto

/// SHA-256 fed chunk by chunk, so a file's plaintext hash needs no second pass and no full copy in
/// memory; OpenSSL's implementation through VaultCrypto's `DigestStream`.
///
/// ```swift
/// let hasher = StreamingSHA256()
/// hasher.update(Data("ab".utf8)); hasher.update(Data("c".utf8))
/// hasher.finalizeHex()   // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public final class StreamingSHA256 {
    private let digest: DigestStream

    public init() {
        do {
            digest = try DigestStream(.sha256)
        } catch {
            // Only an allocation failure inside OpenSSL gets here.
            fatalError("cannot start SHA-256: \(error)")
        }
    }

    public func update(_ data: Data) {
        digest.update(data)
    }

    /// The 32-byte digest (the hasher is consumed: call once).
    public func finalize() -> Data {
        digest.finish()
    }

    /// The digest as lower-case hex.
    public func finalizeHex() -> String {
        TextEncoding.hex(finalize())
    }
}
