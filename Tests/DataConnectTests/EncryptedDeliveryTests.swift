// DataConnectTests: an encrypted drop end to end with a local RSA-2048 key standing in for the vault.

import Compression
import Foundation
import VaultCrypto
import XCTest
@testable import DataConnect

/// A vault holding one RSA key: serves its public JWK and decrypts with its private half.
final class LocalKeyVault: @unchecked Sendable {
    let key: RSAKey
    let transport: ScriptedTransport

    init(key: RSAKey) {
        self.key = key
        let n = Base64URL.encode(key.modulus), e = Base64URL.encode(key.publicExponent)
        transport = CannedVault.transport { request in
            if request.method == "GET" { return CannedVault.json(200, CannedVault.keyBundle(n: n, e: e)) }
            guard request.url.hasSuffix("/decrypt?api-version=7.4"),
                  let body = try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: String],
                  let alg = body["alg"].flatMap(KeyWrapAlgorithm.init(rawValue:)),
                  let value = body["value"].flatMap(Base64URL.decode) else {
                return CannedVault.azureError(400, code: "BadParameter", inner: nil)
            }
            let plaintext = try key.decrypt(value, padding: alg.padding)
            return CannedVault.json(200, ["kid": "\(TestConnection.vault)/keys/\(TestConnection.tenantId)/\(TestConnection.keyVersion)",
                                          "value": Base64URL.encode(plaintext)])
        }
    }
}

final class EncryptedDeliveryTests: XCTestCase {
    /// One RSA-2048 key for the whole class (generation takes a while).
    nonisolated(unsafe) static var sharedKey: RSAKey?

    private func vault() throws -> LocalKeyVault {
        if Self.sharedKey == nil { Self.sharedKey = try RSAKey.generate(bits: 2048) }
        return LocalKeyVault(key: try XCTUnwrap(Self.sharedKey))
    }

    private func deliver(_ directory: URL, vault: LocalKeyVault, algorithm: KeyWrapAlgorithm = .default,
                         rows: Int = 40, files: Int = 3) throws -> DeliveryResult {
        var options = DeliveryOptions(connectionPath: try TestConnection.write(into: directory), appId: TestConnection.appId,
                                      vaultURL: TestConnection.vault, dataset: "BasicDataSet_v0.Message_v1",
                                      destination: directory.appendingPathComponent("drops").path)
        options.seed = 77
        options.rows = rows
        options.files = files
        options.wrapAlgorithm = algorithm
        options.requireEncryption = true
        options.fixturesDirectory = TestPaths.fixtures.path
        let transport = vault.transport
        return try DeliveryRun(options: options, console: RecordingConsole(), transport: { _ in transport }).run()
    }

    /// The plaintext of one file, decrypted and gunzipped with VaultCrypto and Compression directly.
    private func open(_ url: URL, key: Data, iv: Data) throws -> Data {
        let cipher = try AESCBCStream(decryptingWithKey: key, iv: iv)
        var compressed = try cipher.update(try Data(contentsOf: url))
        compressed.append(try cipher.finish())
        let gunzip = try GzipDecompressor()
        var plaintext = try gunzip.update(compressed)
        plaintext.append(try gunzip.finish())
        return plaintext
    }

    func testEncryptedDropUnwrapsAndDecryptsToTheHashedPlaintext() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let vault = try vault()
        let result = try deliver(directory, vault: vault)
        let report = result.report
        XCTAssertEqual(report.status, .succeeded)
        XCTAssertTrue(report.encrypted)
        XCTAssertEqual(report.keyId, "\(TestConnection.vault)/keys/\(TestConnection.tenantId)/\(TestConnection.keyVersion)")
        XCTAssertEqual(report.wrapAlgorithm, "RSA-OAEP-256")
        XCTAssertEqual(report.cipher, "AES-256-CBC/PKCS7")
        XCTAssertEqual(report.compression, "gzip")
        XCTAssertEqual(report.warnings, [])
        XCTAssertEqual(report.files.map(\.rows), [14, 13, 13])

        // encryptionKeyDetails.json: exactly the documented keys; 344 Base64 characters for RSA-2048.
        let detailsURL = result.drop.appendingPathComponent("metadata/MoreMetadata/EncryptedDatasets/encryptionKeyDetails.json")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: detailsURL)) as? [String: Any])
        XCTAssertEqual(Array(object.keys), ["DecryptionKeyDetails"])
        let details = try XCTUnwrap(object["DecryptionKeyDetails"] as? [String: String])
        XCTAssertEqual(details.keys.sorted(), ["DecryptionKeyIV", "DecryptionKeyValue", "PublicKeyVersion"])
        XCTAssertEqual(details["PublicKeyVersion"], TestConnection.keyVersion)
        let value = try XCTUnwrap(details["DecryptionKeyValue"])
        XCTAssertEqual(value.count, 344)
        XCTAssertTrue(value.hasSuffix("=="), "standard padded Base64")
        let ivText = try XCTUnwrap(details["DecryptionKeyIV"])
        XCTAssertEqual(ivText.count, 24)

        // The customer's unwrap (here with the private key) gives the AES key that opens every file.
        let aesKey = try vault.key.decrypt(try XCTUnwrap(Data(base64Encoded: value)), padding: .oaepSHA256)
        XCTAssertEqual(aesKey.count, 32)
        let iv = try XCTUnwrap(Data(base64Encoded: ivText))
        for entry in report.files {
            let url = result.drop.appendingPathComponent(entry.name)
            let raw = try Data(contentsOf: url)
            XCTAssertEqual(raw.count % 16, 0, "whole AES blocks")
            XCTAssertNotEqual(Array(raw.prefix(2)), [0x1f, 0x8b], "gzip is inside the encryption, not outside")
            let plaintext = try open(url, key: aesKey, iv: iv)
            XCTAssertEqual(HexDigest.sha256(plaintext), entry.plaintextSha256)
            XCTAssertEqual(plaintext.split(separator: 0x0A).count, entry.rows)
            XCTAssertEqual(plaintext.last, 0x0A)
        }

        // The same bytes as a clear drop of the same seed: encryption wraps, never changes, the rows.
        let clear = try XCTUnwrap(try rowsOfSeed77(files: 3).first)
        XCTAssertEqual(HexDigest.sha256(clear), report.files[0].plaintextSha256)
    }

    /// The documented shell recipe: `openssl enc -d -aes-256-cbc -K <hex> -iv <hex>` then `gzip -dc`.
    func testOpensslAndGzipCommandLineToolsOpenTheFiles() throws {
        let directory = try TestPaths.temporaryDirectory(self)
        let vault = try vault()
        let result = try deliver(directory, vault: vault, rows: 12, files: 2)
        let details = try JSONDecoder().decode(EncryptionKeyDetails.self, from: Data(contentsOf: result.drop.appendingPathComponent(EncryptionKeyDetails.relativePath))).DecryptionKeyDetails
        let aesKey = try vault.key.decrypt(try XCTUnwrap(Data(base64Encoded: details.DecryptionKeyValue)), padding: .oaepSHA256)
        let iv = try XCTUnwrap(Data(base64Encoded: details.DecryptionKeyIV))
        for entry in result.report.files {
            let path = result.drop.appendingPathComponent(entry.name).path
            let output = try shell("openssl enc -d -aes-256-cbc -K \(HexDigest.hex(aesKey)) -iv \(HexDigest.hex(iv)) -in '\(path)' | gzip -dc")
            XCTAssertEqual(HexDigest.sha256(output), entry.plaintextSha256, entry.name)
        }
    }

    /// The documented Python recipe (the `cryptography` package) decrypts the drop too.
    func testPythonCryptographyRecipeOpensTheDrop() throws {
        try XCTSkipUnless((try? shell("python3 -c 'import cryptography'")) != nil, "python3 with cryptography is not installed")
        let directory = try TestPaths.temporaryDirectory(self)
        let vault = try vault()
        let result = try deliver(directory, vault: vault, rows: 9, files: 2)
        let keyFile = directory.appendingPathComponent("private.der")
        try vault.key.pkcs8DER().write(to: keyFile)
        let script = """
            import base64, gzip, hashlib, json, sys
            from cryptography.hazmat.primitives import hashes, padding, serialization
            from cryptography.hazmat.primitives.asymmetric import padding as rsa_padding
            from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
            drop, key_file = sys.argv[1], sys.argv[2]
            details = json.load(open(drop + "/metadata/MoreMetadata/EncryptedDatasets/encryptionKeyDetails.json"))["DecryptionKeyDetails"]
            run = json.load(open(drop + "/metadata/run.json"))
            private = serialization.load_der_private_key(open(key_file, "rb").read(), password=None)
            oaep = rsa_padding.OAEP(mgf=rsa_padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
            aes_key = private.decrypt(base64.b64decode(details["DecryptionKeyValue"]), oaep)
            iv = base64.b64decode(details["DecryptionKeyIV"])
            for entry in run["files"]:
                decryptor = Cipher(algorithms.AES(aes_key), modes.CBC(iv)).decryptor()
                padded = decryptor.update(open(drop + "/" + entry["name"], "rb").read()) + decryptor.finalize()
                unpadder = padding.PKCS7(128).unpadder()
                plaintext = gzip.decompress(unpadder.update(padded) + unpadder.finalize())
                assert hashlib.sha256(plaintext).hexdigest() == entry["plaintextSha256"], entry["name"]
                assert plaintext.count(b"\\n") == entry["rows"]
            print("ok", len(run["files"]))
            """
        let scriptFile = directory.appendingPathComponent("recipe.py")
        try Data(script.utf8).write(to: scriptFile)
        let output = try shell("python3 '\(scriptFile.path)' '\(result.drop.path)' '\(keyFile.path)'")
        XCTAssertEqual(String(decoding: output, as: UTF8.self), "ok 2\n")
    }

    func testEveryWrapAlgorithmUnwrapsWithItsPadding() throws {
        let vault = try vault()
        for algorithm in KeyWrapAlgorithm.allCases {
            let directory = try TestPaths.temporaryDirectory(self)
            let result = try deliver(directory, vault: vault, algorithm: algorithm, rows: 3, files: 1)
            XCTAssertEqual(result.report.wrapAlgorithm, algorithm.rawValue)
            let details = try JSONDecoder().decode(EncryptionKeyDetails.self, from: Data(contentsOf: result.drop.appendingPathComponent(EncryptionKeyDetails.relativePath))).DecryptionKeyDetails
            let wrapped = try XCTUnwrap(Data(base64Encoded: details.DecryptionKeyValue))
            XCTAssertEqual(try vault.key.decrypt(wrapped, padding: algorithm.padding).count, 32, algorithm.rawValue)
        }
    }

    func testTwoRunsUseFreshKeysIVsAndRunIds() throws {
        let vault = try vault()
        let first = try deliver(try TestPaths.temporaryDirectory(self), vault: vault, rows: 2, files: 1)
        let second = try deliver(try TestPaths.temporaryDirectory(self), vault: vault, rows: 2, files: 1)
        XCTAssertNotEqual(first.report.runId, second.report.runId)
        XCTAssertEqual(first.report.files, second.report.files, "same seed: same names, rows and plaintext")
        let read = { (result: DeliveryResult) in
            try JSONDecoder().decode(EncryptionKeyDetails.self, from: Data(contentsOf: result.drop.appendingPathComponent(EncryptionKeyDetails.relativePath))).DecryptionKeyDetails
        }
        XCTAssertNotEqual(try read(first).DecryptionKeyIV, try read(second).DecryptionKeyIV)
        XCTAssertNotEqual(try vault.key.decrypt(Data(base64Encoded: try read(first).DecryptionKeyValue)!, padding: .oaepSHA256),
                          try vault.key.decrypt(Data(base64Encoded: try read(second).DecryptionKeyValue)!, padding: .oaepSHA256))
        XCTAssertNotEqual(try Data(contentsOf: first.drop.appendingPathComponent(first.report.files[0].name)),
                          try Data(contentsOf: second.drop.appendingPathComponent(second.report.files[0].name)))
    }

    /// Plaintext of the first file of a clear delivery of seed 77 (40 rows).
    private func rowsOfSeed77(files: Int) throws -> [Data] {
        let tenant = try TestConnection.tenant(seed: 77)
        let dataset = try DatasetCatalog.lookup(MessageV1Schema.name)
        return DatasetPartition.split(rows: 40, files: files).map { partition in
            var iterator = dataset.makeRows(tenant, 77, partition)
            var data = Data()
            while let row = iterator.next() { data.append(row.serialized()); data.append(0x0A) }
            return data
        }
    }
}

/// Runs `/bin/sh -c command`; returns stdout, throws on a non-zero exit.
func shell(_ command: String) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw DataConnectError(.runFailed, "\(command.prefix(40))... exited \(process.terminationStatus)")
    }
    return data
}
