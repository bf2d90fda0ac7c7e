// DomainTests: release, get random bytes and key attestation, answered as a key vault answers them.

import Foundation
import ServiceCore
import XCTest
@testable import KeyVault

final class KeyVaultReleaseTests: XCTestCase {
    func testReleaseChecksTheKeyThenTheBodyThenRefusesANonExportableKey() throws {
        let harness = try KeyVaultHarness()
        XCTAssertEqual(harness.error("POST", "/keys/k1//release", ["target": "eyJ.a.b"])?.code, "KeyNotFound")
        try harness.create("k1", ["kty": "RSA"])
        XCTAssertEqual(harness.error("POST", "/keys/k1//release", [:])?.message, "The required property 'target' is missing.")
        XCTAssertEqual(harness.error("POST", "/keys/k1//release", ["target": ""])?.code, "BadParameter")
        XCTAssertEqual(harness.error("POST", "/keys/k1/release", ["target": "t", "enc": "AES"])?.message,
                       "The value 'AES' of property 'enc' is not valid. Valid values: CKM_RSA_AES_KEY_WRAP, RSA_AES_KEY_WRAP_256, RSA_AES_KEY_WRAP_384.")
        let refused = harness.error("POST", "/keys/K1//release", ["target": "eyJ.a.b", "enc": "RSA_AES_KEY_WRAP_256", "nonce": "n"])
        XCTAssertEqual(refused?.kind, .badRequest)
        XCTAssertEqual(refused?.code, "BadParameter")
        XCTAssertEqual(refused?.message, "Key k1 is not exportable: only exportable keys with a key release policy (premium vaults) can be released.")
    }

    func testRandomBytesAreRefusedOnAVaultWhateverTheBody() throws {
        let harness = try KeyVaultHarness()
        for body in [["count": 16], ["count": 0], [:]] as [[String: Any]] {
            let error = harness.error("POST", "/rng", body)
            XCTAssertEqual(error?.kind, .badRequest)
            XCTAssertEqual(error?.message, "Get random bytes is only supported by Managed HSM; a key vault does not serve it.")
        }
    }

    func testAttestationExistsFrom76AndAVaultHasNoneToGive() throws {
        let harness = try KeyVaultHarness()
        try harness.create("k1", ["kty": "EC"])
        XCTAssertEqual(harness.error("GET", "/keys/nope/attestation")?.code, "KeyNotFound")
        XCTAssertEqual(harness.error("GET", "/keys/k1/attestation")?.message,
                       "Key attestation is only supported for keys in a Managed HSM; key k1 is in a key vault.")
        XCTAssertThrowsError(try harness.send("GET", "/keys/k1/attestation", apiVersion: "7.5")) { error in
            XCTAssertEqual((error as? ServiceError)?.message,
                           "The operation getKeyAttestation requires api-version 7.6 or later; the request uses 7.5.")
        }
    }
}
