// Management: resource groups (Microsoft.Resources/resourceGroups): PUT, GET, HEAD and list.

import Foundation
import ServiceCore
import Storage

/// `PUT` body of a resource group.
struct ResourceGroupParameters: Decodable {
    var location: String?
    var tags: [String: String]?
}

/// A resource group as ARM returns it.
struct ResourceGroupResource: Encodable {
    struct Properties: Encodable { var provisioningState = "Succeeded" }
    var id: String
    var name: String
    var type = "Microsoft.Resources/resourceGroups"
    var location: String
    var tags: [String: String]?
    var properties = Properties()
}

/// A stored resource group.
struct ResourceGroupRow {
    let subscriptionId: String
    let name: String
    let location: String
    let tags: [String: String]

    init(_ row: Row) {
        subscriptionId = row.string("subscription_id") ?? ""
        name = row.string("name") ?? ""
        location = row.string("location") ?? ""
        tags = ManagementService.tags(fromJSON: row.string("tags"))
    }

    var resource: ResourceGroupResource {
        ResourceGroupResource(id: "/subscriptions/\(subscriptionId)/resourceGroups/\(name)", name: name, location: location,
                              tags: tags.isEmpty ? nil : tags)
    }
}

extension ManagementService {
    /// `PUT /subscriptions/{s}/resourcegroups/{rg}`: 201 when created, 200 when updated (tags).
    func createOrUpdateResourceGroup(_ request: ServiceRequest) throws -> ServiceResponse {
        let subscriptionId = try subscription(request.parameter("subscriptionId"))
        let name = request.parameter("resourceGroupName")
        let body = try Self.decodeBody(ResourceGroupParameters.self, request)
        guard let given = body.location, !given.allSatisfy(\.isWhitespace) else { throw ServiceError.locationRequired() }
        let location = Self.normalizedLocation(given)
        return try database.transaction {
            let existing = try resourceGroupRow(subscriptionId: subscriptionId, name: name)
            if let existing {
                guard existing.location == location else {
                    throw ServiceError.invalidResourceGroupLocation(given: given, existing: existing.location)
                }
                try database.execute("UPDATE management_resource_groups SET tags = ? WHERE subscription_id = ? AND name_key = ?",
                                     [.text(Self.tagsJSON(body.tags ?? [:])), .text(subscriptionId), .text(name.lowercased())])
            } else {
                try database.execute("""
                    INSERT INTO management_resource_groups(subscription_id, name_key, name, location, tags, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, [.text(subscriptionId), .text(name.lowercased()), .text(name), .text(location),
                          .text(Self.tagsJSON(body.tags ?? [:])), .integer(Self.milliseconds(request.context.now))])
            }
            let stored = try resourceGroupRow(subscriptionId: subscriptionId, name: name)
            return .json(stored?.resource, status: existing == nil ? 201 : 200)
        }
    }

    /// `GET /subscriptions/{s}/resourcegroups/{rg}`.
    func getResourceGroup(_ request: ServiceRequest) throws -> ServiceResponse {
        let group = try existingResourceGroup(request)
        return .json(group.resource)
    }

    /// `HEAD /subscriptions/{s}/resourcegroups/{rg}`: 204 when it exists, 404 when not
    /// (`resource_groups.check_existence`).
    func checkResourceGroupExistence(_ request: ServiceRequest) throws -> ServiceResponse {
        _ = try existingResourceGroup(request)
        return .noContent
    }

    /// `GET /subscriptions/{s}/resourcegroups`, in name order, paged with `$top`.
    func listResourceGroups(_ request: ServiceRequest) throws -> ServiceResponse {
        let subscriptionId = try subscription(request.parameter("subscriptionId"))
        let rows = try database.query("SELECT * FROM management_resource_groups WHERE subscription_id = ? ORDER BY name_key",
                                      [.text(subscriptionId)]).map(ResourceGroupRow.init)
        return try Self.page(rows.map(\.resource), request, path: "/subscriptions/\(subscriptionId)/resourcegroups")
    }

    /// The resource group named by the request's `subscriptionId` and `resourceGroupName`, or
    /// 404 `SubscriptionNotFound` / `ResourceGroupNotFound`.
    func existingResourceGroup(_ request: ServiceRequest) throws -> ResourceGroupRow {
        let subscriptionId = try subscription(request.parameter("subscriptionId"))
        let name = request.parameter("resourceGroupName")
        guard let group = try resourceGroupRow(subscriptionId: subscriptionId, name: name) else {
            throw ServiceError.resourceGroupNotFound(name)
        }
        return group
    }

    func resourceGroupRow(subscriptionId: String, name: String) throws -> ResourceGroupRow? {
        try database.query("SELECT * FROM management_resource_groups WHERE subscription_id = ? AND name_key = ?",
                           [.text(subscriptionId), .text(name.lowercased())]).first.map(ResourceGroupRow.init)
    }
}
