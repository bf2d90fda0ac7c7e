// KeyVault: get key attestation (`GET /keys/{name}[/{version}]/attestation`, api-version 7.6+).

import ServiceCore

extension KeyVaultService {
    /// Key attestation proves a key was generated in a Managed HSM's hardware; a key vault has
    /// no such evidence to give. The route exists from 7.6: an older api-version is 400, an
    /// unknown key 404, and any key of a vault 400 (the emulator's choice of answer).
    func getKeyAttestation(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        guard request.features.hasKeyAttestation else {
            throw ServiceError.operationNeedsAPIVersion("getKeyAttestation", minimum: "7.6", given: request.apiVersionForLinks)
        }
        let record = try existingKey(request.parameter("name"), version: request.parameter("version"), in: vault)
        throw ServiceError.attestationNeedsManagedHSM(name: record.name)
    }
}
