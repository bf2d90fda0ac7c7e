// keyvault-emulator: `dataconnect register|update|show|list|delete|approve|deny`, printing the answer as JSON.

import EmulatorClient
import Foundation

/// The Data Connect registration subcommands. The developer's side acts as the admin of
/// connection.json (the subscription's Owner, who becomes the registration's owner); approve and
/// deny act as the Global Administrator (`globalAdmin`). `--as admin|globalAdmin|app` overrides.
enum DataConnectCommands {
    static let usage = """
          dataconnect   Data Connect app registrations and their approval (prints JSON)
                          register --app APPID --storage-account NAME --container NAME --dataset NAME ...
                                   [--description TEXT] [--columns DATASET=c1,c2] [--groups DATASET=g1,g2]
                                   [--filter DATASET=URI] [--vault URL|NAME] [--publish-type SingleTenant|MultiTenant]
                                   [--application-tenant ID] [--owner OBJECTID] [--resource-group NAME (dataconnect-rg)]
                                   [--properties FILE (the whole properties object as JSON)]
                          update   --app APPID [the same options; only those given change] [--no-encryption]
                          show | delete --app APPID      list
                          approve  --app APPID [--revision N]          (as the Global Administrator)
                          deny     --app APPID [--reason TEXT] [--revision N]
                          every one: [--connection FILE] [--as admin|globalAdmin|app]
        """

    static let valued: Set<String> = ["connection", "as", "app", "storage-account", "container", "dataset", "description", "columns",
                                      "groups", "filter", "vault", "publish-type", "application-tenant", "owner", "resource-group",
                                      "properties", "revision", "reason"]

    static func run(_ arguments: [String]) throws {
        var arguments = arguments
        guard !arguments.isEmpty else { throw ArgumentList.UsageError(description: "dataconnect needs a subcommand") }
        let subcommand = arguments.removeFirst()
        let args = try ArgumentList(arguments, valued: valued, switches: ["no-encryption"])
        let connection = try ConnectionFile.read(from: args.value("connection") ?? "emulator-data/connection.json")
        let defaultRole = ["approve", "deny"].contains(subcommand) ? "globalAdmin" : "admin"
        let registrations = DataConnectRegistrations(session: AzureSession(connection: connection,
                                                                           credential: try credential(args.value("as") ?? defaultRole, connection)))
        func app() throws -> String {
            guard let app = args.value("app") else { throw ArgumentList.UsageError(description: "dataconnect \(subcommand) needs --app") }
            return app
        }
        let result: [String: Any]
        switch subcommand {
        case "register":
            result = try registrations.register(appId: try app(), resourceGroup: args.value("resource-group") ?? "dataconnect-rg",
                                                properties: try properties(args, base: nil, connection: connection))
        case "update":
            let current = try registrations.show(appId: try app())
            let id = current["id"] as? String ?? ""
            let group = id.components(separatedBy: "/resourceGroups/").last?.split(separator: "/").first.map(String.init) ?? ""
            let subscription = id.split(separator: "/").dropFirst().first.map(String.init)
            result = try registrations.register(appId: try app(), resourceGroup: group,
                                                properties: try properties(args, base: current["properties"] as? [String: Any], connection: connection),
                                                subscriptionId: subscription)
        case "show": result = try registrations.show(appId: try app())
        case "list": result = try registrations.list()
        case "delete":
            _ = try registrations.delete(appId: try app())
            result = ["deleted": try app()]
        case "approve": result = try registrations.approve(appId: try app(), revision: try args.integer("revision"))
        case "deny": result = try registrations.deny(appId: try app(), reason: args.value("reason"), revision: try args.integer("revision"))
        default: throw ArgumentList.UsageError(description: "unknown dataconnect subcommand '\(subcommand)'")
        }
        let data = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }

    static func credential(_ role: String, _ connection: ConnectionFile) throws -> ConnectionFile.Credential {
        switch role {
        case "admin": return connection.admin
        case "app", "dataConnectApp": return connection.dataConnectApp
        case "globalAdmin":
            guard let globalAdmin = connection.globalAdmin else {
                throw ClientError("connection.json has no globalAdmin credential (an emulator older than registrations wrote it)")
            }
            return globalAdmin
        default: throw ArgumentList.UsageError(description: "--as takes admin, globalAdmin or app, not '\(role)'")
        }
    }

    /// The properties to PUT: `base` (the current registration, for update) with the options given applied.
    static func properties(_ args: ArgumentList, base: [String: Any]?, connection: ConnectionFile) throws -> [String: Any] {
        if let file = args.value("properties") {
            guard let data = FileManager.default.contents(atPath: file),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ClientError("--properties \(file) is not a JSON object")
            }
            return object
        }
        var properties: [String: Any] = [:]
        for key in ["description", "publishType", "applicationTenantId", "destination", "encryption", "datasets"] {
            if let value = base?[key] { properties[key] = value }
        }
        if var destination = properties["destination"] as? [String: Any] {
            destination.removeValue(forKey: "path")
            properties["destination"] = destination
        }
        if var encryption = properties["encryption"] as? [String: Any] {
            encryption.removeValue(forKey: "keyVaultName")
            properties["encryption"] = encryption
        }
        properties["description"] = args.value("description") ?? properties["description"] ?? "Microsoft Graph Data Connect application"
        if let type = args.value("publish-type") { properties["publishType"] = type }
        if let tenant = args.value("application-tenant") { properties["applicationTenantId"] = tenant }
        if args.value("storage-account") != nil || args.value("container") != nil {
            let current = properties["destination"] as? [String: Any] ?? [:]
            properties["destination"] = ["storageAccount": args.value("storage-account") ?? current["storageAccount"] ?? "",
                                         "container": args.value("container") ?? current["container"] ?? ""]
        }
        if let vault = args.value("vault") {
            properties["encryption"] = ["enabled": true, "keyVaultUri": vault.hasPrefix("https://") ? vault : connection.vaultURL(vault)]
        } else if args.has("no-encryption") || properties["encryption"] == nil {
            properties["encryption"] = ["enabled": false]
        }
        if !args.all("dataset").isEmpty {
            func perDataset(_ flag: String) throws -> [String: String] {
                var map: [String: String] = [:]
                for entry in args.all(flag) {
                    guard let equals = entry.firstIndex(of: "=") else {
                        throw ArgumentList.UsageError(description: "--\(flag) takes DATASET=VALUE, not '\(entry)'")
                    }
                    map[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
                }
                return map
            }
            let columns = try perDataset("columns"), groups = try perDataset("groups"), filters = try perDataset("filter")
            properties["datasets"] = args.all("dataset").map { name in
                RegistrationProperties.Dataset(name: name, columns: columns[name].map(list), groups: groups[name].map(list),
                                               filterUri: filters[name]).jsonValue
            }
        }
        if !args.all("owner").isEmpty { properties["owners"] = args.all("owner") }
        return properties
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
