// keyvault-emulator: the `principal` and `group` subcommands, over the admin API of a running emulator.

import EmulatorClient
import Foundation

/// Prints `object` as pretty JSON with sorted keys.
func printJSON(_ object: [String: Any]) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    print(String(decoding: data, as: UTF8.self))
}

/// `principal create|list`: directory objects through the admin API.
func principal(_ arguments: [String]) throws {
    var arguments = arguments
    let action = arguments.isEmpty ? "" : arguments.removeFirst()
    let args = try ArgumentList(arguments, valued: ["connection", "display-name", "kind", "member-of", "tenant"])
    let session = try session(args)
    switch action {
    case "create":
        guard let name = args.value("display-name") else { throw ArgumentList.UsageError(description: "principal create needs --display-name") }
        let kinds = ["sp": "ServicePrincipal", "serviceprincipal": "ServicePrincipal", "user": "User", "group": "Group",
                     "managed-identity": "ManagedIdentity", "managedidentity": "ManagedIdentity"]
        guard let kind = kinds[(args.value("kind") ?? "sp").lowercased()] else {
            throw ArgumentList.UsageError(description: "--kind is sp, user, group or managed-identity")
        }
        var body: [String: Any] = ["displayName": name, "kind": kind, "groups": args.all("member-of")]
        if let tenant = args.value("tenant") { body["tenantId"] = tenant }
        let created = try session.admin("POST", "/admin/principals", body: body)
        // The shape of `az ad sp create-for-rbac` (appId, displayName, password, tenant), plus objectId.
        var output: [String: Any] = ["displayName": created["displayName"] ?? name, "tenant": created["tenantId"] ?? "",
                                     "objectId": created["objectId"] ?? "", "kind": created["kind"] ?? kind]
        if let appId = created["clientId"] { output["appId"] = appId }
        if let secret = created["clientSecret"] ?? created["password"] { output["password"] = secret }
        try printJSON(output)
    case "list":
        let path = "/admin/principals" + (args.value("tenant").map { "?tenantId=\($0)" } ?? "")
        try printJSON(try session.admin("GET", path))
    default:
        throw ArgumentList.UsageError(description: "principal needs 'create' or 'list'")
    }
}

/// `group add-member --group G --member M`.
func group(_ arguments: [String]) throws {
    var arguments = arguments
    guard arguments.first == "add-member" else { throw ArgumentList.UsageError(description: "group needs 'add-member'") }
    arguments.removeFirst()
    let args = try ArgumentList(arguments, valued: ["connection", "group", "member"])
    guard let group = args.value("group"), let member = args.value("member") else {
        throw ArgumentList.UsageError(description: "group add-member needs --group and --member")
    }
    try printJSON(try session(args).admin("POST", "/admin/groups/\(group)/members", body: ["objectId": member]))
}
