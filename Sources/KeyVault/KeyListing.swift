// KeyVault: list keys and list key versions.

import ServiceCore

extension KeyVaultService {
    /// `GET /keys`: one KeyItem per key name (base kid, attributes and tags of the current
    /// version), in name order, paged.
    func listKeys(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let page = try KeyPage(query: request.query)
        let origin = request.context.origin
        let records = try store.currentVersions(vault: vault.storageName, after: page.after, limit: page.size + 1)
        let shown = records.prefix(page.size)
        let items = shown.map { KeyItemWire(kid: $0.baseKid(origin: origin), attributes: $0.attributes(in: vault, features: request.features), tags: $0.wireTags) }
        let last = records.count > page.size ? shown.last : nil
        let next = last.map { page.nextLink(origin: origin, path: "/keys", apiVersion: request.apiVersionForLinks, after: $0.nameLower) }
        return .json(KeyListWire(value: items, nextLink: next))
    }

    /// `GET /keys/{name}/versions`: one KeyItem per version (versioned kid), paged. An unknown
    /// name lists nothing (an empty page), as the service does for version lists.
    func listKeyVersions(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let page = try KeyPage(query: request.query)
        let origin = request.context.origin
        let name = request.parameter("name")
        try applyDueRotation(name, in: vault, request: request)
        let records = try store.versions(vault: vault.storageName, nameLower: name.lowercased(), after: page.after, limit: page.size + 1)
        let shown = records.prefix(page.size)
        let items = shown.map { KeyItemWire(kid: $0.kid(origin: origin), attributes: $0.attributes(in: vault, features: request.features), tags: $0.wireTags) }
        let last = records.count > page.size ? shown.last : nil
        let next = last.map {
            page.nextLink(origin: origin, path: "/keys/\($0.name)/versions", apiVersion: request.apiVersionForLinks, after: $0.version)
        }
        return .json(KeyListWire(value: items, nextLink: next))
    }
}
