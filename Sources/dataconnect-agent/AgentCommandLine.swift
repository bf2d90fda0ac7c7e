// dataconnect-agent: the command line: parse flags into DataConnect options and run them.

import DataConnect
import Foundation

/// `dataconnect-agent run|decrypt|help`. Parsing only; the work happens in `DeliveryRun` and
/// `Decryptor`. Every failure is one line on stderr and an exit status from `DataConnectError`.
enum AgentCommandLine {
    static let usage = """
        usage: dataconnect-agent run --connection FILE --app APPID --vault URL --dataset NAME --destination DIR
                                     [--seed N] [--require-encryption] [--rows N] [--files N]
                                     [--wrap-algorithm RSA-OAEP-256|RSA-OAEP|RSA1_5] [--fixtures DIR]
                                     [--columns A,B,...] [--scope-groups G1,G2,...] [--date-filter-column NAME]
                                     [--start-time ISO-8601] [--end-time ISO-8601] [--sharepoint-mode snapshot|delta]
               dataconnect-agent decrypt --connection FILE --drop DIR --output DIR
               dataconnect-agent help

        run      deliver a dataset as Microsoft Graph Data Connect does: authenticate as the app
                 (--app must be dataConnectApp.clientId of connection.json), fetch the RSA key named
                 after the tenant from --vault, write DIR/<runId>/ with GUID-named JSON-lines files,
                 gzip + AES-256-CBC encrypted under a fresh key wrapped with the RSA key; if the vault
                 is not set up, deliver unencrypted with a warning (or fail with --require-encryption).
                 --rows (default \(DeliveryOptions.defaultRows)) are split over --files (default \(DeliveryOptions.defaultFiles)); --seed makes
                 rows and file names reproducible. Datasets: \(DatasetCatalog.names.joined(separator: ", ")).
                 --columns delivers a subset (the p* identity columns, SharePoint's SnapshotDate and
                 Operation, and the bookkeeping columns always come); --scope-groups (ids or mail nicknames,
                 at most 10) limits a user-scoped dataset to the groups' members; --start-time/--end-time
                 keep rows whose --date-filter-column lies in [start, end) (CalendarView_v0: the required
                 calendar window; SharePoint: one day = full snapshot, two days = delta, or --sharepoint-mode).
        decrypt  the customer's side: unwrap the AES key with the vault's decrypt as the admin of
                 connection.json, decrypt and gunzip every file of --drop (a DIR/<runId>) into
                 --output, and check each file's SHA-256 and row count against metadata/run.json.

        exit status: 0 success, 2 usage, 3 run failed, 4 verification failed, 5 HTTP or transport error
        """

    /// Parses and runs; returns the process exit status.
    static func main(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            return fail(DataConnectError(.usage, "missing command: run, decrypt or help"))
        }
        do {
            switch command {
            case "help", "--help", "-h":
                FileHandle.standardOutput.write(Data((usage + "\n").utf8))
                return 0
            case "run":
                let options = try runOptions(try Flags(Array(arguments.dropFirst()),
                    values: ["--connection", "--app", "--vault", "--dataset", "--destination", "--seed", "--rows", "--files",
                             "--wrap-algorithm", "--fixtures", "--columns", "--scope-groups", "--date-filter-column",
                             "--start-time", "--end-time", "--sharepoint-mode"],
                    switches: ["--require-encryption"]))
                let result = try DeliveryRun(options: options, console: StandardConsole(),
                                             executablePath: Bundle.main.executablePath ?? CommandLine.arguments.first).run()
                FileHandle.standardOutput.write(Data((result.drop.path + "\n").utf8))
                return 0
            case "decrypt":
                let flags = try Flags(Array(arguments.dropFirst()), values: ["--connection", "--drop", "--output"], switches: [])
                _ = try Decryptor(connectionPath: try flags.required("--connection"), drop: try flags.required("--drop"),
                                  output: try flags.required("--output"), console: StandardConsole()).run()
                return 0
            default:
                throw DataConnectError(.usage, "unknown command \(command); expected run, decrypt or help")
            }
        } catch let error as DataConnectError {
            return fail(error)
        } catch {
            return fail(DataConnectError(.runFailed, "unexpected failure: \(error)"))
        }
    }

    private static func runOptions(_ flags: Flags) throws -> DeliveryOptions {
        var options = DeliveryOptions(connectionPath: try flags.required("--connection"), appId: try flags.required("--app"),
                                      vaultURL: try flags.required("--vault"), dataset: try flags.required("--dataset"),
                                      destination: try flags.required("--destination"))
        if let seed = flags.values["--seed"] {
            guard let value = UInt64(seed), value <= DeliveryOptions.maximumSeed else {
                throw DataConnectError(.usage, "--seed must be a whole number from 0 to \(DeliveryOptions.maximumSeed), got \(seed)")
            }
            options.seed = value
        }
        options.rows = try flags.integer("--rows") ?? DeliveryOptions.defaultRows
        options.files = try flags.integer("--files") ?? DeliveryOptions.defaultFiles
        if let name = flags.values["--wrap-algorithm"] {
            guard let algorithm = KeyWrapAlgorithm(rawValue: name) else {
                throw DataConnectError(.usage, "--wrap-algorithm must be one of \(KeyWrapAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")), got \(name)")
            }
            options.wrapAlgorithm = algorithm
        }
        options.requireEncryption = flags.switches.contains("--require-encryption")
        options.fixturesDirectory = flags.values["--fixtures"]
        options.extraction = try extractionOptions(flags)
        _ = try options.validate()   // usage errors (counts, dataset, vault URL) before any file is read
        return options
    }

    /// `--columns`, `--scope-groups`, `--date-filter-column`, `--start-time`, `--end-time`, `--sharepoint-mode`.
    private static func extractionOptions(_ flags: Flags) throws -> ExtractionOptions {
        func list(_ name: String) -> [String]? {
            flags.values[name].map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
        }
        var extraction = ExtractionOptions()
        extraction.columns = list("--columns")
        extraction.scopeGroups = list("--scope-groups") ?? []
        extraction.dateFilterColumn = flags.values["--date-filter-column"]
        extraction.startTime = flags.values["--start-time"]
        extraction.endTime = flags.values["--end-time"]
        if let mode = flags.values["--sharepoint-mode"] {
            guard let value = SharePointMode(rawValue: mode) else {
                throw DataConnectError(.usage, "--sharepoint-mode must be snapshot or delta, got \(mode)")
            }
            extraction.sharePointMode = value
        }
        return extraction
    }

    /// Prints `dataconnect-agent: <reason>` as one line on stderr and returns the exit status.
    private static func fail(_ error: DataConnectError) -> Int32 {
        let line = error.reason.split(whereSeparator: \.isNewline).joined(separator: " ")
        let hint = error.code == .usage ? " (dataconnect-agent help shows the usage)" : ""
        FileHandle.standardError.write(Data("dataconnect-agent: \(line)\(hint)\n".utf8))
        return error.exitStatus
    }
}

/// `--name value`, `--name=value` and bare switches; anything else is a usage error.
struct Flags {
    private(set) var values: [String: String] = [:]
    private(set) var switches: Set<String> = []

    init(_ arguments: [String], values allowedValues: Set<String>, switches allowedSwitches: Set<String>) throws {
        var index = 0
        while index < arguments.count {
            var name = arguments[index]
            var inline: String?
            if let equals = name.firstIndex(of: "="), name.hasPrefix("--") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if allowedSwitches.contains(name), inline == nil {
                switches.insert(name)
            } else if allowedValues.contains(name) {
                guard values[name] == nil else { throw DataConnectError(.usage, "\(name) is given twice") }
                if let inline {
                    values[name] = inline
                } else {
                    guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") else {
                        throw DataConnectError(.usage, "\(name) needs a value")
                    }
                    index += 1
                    values[name] = arguments[index]
                }
            } else if name.hasPrefix("-") {
                throw DataConnectError(.usage, "unknown option \(name)")
            } else {
                throw DataConnectError(.usage, "unexpected argument \(name)")
            }
            index += 1
        }
    }

    func required(_ name: String) throws -> String {
        guard let value = values[name], !value.isEmpty else { throw DataConnectError(.usage, "missing required option \(name)") }
        return value
    }

    func integer(_ name: String) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text) else { throw DataConnectError(.usage, "\(name) must be a whole number, got \(text)") }
        return value
    }
}
