// DataConnectTests: SHA-256 hex through VaultCrypto (independent of DataConnect's streaming hasher).

import Foundation
import VaultCrypto

enum HexDigest {
    static func sha256(_ data: Data) -> String {
        HashAlgorithm.sha256.hash(data).map { String(format: "%02x", $0) }.joined()
    }

    static func hex(_ data: Data) -> String {
        data.map { String(format: "%02x", $0) }.joined()
    }
}
