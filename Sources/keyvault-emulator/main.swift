// keyvault-emulator: the server (`serve`) and the admin subcommands that talk to a running one.

import Dispatch
import Emulator
import EmulatorClient
import Foundation

let usage = """
    usage: keyvault-emulator <command> [options]

    commands:
      serve         run the emulator
                      --data-dir DIR      data directory (default emulator-data)
                      --port N            HTTPS port (default 8443; 0 = any free port)
                      --dns-suffix NAME   host names hang from NAME (default localhost)
                      --host ADDR         listen address, repeatable (default 127.0.0.1 and ::1)
                      --tls-san NAME      extra certificate name, repeatable
                      --bootstrap FILE    identities to bootstrap (default: built-in, = fixtures/bootstrap.json)
                      --loops N           event loops (default: one per core)
                      --private-endpoint-port N   a second listener whose vault traffic counts as an
                                          approved private endpoint (0 = any free port)
                      --trusted-service-app-id ID  an application id that counts as a trusted Azure
                                          service for networkAcls bypass AzureServices, repeatable
                      --identity-header VALUE   the IDENTITY_HEADER managed identity clients send
                                          (default emulator-identity-header)
                      --rsa-key-pool N    RSA keys kept pre-generated per size (default 4; 0 = off)
      principal     create or list directory objects on a running emulator
                      create --display-name NAME [--kind sp|user|group|managed-identity]
                             [--member-of GROUP_ID ...] [--tenant ID]
                             prints the credentials as JSON, like `az ad sp create-for-rbac`
                      list [--tenant ID]
                      --connection FILE
      group         add-member --group GROUP_ID --member OBJECT_ID [--connection FILE]
      walkthrough   perform the Data Connect custom-encryption portal steps on a running emulator
                      --connection FILE   (default emulator-data/connection.json)
                      --vault NAME        (default lobencryption-demo)   --resource-group NAME (default dataconnect-rg)
      clock         show or shift the emulator clock
                      --connection FILE   --offset SECONDS | --advance SECONDS
      health        check that a running emulator answers
                      --connection FILE
      connection    print one field of connection.json, for scripts
                      --connection FILE   --field NAME (e.g. dataConnectApp.clientId, tenantId, port)
    \(DataConnectCommands.usage)
      help          this text
    """

/// Writes a line to stdout at once (not through stdio's buffer), so logs show it while serving.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String, code: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data("keyvault-emulator: \(message)\n".utf8))
    exit(code)
}

func serve(_ arguments: [String]) throws {
    let args = try ArgumentList(arguments, valued: ["data-dir", "port", "dns-suffix", "host", "tls-san", "bootstrap", "loops",
                                                    "private-endpoint-port", "trusted-service-app-id", "identity-header", "rsa-key-pool"])
    var configuration = EmulatorConfiguration()
    configuration.dataDirectory = args.value("data-dir") ?? configuration.dataDirectory
    configuration.port = try args.integer("port") ?? configuration.port
    configuration.dnsSuffix = args.value("dns-suffix") ?? configuration.dnsSuffix
    if !args.all("host").isEmpty { configuration.listenAddresses = args.all("host") }
    configuration.extraCertificateNames = args.all("tls-san")
    configuration.bootstrapFile = args.value("bootstrap")
    configuration.loops = try args.integer("loops") ?? configuration.loops
    configuration.rsaKeyPoolDepth = try args.integer("rsa-key-pool") ?? configuration.rsaKeyPoolDepth
    guard (0...64).contains(configuration.rsaKeyPoolDepth) else { throw ArgumentList.UsageError(description: "--rsa-key-pool must be 0...64") }
    guard (0...65535).contains(configuration.port) else { throw ArgumentList.UsageError(description: "--port must be 0...65535") }
    configuration.privateEndpointPort = try args.integer("private-endpoint-port")
    if let port = configuration.privateEndpointPort, !(0...65535).contains(port) {
        throw ArgumentList.UsageError(description: "--private-endpoint-port must be 0...65535")
    }
    configuration.trustedServiceAppIds = args.all("trusted-service-app-id")
    configuration.managedIdentityHeader = args.value("identity-header") ?? configuration.managedIdentityHeader

    // A peer that closes mid-write must not kill the process.
    signal(SIGPIPE, SIG_IGN)
    let server = EmulatorServer(configuration: configuration)
    let connection = try server.start()
    say("keyvault-emulator: ready on port \(connection.port); connection file \(configuration.dataDirectory)/connection.json")
    say("  authority  \(connection.authorityHost)\n  management \(connection.managementEndpoint)\n  vaults     https://<name>.\(connection.vaultDnsSuffix)\n  CA         \(connection.caCertFile)")
    if let port = connection.privateEndpointPort {
        say("  private endpoint listener on port \(port)")
    }

    var sources: [DispatchSourceSignal] = []
    for signalNumber in [SIGTERM, SIGINT] {
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
        source.setEventHandler {
            server.stop()
            say("keyvault-emulator: stopped")
            exit(0)
        }
        source.resume()
        sources.append(source)
    }
    withExtendedLifetime(sources) { dispatchMain() }
}

func session(_ args: ArgumentList) throws -> AzureSession {
    let connection = try ConnectionFile.read(from: args.value("connection") ?? "emulator-data/connection.json")
    return AzureSession(connection: connection, credential: connection.admin)
}

func walkthrough(_ arguments: [String]) throws {
    let args = try ArgumentList(arguments, valued: ["connection", "vault", "resource-group"])
    var options = PortalWalkthrough.Options()
    options.vaultName = args.value("vault") ?? options.vaultName
    options.resourceGroup = args.value("resource-group") ?? options.resourceGroup
    let outcome = try PortalWalkthrough(session: try session(args), options: options).run()
    print("vault \(outcome.vaultURL)\nkey   \(outcome.keyId)")
}

func clock(_ arguments: [String]) throws {
    let args = try ArgumentList(arguments, valued: ["connection", "offset", "advance"])
    let session = try session(args)
    let state: [String: Any]
    if let offset = try args.number("offset") {
        state = try session.admin("POST", "/admin/clock", body: ["offsetSeconds": offset])
    } else if let advance = try args.number("advance") {
        state = try session.admin("POST", "/admin/clock", body: ["advanceSeconds": advance])
    } else {
        state = try session.admin("GET", "/admin/clock")
    }
    print("emulator time \(state["now"] ?? "?") (offset \(state["offsetSeconds"] ?? 0) s)")
}

func health(_ arguments: [String]) throws {
    let args = try ArgumentList(arguments, valued: ["connection"])
    let session = try session(args)
    let state = try session.admin("GET", "/health")
    print("emulator on port \(session.connection.port): \(state["status"] ?? "?")")
}

func connectionField(_ arguments: [String]) throws {
    let args = try ArgumentList(arguments, valued: ["connection", "field"])
    let path = args.value("connection") ?? "emulator-data/connection.json"
    guard let field = args.value("field") else { throw ArgumentList.UsageError(description: "connection needs --field") }
    guard let data = FileManager.default.contents(atPath: path),
          var value = try? JSONSerialization.jsonObject(with: data) else { throw ClientError("cannot read \(path)") }
    for part in field.split(separator: ".") {
        guard let object = value as? [String: Any], let next = object[String(part)] else { throw ClientError("\(path) has no field '\(field)'") }
        value = next
    }
    print(value)
}

var arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.isEmpty ? "help" : arguments.removeFirst()
do {
    switch command {
    case "serve": try serve(arguments)
    case "walkthrough": try walkthrough(arguments)
    case "clock": try clock(arguments)
    case "health": try health(arguments)
    case "connection": try connectionField(arguments)
    case "principal": try principal(arguments)
    case "group": try group(arguments)
    case "dataconnect": try DataConnectCommands.run(arguments)
    case "help", "--help", "-h": print(usage)
    default: fail("unknown command '\(command)'\n\n\(usage)")
    }
} catch let error as ArgumentList.UsageError {
    fail("\(error)\n\n\(usage)")
} catch {
    fail("\(error)", code: 1)
}
