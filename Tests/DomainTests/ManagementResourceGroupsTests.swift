// DomainTests: resource groups through the ARM operation table.

import Foundation
import XCTest
import ServiceCore
@testable import Management

final class ManagementResourceGroupsTests: XCTestCase {
    typealias H = ManagementHarness

    func testCreateUpdateGet() throws {
        let arm = try ManagementHarness()
        let created = try arm.send("PUT", "/subscriptions/\(H.subscription)/resourcegroups/MyGroup", ["location": "West Europe"])
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(created.object["id"] as? String, "/subscriptions/\(H.subscription)/resourceGroups/MyGroup")
        XCTAssertEqual(created.object["name"] as? String, "MyGroup")
        XCTAssertEqual(created.object["type"] as? String, "Microsoft.Resources/resourceGroups")
        XCTAssertEqual(created.object["location"] as? String, "westeurope")
        XCTAssertEqual(created.properties["provisioningState"] as? String, "Succeeded")
        XCTAssertNil(created.object["tags"])

        let updated = try arm.send("PUT", "/subscriptions/\(H.subscription)/resourceGroups/mygroup", ["location": "westeurope", "tags": ["team": "kv"]])
        XCTAssertEqual(updated.status, 200)
        XCTAssertEqual(updated.object["name"] as? String, "MyGroup")
        XCTAssertEqual(updated.object["tags"] as? [String: String], ["team": "kv"])
        XCTAssertEqual(try arm.send("GET", "/subscriptions/\(H.subscription)/resourceGroups/MYGROUP").object["tags"] as? [String: String], ["team": "kv"])
    }

    func testErrors() throws {
        let arm = try ManagementHarness()
        XCTAssertEqual(arm.error("PUT", "/subscriptions/\(H.subscription)/resourcegroups/g", ["tags": [:]]),
                       ServiceError(.badRequest, code: "LocationRequired", message: ""))
        XCTAssertEqual(arm.error("GET", "/subscriptions/\(H.subscription)/resourcegroups/g")?.message, "Resource group 'g' could not be found.")
        try arm.createGroup("g", location: "westus")
        let moved = arm.error("PUT", "/subscriptions/\(H.subscription)/resourcegroups/g", ["location": "eastus"])
        XCTAssertEqual(moved, ServiceError(.conflict, code: "InvalidResourceGroupLocation", message: ""))
        XCTAssertEqual(moved?.message, "Invalid resource group location 'eastus'. The Resource group already exists in location 'westus'.")
        XCTAssertEqual(arm.error("PUT", "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/g", ["location": "westus"])?.code,
                       "SubscriptionNotFound")
        XCTAssertEqual(arm.error("PUT", "/subscriptions/\(H.subscription)/resourcegroups/g", "nope")?.code, "InvalidRequestContent")
    }
}
