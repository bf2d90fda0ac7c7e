// KeyVault: get key and update key properties.

import ServiceCore

extension KeyVaultService {
    /// `GET /keys/{name}[/{version}]`: the KeyBundle of a version (current when the version is
    /// empty). Disabled and expired keys are returned like any other. Reading the current version
    /// first makes a rotation the key's policy has made due (``applyDueRotation(_:in:request:)``).
    func getKey(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        var record = try existingKey(request.parameter("name"), version: request.parameter("version"), in: vault)
        if request.parameter("version").isEmpty { record = try applyDueRotation(to: record, in: vault, request: request) }
        return .json(try bundle(of: record, in: vault, for: request))
    }

    /// `PATCH /keys/{name}[/{version}]`: merges `attributes` (only the supplied members change),
    /// replaces `key_ops` and `tags` when supplied, and sets `updated`. Works on disabled and
    /// expired keys: that is how a key is re-enabled.
    func updateKey(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        var record = try existingKey(request.parameter("name"), version: request.parameter("version"), in: vault)
        let parameters = try request.decodeBody(KeyUpdateParameters.self, emptyAsObject: true)
        try ExportRules.checkUpdate(exportable: parameters.attributes?.exportable, hasReleasePolicy: parameters.hasReleasePolicy)
        if let operations = parameters.keyOps { record.operations = try KeyLimits.parse(operations: operations) }
        if let tags = parameters.tags {
            try KeyLimits.validate(tags: tags)
            record.tags = tags
        }
        if let attributes = parameters.attributes {
            if let enabled = attributes.enabled { record.enabled = enabled }
            if let nbf = attributes.nbf { record.notBefore = nbf }
            if let exp = attributes.exp { record.expires = exp }
        }
        record.updated = request.context.now.unixSeconds
        try store.updateVersion(vault: vault.storageName, record: record)
        cache.invalidate(vault: vault.storageName, nameLower: record.nameLower)
        return .json(try bundle(of: record, in: vault, for: request))
    }
}
