// DomainTests: the RSA key pool — fresh keys handed out once, refilled in the background, never required.

import Foundation
import ServiceCore
import Storage
import VaultCrypto
import XCTest
@testable import KeyVault

final class KeyVaultKeyPoolTests: XCTestCase {
    private func waitUntil(_ condition: () -> Bool, seconds: Double = 30) {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    }

    func testWarmSizesFillAndEveryKeyIsHandedOutOnce() throws {
        let pool = RSAKeyPool(depth: 2)
        XCTAssertNil(pool.take(bits: 2048))                                        // not started: nothing, never blocks
        pool.start()
        waitUntil { pool.available(bits: 2048) == 2 }
        XCTAssertEqual(pool.available(bits: 2048), 2)
        XCTAssertEqual(pool.available(bits: 3072), 0)                              // cold until asked for
        var moduli: Set<Data> = []
        for _ in 0..<4 {
            let key = try pool.take(bits: 2048) ?? RSAKey.generate(bits: 2048)
            XCTAssertEqual(key.bits, 2048)
            XCTAssertEqual(key.publicExponent, Data([1, 0, 1]))
            moduli.insert(key.modulus)
        }
        XCTAssertEqual(moduli.count, 4)
        XCTAssertNil(pool.take(bits: 1024))                                        // a size it does not serve
        pool.stop()
        XCTAssertEqual(pool.available(bits: 2048), 0)
        XCTAssertNil(pool.take(bits: 2048))
    }

    func testDepthZeroIsOffAndCreatesStillWork() throws {
        let pool = RSAKeyPool(depth: 0)
        pool.start()
        XCTAssertNil(pool.take(bits: 2048))
        XCTAssertEqual(pool.available(bits: 2048), 0)
    }

    func testCreateAndRotateTakeFromThePoolAndKeysStayDistinct() throws {
        let database = try Database.inMemory()
        defer { try? database.close() }
        try database.migrate(KeyVaultService.migrations)
        let pool = RSAKeyPool(depth: 3)
        pool.start()
        defer { pool.stop() }
        waitUntil { pool.available(bits: 2048) == 3 }
        let service = KeyVaultService(database: database, clock: AdjustableClock(frozenAt: Date(unixSeconds: KeyVaultHarness.start)), keyPool: pool)
        let create = try XCTUnwrap(KeyVaultService.operations.first { $0.name == "createKey" })
        let rotate = try XCTUnwrap(KeyVaultService.operations.first { $0.name == "rotateKey" })
        func call(_ operation: KeyOperation, _ name: String) throws -> String {
            let context = OperationContext(principal: nil, now: Date(unixSeconds: KeyVaultHarness.start), requestId: "r", clientAddress: "127.0.0.1",
                                           origin: KeyVaultHarness.origin, apiVersion: "7.6")
            let request = ServiceRequest(method: "POST", parameters: ["name": name], query: [:], body: Data(#"{"kty":"RSA"}"#.utf8), context: context)
            let body = try XCTUnwrap(try operation.handler(service, request, KeyVaultHarness.standardVault).body)
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            return try XCTUnwrap(try object(json["key"])["n"] as? String)
        }
        let first = try call(create, "a")
        XCTAssertLessThan(pool.available(bits: 2048), 3)                           // taken, refilling in the background
        let moduli = [first, try call(create, "b"), try call(rotate, "a"), try call(create, "c")]
        XCTAssertEqual(Set(moduli).count, 4)
        waitUntil { pool.available(bits: 2048) == 3 }
        XCTAssertEqual(pool.available(bits: 2048), 3)
    }
}
