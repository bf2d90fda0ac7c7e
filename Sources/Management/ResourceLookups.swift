// Management: queries other resource providers mounted on the management host use (subscriptions, resource groups).

import ServiceCore

/// What a resource provider outside this module (Data Connect registrations) needs to place its
/// resources under ARM's hierarchy: the subscription as configured, its tenant, and the resource
/// group as created.
///
/// ```swift
/// let (subscription, tenant) = try management.knownSubscription(id)          // 404 SubscriptionNotFound
/// let group = try management.existingResourceGroupName(subscriptionId: subscription, name: "rg1")   // 404 ResourceGroupNotFound
/// ```
extension ManagementService {
    /// The subscription id as configured and its tenant, or 404 `SubscriptionNotFound`.
    public func knownSubscription(_ id: String) throws -> (subscriptionId: String, tenantId: String) {
        let known = try subscription(id)
        return (known, settings.knownSubscriptions[known] ?? "")
    }

    /// The resource group's name as it was created, or 404 `ResourceGroupNotFound`.
    public func existingResourceGroupName(subscriptionId: String, name: String) throws -> String {
        guard let group = try resourceGroupRow(subscriptionId: subscriptionId, name: name) else {
            throw ServiceError.resourceGroupNotFound(name)
        }
        return group.name
    }

    /// The data-plane URI of vault `name` as this emulator serves it (`https://kv1.vault.localhost:8443/`).
    public func vaultURI(named name: String) -> String {
        settings.vaultURI(name)
    }
}
