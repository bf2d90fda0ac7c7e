// DataConnectTests: the tenant-key checks accept a proper RSA-2048 key and name each failed check.

import Foundation
import VaultCrypto
import XCTest
@testable import DataConnect

final class KeyRequirementsTests: XCTestCase {
    nonisolated(unsafe) static var key2048: RSAKey?
    static let now = Date(timeIntervalSince1970: 1_750_000_000)

    private func modulus2048() throws -> Data {
        if Self.key2048 == nil { Self.key2048 = try RSAKey.generate(bits: 2048) }
        return try XCTUnwrap(Self.key2048).modulus
    }

    private func bundle(kty: String = "RSA", n: Data? = nil, enabled: Bool? = true, nbf: Int64? = nil,
                        exp: Int64? = 1_800_000_000) throws -> VaultKeyBundle {
        let object = CannedVault.keyBundle(kty: kty, n: Base64URL.encode(try n ?? modulus2048()), enabled: enabled, nbf: nbf, exp: exp)
        return try JSONDecoder().decode(VaultKeyBundle.self, from: JSONSerialization.data(withJSONObject: object))
    }

    private func violation(_ bundle: VaultKeyBundle) -> KeyRequirementViolation? {
        do {
            _ = try KeyRequirements.check(bundle, now: Self.now)
            XCTFail("expected a violation")
        } catch let violation as KeyRequirementViolation {
            return violation
        } catch {
            XCTFail("unexpected \(error)")
        }
        return nil
    }

    func testAProperKeyPassesAndEncryptsWithThePublicHalf() throws {
        let key = try KeyRequirements.check(try bundle(), now: Self.now)
        XCTAssertEqual(key.identifier.version, TestConnection.keyVersion)
        XCTAssertEqual(key.identifier.name, TestConnection.tenantId)
        XCTAssertEqual(key.publicKey.bits, 2048)
        XCTAssertFalse(key.publicKey.hasPrivateKey)
        let secret = Data(repeating: 7, count: 32)
        let wrapped = try key.publicKey.encrypt(secret, padding: .oaepSHA256)
        XCTAssertEqual(try XCTUnwrap(Self.key2048).decrypt(wrapped, padding: .oaepSHA256), secret)
        XCTAssertNoThrow(try KeyRequirements.check(try bundle(kty: "RSA-HSM"), now: Self.now))
        XCTAssertNoThrow(try KeyRequirements.check(try bundle(n: Data([0]) + modulus2048()), now: Self.now), "a leading zero byte is not a size")
    }

    func testEachFailedCheckIsNamed() throws {
        var big = Data([0xC1]) + Data(repeating: 0x5A, count: 382) + Data([0x01])   // 384 bytes = 3072 bits
        XCTAssertEqual(big.count, 384)
        XCTAssertEqual(violation(try bundle(n: big)), .wrongSize(bits: 3072))
        big = Data([0x01]) + Data(repeating: 0x5A, count: 255)
        XCTAssertEqual(violation(try bundle(n: big)), .wrongSize(bits: 2041))
        XCTAssertEqual(violation(try bundle(exp: nil)), .missingExpiry)
        XCTAssertEqual(violation(try bundle(enabled: false)), .disabled)
        XCTAssertEqual(violation(try bundle(exp: 1_700_000_000)), .expired(expiry: 1_700_000_000))
        XCTAssertEqual(violation(try bundle(exp: 1_750_000_000)), .expired(expiry: 1_750_000_000), "exp itself is already expired")
        XCTAssertEqual(violation(try bundle(nbf: 1_750_000_001)), .notYetValid(notBefore: 1_750_000_001))
        XCTAssertNoThrow(try KeyRequirements.check(try bundle(nbf: 1_750_000_000), now: Self.now), "nbf itself is valid")

        let ec = try JSONDecoder().decode(VaultKeyBundle.self, from: Data("""
            {"key":{"kid":"\(TestConnection.vault)/keys/\(TestConnection.tenantId)/\(TestConnection.keyVersion)","kty":"EC","crv":"P-256","x":"AA","y":"AA"},
             "attributes":{"enabled":true,"exp":1800000000}}
            """.utf8))
        XCTAssertEqual(violation(ec), .notRSA(keyType: "EC"))
        let noKid = try JSONDecoder().decode(VaultKeyBundle.self, from: Data(#"{"key":{"kty":"RSA","n":"AQAB","e":"AQAB"}}"#.utf8))
        XCTAssertEqual(violation(noKid)?.check, "public key")
    }

    func testViolationsReadAsSentences() {
        XCTAssertEqual(KeyRequirementViolation.wrongSize(bits: 3072).description, "the key is 3072 bits, not 2048")
        XCTAssertEqual(KeyRequirementViolation.notRSA(keyType: "EC").description, "the key type is EC, not RSA")
        XCTAssertEqual(KeyRequirementViolation.expired(expiry: 1_700_000_000).description, "the key expired at 2023-11-14T22:13:20Z")
        XCTAssertEqual(KeyRequirementViolation.notYetValid(notBefore: 0).description, "the key is not valid before 1970-01-01T00:00:00Z")
        XCTAssertEqual(KeyRequirementViolation.missingExpiry.check, "expiration date")
    }
}
