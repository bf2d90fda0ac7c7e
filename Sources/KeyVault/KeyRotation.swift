// KeyVault: rotate a key now, and the rotations a policy schedules (made when the key is next read).

import Foundation
import ServiceCore
import VaultCrypto

extension KeyVaultService {
    /// `POST /keys/{name}/rotate`: a new current version with the same type, size or curve,
    /// `key_ops` and tags; enabled, no `nbf`, and `exp = now + expiryTime` when the key's
    /// rotation policy has an `expiryTime`.
    func rotateKey(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let name = request.parameter("name")
        guard let current = try store.record(vault: vault.storageName, nameLower: name.lowercased(), version: "") else {
            throw ServiceError.keyNotFound(name: name)
        }
        let policy = try current.rotationPolicy.map(StoredRotationPolicy.init(json:))
        let rotated = try rotate(current, policy: policy, in: vault, at: request.context.now)
        return .json(try bundle(of: rotated, in: vault, for: request))
    }

    /// Makes the rotation the key's policy scheduled, if it has fallen due by the request's time:
    /// `timeAfterCreate` counts from the current version's `created`, `timeBeforeExpiry` back
    /// from its `exp`. Azure rotates within hours of the due time; the emulator rotates when the
    /// key is next read (get key, list versions, get rotation policy), dated at that request, so
    /// tests move the clock (admin API) and read the key. Returns the current version after any
    /// rotation made (`nil` when the key does not exist).
    @discardableResult
    func applyDueRotation(_ name: String, in vault: VaultInfo, request: ServiceRequest) throws -> KeyVersionRecord? {
        guard let current = try store.record(vault: vault.storageName, nameLower: name.lowercased(), version: "") else { return nil }
        return try applyDueRotation(to: current, in: vault, request: request)
    }

    /// ``applyDueRotation(_:in:request:)`` for a current version already read.
    func applyDueRotation(to current: KeyVersionRecord, in vault: VaultInfo, request: ServiceRequest) throws -> KeyVersionRecord {
        guard let json = current.rotationPolicy else { return current }
        let policy = try StoredRotationPolicy(json: json)
        guard let action = policy.rotateAction else { return current }
        let due: Date?
        if let text = action.timeAfterCreate, let duration = ISODuration(text) {
            due = duration.added(to: Date(unixSeconds: current.created))
        } else if let text = action.timeBeforeExpiry, let duration = ISODuration(text), let expires = current.expires {
            due = duration.subtracted(from: Date(unixSeconds: expires))
        } else {
            due = nil
        }
        guard let due, request.context.now >= due else { return current }
        return try rotate(current, policy: policy, in: vault, at: request.context.now)
    }

    /// Generates and stores the next version of `current`.
    private func rotate(_ current: KeyVersionRecord, policy: StoredRotationPolicy?, in vault: VaultInfo, at now: Date) throws -> KeyVersionRecord {
        let material = try KeyMaterial.generate(keySize: current.keySize, curve: current.curve.flatMap { ECCurve(rawValue: $0) }, pool: keyPool)
        let seconds = now.unixSeconds
        let record = KeyVersionRecord(
            name: current.name, version: Self.newVersion(), keyType: current.keyType, keySize: current.keySize, curve: current.curve,
            operations: current.operations, enabled: true, notBefore: nil, expires: policy?.expiry.map { $0.added(to: now).unixSeconds },
            created: seconds, updated: seconds, tags: current.tags, rotationPolicy: current.rotationPolicy)
        let stored = try store.insertVersion(vault: vault.storageName, record: record, privateKey: try material.pkcs8DER())
        cache.remember(material, vault: vault.storageName, nameLower: stored.nameLower, version: stored.version)
        return stored
    }
}
