// Identity: how client secrets are kept: salted HMAC-SHA256, compared in constant time.

import Foundation
import VaultCrypto

/// Client secrets are never stored: only a random salt and HMAC-SHA256(salt, secret).
enum ClientSecretHash {
    static func make(_ secret: String) -> (salt: Data, hash: Data) {
        let salt = SecureRandom.bytes(16)
        return (salt, HMACSHA256.authenticate(Data(secret.utf8), key: salt))
    }

    static func matches(_ secret: String, salt: Data, hash: Data) -> Bool {
        constantTimeEquals(HMACSHA256.authenticate(Data(secret.utf8), key: salt), hash)
    }
}
