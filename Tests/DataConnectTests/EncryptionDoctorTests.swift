// DataConnectTests: the doctor finds each missing portal step on its own (MG1-MG8), with canned ARM and vault answers.

import Foundation
import VaultCrypto
import XCTest
@testable import DataConnect

/// A tenant set up as the walkthrough leaves it; each test breaks one thing.
struct DoctorWorld {
    static let subscription = "0b7e2c4d-6f8a-4b1c-9d3e-5a7c9e1b3d50"
    static let vaultId = "/subscriptions/\(subscription)/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1"
    static let appObjectId = "d2d2d2d2-0000-4000-8000-0000000000d2"
    static let cryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424"

    var registration = true
    var encryptionEnabled = true
    var rbac = true
    var publicNetworkAccess = "Enabled"
    var defaultAction = "Allow"
    var assignments: [(role: String, scope: String, principal: String)] = [(cryptoUser, vaultId, appObjectId)]
    /// The key answer; nil: 404 KeyNotFound.
    var key: [String: Any]? = CannedVault.keyBundle(n: DoctorWorld.modulus2048)
    /// A vault error for the admin (e.g. ForbiddenByConnection) instead of the key.
    var keyRefusal: (Int, String, String?)?

    static let modulus2048: String = Base64URL.encode(Data([0xC0]) + Data(repeating: 0x11, count: 255))
    static let modulus3072: String = Base64URL.encode(Data([0xC0]) + Data(repeating: 0x11, count: 383))

    func transport() -> ScriptedTransport {
        let keyAnswer = key.map { CannedVault.json(200, $0) } ?? CannedVault.azureError(404, code: "KeyNotFound", inner: nil, message: "A key with (name/id) x was not found.")
        let refusal = keyRefusal.map { CannedVault.azureError($0.0, code: $0.1, inner: $0.2) }
        let encryption: [String: Any] = encryptionEnabled ? ["enabled": true, "keyVaultUri": TestConnection.vault + "/"] : ["enabled": false]
        let properties: [String: Any] = ["revision": 2, "encryption": encryption,
                                         "authorization": ["status": "Approved", "expiresAt": "2026-06-30T00:00:00Z"]]
        let registrationAnswer = CannedVault.json(200, ["id": CannedRegistry.registrationId, "properties": properties] as [String: Any])
        let vaultProperties: [String: Any] = ["enableRbacAuthorization": rbac, "publicNetworkAccess": publicNetworkAccess,
                                              "networkAcls": ["defaultAction": defaultAction]]
        let vaults = CannedVault.json(200, ["value": [["id": Self.vaultId, "name": "kv1", "properties": vaultProperties] as [String: Any]]])
        let roleEntries: [[String: Any]] = assignments.map { assignment in
            ["properties": ["roleDefinitionId": "/subscriptions/\(Self.subscription)/providers/Microsoft.Authorization/roleDefinitions/\(assignment.role)",
                            "principalId": assignment.principal, "scope": assignment.scope]]
        }
        let roleList = CannedVault.json(200, ["value": roleEntries])
        let hasRegistration = registration
        let versions = CannedVault.json(200, ["value": key.map { [["kid": ($0["key"] as? [String: Any])?["kid"] ?? "", "attributes": $0["attributes"] ?? [:]]] } ?? []])
        return ScriptedTransport { request in
            let url = request.url
            if url.hasSuffix("/oauth2/v2.0/token") { return CannedVault.tokenResponse() }
            guard request.header("Authorization") == "Bearer \(CannedVault.token)" else { return CannedVault.unauthorized() }
            if url.hasPrefix(CannedRegistry.management) {
                if url.contains("/providers/Microsoft.DataConnect/registrations/") {
                    return hasRegistration ? registrationAnswer
                        : CannedVault.azureError(404, code: "AppRegistrationNotFound", inner: nil, message: "App registration not found. It is possible someone deleted this app.")
                }
                if url.contains("/providers/Microsoft.KeyVault/vaults?") { return vaults }
                if url.contains("\(Self.vaultId)/providers/Microsoft.Authorization/roleAssignments?") {
                    XCTAssertTrue(url.hasSuffix("&$filter=principalId%20eq%20%27\(Self.appObjectId)%27"), url)
                    return roleList
                }
                return CannedVault.azureError(404, code: "NotFound", inner: nil)
            }
            if let refusal { return refusal }
            return url.contains("/versions?") ? versions : keyAnswer
        }
    }
}

final class EncryptionDoctorTests: XCTestCase {
    private func doctor(_ world: DoctorWorld, vault: String? = nil) throws -> (DoctorReport, RecordingConsole, ScriptedTransport) {
        let directory = try TestPaths.temporaryDirectory(self)
        let console = RecordingConsole()
        let transport = world.transport()
        let report = try EncryptionDoctor(connectionPath: try TestConnection.write(into: directory), appId: TestConnection.appId, vaultURL: vault,
                                          console: console, transport: { _ in transport },
                                          now: { Date(timeIntervalSince1970: 1_800_000_000) }).run()
        return (report, console, transport)
    }

    private func verdicts(_ report: DoctorReport) -> [String: RequirementCheck.Verdict] {
        Dictionary(uniqueKeysWithValues: report.checks.map { ($0.id, $0.verdict) })
    }

    func testAWalkthroughSetupPassesEverything() throws {
        let (report, console, transport) = try doctor(DoctorWorld())
        XCTAssertEqual(report.checks.map(\.id), ["MG1", "MG2", "MG3", "MG4", "MG5", "MG6", "MG7", "MG8"])
        XCTAssertTrue(report.allPass, "\(report.checks)")
        XCTAssertEqual(console.steps.last, "all 8 requirements pass")
        XCTAssertTrue(console.steps.contains("PASS MG7 Key Vault Crypto User for the application: Key Vault Crypto User at \(DoctorWorld.vaultId)"))
        // Everything is read as the admin, the customer.
        let tokens = transport.requests.filter { $0.url.hasSuffix("/token") }
        XCTAssertFalse(tokens.isEmpty)
        XCTAssertTrue(tokens.allSatisfy { String(decoding: $0.body ?? Data(), as: UTF8.self).contains("client_id=\(TestConnection.adminId)") })
    }

    /// Each requirement broken alone fails alone, with its portal step.
    func testEachRequirementFailsOnItsOwnWithItsPortalStep() throws {
        var cases: [(String, DoctorWorld, PortalStep)] = []
        var world = DoctorWorld()
        world.key = CannedVault.keyBundle(kty: "EC", n: DoctorWorld.modulus2048)
        cases.append(("MG1", world, .fixKeyProperties(.notRSA(keyType: "EC"))))
        world = DoctorWorld()
        world.key = CannedVault.keyBundle(n: DoctorWorld.modulus3072)
        cases.append(("MG2", world, .fixKeyProperties(.wrongSize(bits: 3072))))
        world = DoctorWorld()
        world.key = CannedVault.keyBundle(n: DoctorWorld.modulus2048, exp: nil)
        cases.append(("MG3", world, .fixKeyProperties(.missingExpiry)))
        world = DoctorWorld()
        world.key = nil
        cases.append(("MG4", world, .generateTenantKey))
        world = DoctorWorld()
        world.rbac = false
        cases.append(("MG5", world, .chooseRBACPermissionModel))
        world = DoctorWorld()
        world.publicNetworkAccess = "Disabled"
        cases.append(("MG6", world, .enablePublicAccess))
        world = DoctorWorld()
        world.defaultAction = "Deny"
        cases.append(("MG6", world, .enablePublicAccess))
        world = DoctorWorld()
        world.assignments = []
        cases.append(("MG7", world, .assignCryptoUserRole))
        world = DoctorWorld()
        world.assignments = [(DoctorWorld.cryptoUser, DoctorWorld.vaultId, "ffffffff-0000-4000-8000-000000000000"),
                             ("acdd72a7-3385-48ef-bd42-f606fba81ae7", DoctorWorld.vaultId, DoctorWorld.appObjectId),        // Reader
                             (DoctorWorld.cryptoUser, "/subscriptions/\(DoctorWorld.subscription)/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv10",
                              DoctorWorld.appObjectId)]                                                                        // a sibling vault
        cases.append(("MG7", world, .assignCryptoUserRole))
        world = DoctorWorld()
        world.encryptionEnabled = false
        cases.append(("MG8", world, .linkVaultInRegistration))

        for (id, world, step) in cases {
            let (report, console, _) = try doctor(world, vault: id == "MG8" ? TestConnection.vault : nil)
            // Only this requirement fails; what depends on it is left unchecked (no key: MG1-MG3; not RSA: MG2).
            XCTAssertEqual(report.checks.filter { $0.verdict == .fail }.map(\.id), [id], "\(id): \(report.checks)")
            let unchecked = report.checks.filter { $0.verdict == .notChecked }.map(\.id)
            XCTAssertEqual(unchecked, id == "MG4" ? ["MG1", "MG2", "MG3"] : (id == "MG1" ? ["MG2"] : []), id)
            XCTAssertEqual(report.check(id)?.verdict, .fail)
            XCTAssertEqual(report.check(id)?.step, step, id)
            XCTAssertTrue(console.steps.contains("     fix: \(step.text)"), "\(id): \(console.steps)")
            XCTAssertTrue(console.steps.contains("     in the portal: \(step.portalWording)"))
        }
    }

    func testAssignmentsAboveTheVaultAndOnTheTenantKeyCount() throws {
        for scope in ["/subscriptions/\(DoctorWorld.subscription)", "/subscriptions/\(DoctorWorld.subscription)/resourceGroups/RG",
                      "\(DoctorWorld.vaultId)/keys/\(TestConnection.tenantId)"] {
            var world = DoctorWorld()
            world.assignments = [("14b46e9e-c2b7-41b4-b07b-48a6ebf60603", scope, DoctorWorld.appObjectId)]
            XCTAssertEqual(try doctor(world).0.check("MG7")?.verdict, .pass, scope)
        }
    }

    func testExpiredDisabledOrNotYetValidKeysFailMG3() throws {
        let versions: [(Bool, Int64?, Int64?, String)] = [
            (false, nil, 1_900_000_000, "the key is disabled"),
            (true, nil, 1_700_000_000, "the key expired at 2023-11-14T22:13:20Z"),
            (true, 1_850_000_000, 1_900_000_000, "the key is not valid before 2028-08-16T00:53:20Z"),
        ]
        for (enabled, nbf, exp, detail) in versions {
            var world = DoctorWorld()
            world.key = CannedVault.keyBundle(n: DoctorWorld.modulus2048, enabled: enabled, nbf: nbf, exp: exp)
            let check = try doctor(world).0.check("MG3")
            XCTAssertEqual(check?.verdict, .fail)
            XCTAssertEqual(check?.detail, detail)
        }
    }

    func testNoRegistrationFailsMG8AndWithoutAVaultNothingElseIsChecked() throws {
        var world = DoctorWorld()
        world.registration = false
        let (report, console, _) = try doctor(world)
        XCTAssertEqual(report.check("MG8")?.verdict, .fail)
        XCTAssertEqual(report.check("MG8")?.detail, "application \(TestConnection.appId) has no Data Connect registration")
        XCTAssertEqual(report.checks.filter { $0.verdict == .notChecked }.map(\.id), ["MG1", "MG2", "MG3", "MG4", "MG5", "MG6", "MG7"])
        XCTAssertEqual(console.steps.last, "8 of 8 requirements do not pass")
        // With --vault the vault is checked anyway.
        let (withVault, _, _) = try doctor(world, vault: TestConnection.vault)
        XCTAssertEqual(withVault.checks.filter { $0.verdict != .pass }.map(\.id), ["MG8"])
    }

    func testAVaultThatRefusesTheAdminLeavesTheKeyUnchecked() throws {
        var world = DoctorWorld()
        world.publicNetworkAccess = "Disabled"
        world.keyRefusal = (403, "Forbidden", "ForbiddenByConnection")
        let report = try doctor(world).0
        XCTAssertEqual(verdicts(report), ["MG1": .notChecked, "MG2": .notChecked, "MG3": .notChecked, "MG4": .notChecked,
                                          "MG5": .pass, "MG6": .fail, "MG7": .pass, "MG8": .pass])
        XCTAssertTrue(report.check("MG1")?.detail.contains("the vault refused the admin (403 Forbidden/ForbiddenByConnection") ?? false)
    }
}
