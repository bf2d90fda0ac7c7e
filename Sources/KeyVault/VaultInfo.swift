// KeyVault: what the data plane needs to know of the vault a request addresses.

/// A vault as the keys service sees it. The Emulator builds it from the management plane's
/// vault record for every request; the keys service never reads management tables itself.
///
/// ```swift
/// let vault = VaultInfo(name: "kv1", resourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1",
///                       location: "westeurope", tenantId: tenant, sku: "standard",
///                       softDeleteRetentionDays: 90, purgeProtection: false)
/// vault.recoveryLevel   // "Recoverable+Purgeable"
/// ```
public struct VaultInfo: Sendable {
    public let name: String
    public let resourceId: String
    public let location: String
    public let tenantId: String
    /// `"standard"` or `"premium"` (compared case-insensitively).
    public let sku: String
    /// 0 = soft delete off (legacy vaults).
    public let softDeleteRetentionDays: Int
    public let purgeProtection: Bool

    public init(name: String, resourceId: String, location: String, tenantId: String, sku: String,
                softDeleteRetentionDays: Int, purgeProtection: Bool) {
        self.name = name
        self.resourceId = resourceId
        self.location = location
        self.tenantId = tenantId
        self.sku = sku
        self.softDeleteRetentionDays = softDeleteRetentionDays
        self.purgeProtection = purgeProtection
    }

    /// Vault names are globally unique and case-insensitive; rows are stored under this form.
    var storageName: String { name.lowercased() }

    /// `*-HSM` key types need a premium vault.
    var isPremium: Bool { sku.lowercased() == "premium" }

    /// `attributes.recoveryLevel` of every key in this vault (keyvault-spec.md §2.8).
    public var recoveryLevel: String {
        switch (softDeleteRetentionDays, purgeProtection) {
        case (...0, _): "Purgeable"
        case (90..., false): "Recoverable+Purgeable"
        case (_, false): "CustomizedRecoverable+Purgeable"
        case (90..., true): "Recoverable"
        case (_, true): "CustomizedRecoverable"
        }
    }

    /// `attributes.recoverableDays`: the retention period, 0 when soft delete is off.
    public var recoverableDays: Int { max(softDeleteRetentionDays, 0) }
}

extension VaultInfo {
    /// The subscription of the vault, lower-cased, from `/subscriptions/{id}/...` of its resource
    /// id (backups are bound to it); empty when the id has another shape.
    var subscriptionId: String {
        let parts = resourceId.split(separator: "/")
        guard parts.count >= 2, parts[0].lowercased() == "subscriptions" else { return "" }
        return parts[1].lowercased()
    }
}
