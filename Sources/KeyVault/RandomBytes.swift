// KeyVault: get random bytes (`POST /rng`), which a key vault refuses as Azure's does.

import ServiceCore

extension KeyVaultService {
    /// `POST /rng`: Managed HSM only. Azure answers a key vault with HTTP 400 whatever the body
    /// (the SDK passes the service's error through); so does the emulator, for every caller —
    /// the operation has no data action to authorize.
    func getRandomBytes(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        throw ServiceError.randomBytesNeedManagedHSM()
    }
}
