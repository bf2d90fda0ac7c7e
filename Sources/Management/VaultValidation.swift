// Management: the rules for vault names and properties on create, replace (PUT) and PATCH.

import ServiceCore
import Authorization

/// Turns request properties into normalized ``VaultProperties``, or throws the ARM 400 that
/// Azure answers (keyvault-spec.md §6.2). Three modes:
/// - create: `tenantId` and `sku` required; defaults fill the rest;
/// - replace (PUT on an existing vault): as create, but `enableRbacAuthorization`, `enableSoftDelete`,
///   `softDeleteRetentionInDays` and `enablePurgeProtection` keep their values when omitted;
/// - patch: only the given properties change.
enum VaultValidation {
    static let maxAccessPolicies = 1024

    /// 3–24 characters of `0-9a-zA-Z-`, starting with a letter, ending with a letter or digit, no `--`.
    static func validateName(_ name: String) throws {
        let valid = (3...24).contains(name.count)
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            && name.first?.isLetter == true
            && name.last.map { $0.isLetter || $0.isNumber } == true
            && !name.contains("--")
        guard valid else { throw ServiceError.vaultNameNotValid(name) }
    }

    /// RBAC is the default permission model for vaults created with api-version 2026-02-01 or later.
    static func rbacByDefault(apiVersion: String?) -> Bool {
        guard let version = apiVersion, version.count >= 10 else { return false }
        let date = String(version.prefix(10))
        guard date.enumerated().allSatisfy({ index, c in index == 4 || index == 7 ? c == "-" : c.isASCII && c.isNumber }) else { return false }
        return date >= "2026-02-01"
    }

    static func create(_ input: VaultPropertiesInput?, apiVersion: String?) throws -> VaultProperties {
        let input = try ManagementService.required(input, "properties")
        try checkCreateMode(input.createMode)
        let softDelete = input.enableSoftDelete ?? true
        return VaultProperties(
            tenantId: try tenantId(ManagementService.required(input.tenantId, "tenantId")),
            sku: try sku(ManagementService.required(input.sku, "sku")),
            accessPolicies: try accessPolicies(input.accessPolicies ?? []),
            enableRbacAuthorization: input.enableRbacAuthorization ?? rbacByDefault(apiVersion: apiVersion),
            enableSoftDelete: softDelete,
            softDeleteRetentionInDays: try retention(input.softDeleteRetentionInDays) ?? 90,
            enablePurgeProtection: try purgeProtection(input.enablePurgeProtection, existing: nil),
            publicNetworkAccess: try publicNetworkAccess(input.publicNetworkAccess) ?? "Enabled",
            networkAcls: try input.networkAcls.map(networkAcls),
            enabledForDeployment: input.enabledForDeployment ?? false,
            enabledForDiskEncryption: input.enabledForDiskEncryption ?? false,
            enabledForTemplateDeployment: input.enabledForTemplateDeployment ?? false)
    }

    static func replace(_ input: VaultPropertiesInput?, existing: VaultProperties) throws -> VaultProperties {
        let input = try ManagementService.required(input, "properties")
        try checkCreateMode(input.createMode)
        return VaultProperties(
            tenantId: try tenantId(ManagementService.required(input.tenantId, "tenantId")),
            sku: try sku(ManagementService.required(input.sku, "sku")),
            accessPolicies: try accessPolicies(input.accessPolicies ?? []),
            enableRbacAuthorization: input.enableRbacAuthorization ?? existing.enableRbacAuthorization,
            enableSoftDelete: try softDelete(input.enableSoftDelete, existing: existing.enableSoftDelete),
            softDeleteRetentionInDays: try keptRetention(input.softDeleteRetentionInDays, existing: existing.softDeleteRetentionInDays),
            enablePurgeProtection: try purgeProtection(input.enablePurgeProtection, existing: existing.enablePurgeProtection),
            publicNetworkAccess: try publicNetworkAccess(input.publicNetworkAccess) ?? "Enabled",
            networkAcls: try input.networkAcls.map(networkAcls),
            enabledForDeployment: input.enabledForDeployment ?? false,
            enabledForDiskEncryption: input.enabledForDiskEncryption ?? false,
            enabledForTemplateDeployment: input.enabledForTemplateDeployment ?? false)
    }

    static func patch(_ input: VaultPropertiesInput?, existing: VaultProperties) throws -> VaultProperties {
        guard let input else { return existing }
        try checkCreateMode(input.createMode)
        var p = existing
        if let value = input.tenantId { p.tenantId = try tenantId(value) }
        if let value = input.sku { p.sku = try sku(value) }
        if let value = input.accessPolicies { p.accessPolicies = try accessPolicies(value) }
        if let value = input.enableRbacAuthorization { p.enableRbacAuthorization = value }
        p.enableSoftDelete = try softDelete(input.enableSoftDelete, existing: existing.enableSoftDelete)
        p.softDeleteRetentionInDays = try keptRetention(input.softDeleteRetentionInDays, existing: existing.softDeleteRetentionInDays)
        p.enablePurgeProtection = try purgeProtection(input.enablePurgeProtection, existing: existing.enablePurgeProtection)
        if let value = try publicNetworkAccess(input.publicNetworkAccess) { p.publicNetworkAccess = value }
        if let value = input.networkAcls { p.networkAcls = try networkAcls(value) }
        if let value = input.enabledForDeployment { p.enabledForDeployment = value }
        if let value = input.enabledForDiskEncryption { p.enabledForDiskEncryption = value }
        if let value = input.enabledForTemplateDeployment { p.enabledForTemplateDeployment = value }
        return p
    }

    // MARK: - Single properties

    /// `createMode` is write-only: `default` creates or replaces; `recover` brings a soft-deleted
    /// vault back (``ManagementService/recoverVault``).
    static func checkCreateMode(_ mode: String?) throws {
        _ = try isRecover(mode)
    }

    /// True for `createMode: recover`; 400 for a value other than `default` and `recover`.
    static func isRecover(_ mode: String?) throws -> Bool {
        switch mode?.lowercased() {
        case nil, "default": return false
        case "recover": return true
        default: throw ServiceError.armBadRequest("The value '\(mode ?? "")' of property 'createMode' is invalid. Valid values are 'default' and 'recover'.")
        }
    }

    static func tenantId(_ value: String) throws -> String {
        guard ManagementService.isGUID(value) else { throw ServiceError.armBadRequest("The tenant ID '\(value)' is not a valid GUID.") }
        return value.lowercased()
    }

    static func sku(_ value: VaultSkuInput) throws -> VaultSku {
        let family = value.family ?? "A"
        guard family.uppercased() == "A" else {
            throw ServiceError.armBadRequest("The SKU family '\(family)' is invalid. The only valid value is 'A'.")
        }
        let name = try ManagementService.required(value.name, "sku.name")
        guard ["standard", "premium"].contains(name.lowercased()) else {
            throw ServiceError.armBadRequest("The SKU name '\(name)' is invalid. Valid values are 'standard' and 'premium'.")
        }
        return VaultSku(family: "A", name: name.lowercased())
    }

    static func softDelete(_ given: Bool?, existing: Bool) throws -> Bool {
        if given == false && existing {
            throw ServiceError.armBadRequest("The property \"enableSoftDelete\" can be set to false only for creating new vault. Enabling the 'soft delete' functionality is an irreversible action.")
        }
        return given ?? existing
    }

    static func retention(_ days: Int?) throws -> Int? {
        guard let days else { return nil }
        guard (7...90).contains(days) else {
            throw ServiceError.armBadRequest("The property \"softDeleteRetentionInDays\" must be between 7 and 90, but was \(days).")
        }
        return days
    }

    /// Retention is fixed once the vault exists: the same value may be sent again, another may not.
    static func keptRetention(_ days: Int?, existing: Int) throws -> Int {
        guard let days = try retention(days) else { return existing }
        guard days == existing else {
            throw ServiceError.armBadRequest("The property \"softDeleteRetentionInDays\" cannot be changed once the vault is created (it is \(existing)).")
        }
        return days
    }

    static func purgeProtection(_ given: Bool?, existing: Bool?) throws -> Bool? {
        if given == false {
            throw ServiceError.armBadRequest("The property \"enablePurgeProtection\" cannot be set to false. Enabling the purge protection for a vault is an irreversible action.")
        }
        return given ?? existing
    }

    static func publicNetworkAccess(_ value: String?) throws -> String? {
        try value.map { try ManagementService.canonical($0, among: ["Enabled", "Disabled"], property: "publicNetworkAccess") }
    }

    /// Normalizes network ACLs as ARM stores them: single IPs become `/32`, subnet ids lower case.
    static func networkAcls(_ input: NetworkAclsInput) throws -> NetworkAcls {
        let ipRules = try (input.ipRules ?? []).map { rule in
            guard let normalized = NetworkRules.normalizedIPRule(rule.value) else {
                throw ServiceError.armBadRequest("The IP rule '\(rule.value)' is not a valid IPv4 address or CIDR range.")
            }
            return IPRule(value: normalized)
        }
        return NetworkAcls(
            bypass: try input.bypass.map { try ManagementService.canonical($0, among: ["AzureServices", "None"], property: "networkAcls.bypass") } ?? "AzureServices",
            defaultAction: try input.defaultAction.map { try ManagementService.canonical($0, among: ["Allow", "Deny"], property: "networkAcls.defaultAction") } ?? "Allow",
            ipRules: ipRules,
            virtualNetworkRules: (input.virtualNetworkRules ?? []).map {
                VirtualNetworkRule(id: $0.id.lowercased(), ignoreMissingVnetServiceEndpoint: $0.ignoreMissingVnetServiceEndpoint)
            })
    }
}
