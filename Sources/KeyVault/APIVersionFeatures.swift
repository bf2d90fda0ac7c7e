// KeyVault: what each api-version adds to the keys surface (keyvault-spec.md §2.1).

import ServiceCore

/// The fields and routes a request's api-version unlocks. Versions are ordered as
/// ``KeyVaultService/supportedAPIVersions`` lists them (2016-10-01 < 7.0 < ... < 7.6 < 2025-07-01).
///
/// ```swift
/// let features = APIVersionFeatures("7.4")
/// features.reportsExportable     // true (7.3+)
/// features.reportsHSMPlatform    // false (7.5+)
/// ```
struct APIVersionFeatures: Sendable, Equatable {
    /// Position in the supported list; unknown versions count as the newest (the pipeline
    /// rejects them before any handler runs).
    let level: Int

    init(_ version: String?) {
        let versions = KeyVaultService.supportedAPIVersions
        level = version.flatMap { versions.firstIndex(of: $0) } ?? versions.count - 1
    }

    /// `true` when the request's version is `version` or newer.
    func atLeast(_ version: String) -> Bool {
        guard let other = KeyVaultService.supportedAPIVersions.firstIndex(of: version) else { return false }
        return level >= other
    }

    /// `attributes.recoverableDays` exists from 7.1.
    var reportsRecoverableDays: Bool { atLeast("7.1") }
    /// `attributes.exportable` (and `release_policy`) exist from 7.3; the service writes
    /// `"exportable": false` on every key then.
    var reportsExportable: Bool { atLeast("7.3") }
    /// `attributes.hsmPlatform` exists from 7.5.
    var reportsHSMPlatform: Bool { atLeast("7.5") }
    /// `GET /keys/{name}/{version}/attestation` exists from 7.6.
    var hasKeyAttestation: Bool { atLeast("7.6") }
}

extension ServiceRequest {
    /// The features of this request's api-version.
    var features: APIVersionFeatures { APIVersionFeatures(apiVersionForLinks) }
}
