// DataConnectRegistry: the rules that turn a registration's PUT body into a definition.

import Foundation
import ServiceCore

/// A vault as the registration refers to it.
struct LinkedVault: Sendable {
    let name: String
    let uri: String
    let tenantId: String
}

/// The rules of the registration wizard (dataconnect-spec.md §2.1), as 400 `BadRequest` errors
/// naming the property, plus `ApplicationNotFound` and `KeyVaultNotFound`.
struct RegistrationValidation {
    /// ADF's `allowedGroups` takes up to 10 groups.
    static let maximumGroups = 10

    let tenantId: String
    /// Whether an application with this client id exists in the registration's tenant.
    let applicationExists: (String) -> Bool
    /// The vault a `keyVaultUri` names (by its host's first label), if it exists.
    let vaultNamed: (String) -> LinkedVault?

    struct Outcome {
        let description: String
        let definition: RegistrationDefinition
        let owners: [String]
    }

    func validate(appId: String, _ input: RegistrationInput.Properties?) throws -> Outcome {
        guard Self.isGUID(appId) else { throw bad("The application id '\(appId)' is not valid: it must be a GUID.") }
        guard let input else { throw bad("The property 'properties' is required.") }
        guard let description = input.description?.trimmingCharacters(in: .whitespacesAndNewlines), !description.isEmpty else {
            throw bad("The property 'properties.description' is required.")
        }
        let publishType = try publishType(input.publishType)
        let applicationTenant = try applicationTenant(input.applicationTenantId, publishType: publishType)
        if applicationTenant == tenantId.lowercased(), !applicationExists(appId) {
            throw ServiceError.applicationNotFound(appId: appId, tenantId: tenantId)
        }
        let definition = RegistrationDefinition(
            publishType: publishType, applicationTenantId: applicationTenant, destination: try destination(input.destination),
            encryption: try encryption(input.encryption, publishType: publishType), datasets: try datasets(input.datasets))
        var owners: [String] = []
        for owner in input.owners ?? [] {
            guard Self.isGUID(owner) else { throw bad("The value '\(owner)' of property 'properties.owners' is not an object id (GUID).") }
            if !owners.contains(owner.lowercased()) { owners.append(owner.lowercased()) }
        }
        return Outcome(description: description, definition: definition, owners: owners)
    }

    private func publishType(_ text: String?) throws -> PublishType {
        guard let text else { return .singleTenant }
        guard let match = PublishType.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
            throw bad("The value '\(text)' of property 'properties.publishType' is invalid. Valid values are 'SingleTenant' and 'MultiTenant'.")
        }
        return match
    }

    private func applicationTenant(_ text: String?, publishType: PublishType) throws -> String {
        guard let text else { return tenantId.lowercased() }
        guard Self.isGUID(text) else { throw bad("The value '\(text)' of property 'properties.applicationTenantId' is not a tenant id (GUID).") }
        if publishType == .singleTenant, text.lowercased() != tenantId.lowercased() {
            throw bad("A single-tenant application belongs to the registration's tenant '\(tenantId)'; 'properties.applicationTenantId' names '\(text)'. Use publishType 'MultiTenant' for an application of another tenant.")
        }
        return text.lowercased()
    }

    private func destination(_ input: RegistrationInput.DestinationInput?) throws -> StorageDestination {
        guard let input else { throw bad("The property 'properties.destination' is required.") }
        guard let account = input.storageAccount else { throw bad("The property 'properties.destination.storageAccount' is required.") }
        guard StorageFolders.isValidAccountName(account) else {
            throw bad("The storage account name '\(account)' is invalid: use 3-24 lower-case letters and digits.")
        }
        guard let container = input.container else { throw bad("The property 'properties.destination.container' is required.") }
        guard StorageFolders.isValidContainerName(container) else {
            throw bad("The container name '\(container)' is invalid: use 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.")
        }
        return StorageDestination(storageAccount: account, container: container)
    }

    private func encryption(_ input: RegistrationInput.EncryptionInput?, publishType: PublishType) throws -> EncryptionSetting {
        guard let input, input.enabled == true else {
            if input?.keyVaultUri != nil {
                throw bad("The property 'properties.encryption.keyVaultUri' is only allowed when 'properties.encryption.enabled' is true.")
            }
            return .disabled
        }
        guard publishType == .singleTenant else {
            throw bad("Encryption with your own key is available for single-tenant applications only.")
        }
        guard let uri = input.keyVaultUri else { throw bad("The property 'properties.encryption.keyVaultUri' is required when encryption is enabled.") }
        guard let url = URL(string: uri), url.scheme?.lowercased() == "https", let host = url.host,
              let label = host.split(separator: ".").first, url.path.isEmpty || url.path == "/" else {
            throw bad("The value '\(uri)' of property 'properties.encryption.keyVaultUri' is not a vault URI such as https://myvault.vault.localhost:8443/.")
        }
        guard let vault = vaultNamed(String(label)), vault.tenantId.lowercased() == tenantId.lowercased(),
              Self.normalizedURI(vault.uri) == Self.normalizedURI(uri) else {
            throw ServiceError.keyVaultNotFound(uri, tenantId: tenantId)
        }
        return EncryptionSetting(enabled: true, keyVaultName: vault.name)
    }

    func bad(_ message: String) -> ServiceError { ServiceError.armBadRequest(message) }

    static func isGUID(_ text: String) -> Bool { UUID(uuidString: text) != nil }

    static func isName(_ text: String, extra: String, maximum: Int) -> Bool {
        (1...maximum).contains(text.count)
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || extra.contains($0)) }
    }

    /// Lower-case, with one trailing `/`.
    static func normalizedURI(_ uri: String) -> String {
        let lower = uri.lowercased()
        return lower.hasSuffix("/") ? lower : lower + "/"
    }
}
