// DataConnect: deciding, before any row is written, whether this drop can be encrypted.

import Foundation

/// The outcome of the encryption check.
enum EncryptionPlan {
    /// The tenant key passed every check: encrypt with it.
    case encrypt(CheckedTenantKey)
    /// Encryption is not set up; `step` says where in the portal, `detail` what the vault said.
    case notSetUp(step: PortalStep, detail: String)

    /// One line for the warning and run.json.
    var problem: String? {
        guard case .notSetUp(let step, let detail) = self else { return nil }
        return "\(step.text) (\(detail))"
    }
}

/// Fetches the key named after the tenant and checks it. Setup problems that the portal walkthrough
/// explains become `.notSetUp`; everything else (no network, wrong secret, unexpected answers) is
/// thrown, because no portal step fixes it and the run cannot claim anything about encryption.
enum EncryptionPreflight {
    static func run(client: VaultClient, vault: URLOrigin, tenantId: String, now: Date,
                    console: any AgentConsole) throws -> EncryptionPlan {
        console.step("Fetching the public key '\(tenantId)' from \(vault.text) (the key must be named after the tenant id)")
        let bundle: VaultKeyBundle
        do {
            bundle = try client.getKey(vault: vault, name: tenantId)
        } catch let error as DataConnectError {
            guard case .vaultRejected(let failure) = error.code, let step = PortalStep.forVaultFailure(failure) else { throw error }
            return .notSetUp(step: step, detail: "the vault answered \(failure)")
        }
        do {
            let key = try KeyRequirements.check(bundle, now: now)
            guard key.identifier.name.lowercased() == tenantId.lowercased() else {
                throw KeyRequirementViolation.unusable("the vault returned key \(key.identifier.name), not \(tenantId)")
            }
            console.step("Key \(key.identifier.text) passed the checks: RSA, 2048 bits, enabled, expiration date set, valid now")
            return .encrypt(key)
        } catch let violation as KeyRequirementViolation {
            return .notSetUp(step: .fixKeyProperties(violation), detail: "key check failed: \(violation)")
        }
    }
}
