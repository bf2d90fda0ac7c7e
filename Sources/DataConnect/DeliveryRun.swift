// DataConnect: one delivery run end to end: connection, key check, rows, envelope, metadata.

import Foundation
import VaultCrypto

/// What a finished run produced.
public struct DeliveryResult: Sendable {
    public let drop: URL
    public let report: RunReport
}

/// `dataconnect-agent run`: plays the Data Connect service delivering one dataset for one app.
///
/// Order: validate options -> read connection.json and fixtures -> ask the app registration whether
/// this run is authorized (the eight checks, evaluated by the emulator; a refusal ends the run before
/// anything is written) -> create `<destination>/<runId>/` -> when the approved registration enables
/// encryption for this dataset, pick and check the tenant key (fail-open to a clear drop unless
/// `requireEncryption`) -> write the files (one per core in parallel, each streamed rows -> gzip ->
/// AES -> temp file -> rename) -> encryptionKeyDetails.json -> run.json last. Any failure after the
/// drop directory exists writes a Failed run.json, removes data files, and is rethrown.
///
/// ```swift
/// let result = try DeliveryRun(options: options, console: StandardConsole()).run()
/// print(result.drop.path)
/// ```
public struct DeliveryRun {
    public typealias TransportFactory = @Sendable (ConnectionFile) -> any VaultTransport

    let options: DeliveryOptions
    let console: any AgentConsole
    let transport: TransportFactory
    let now: @Sendable () -> Date
    let executablePath: String?

    public init(options: DeliveryOptions, console: any AgentConsole,
                transport: @escaping TransportFactory = { CurlVaultTransport(caFile: $0.caCertFile) },
                now: @escaping @Sendable () -> Date = { Date() }, executablePath: String? = nil) {
        self.options = options
        self.console = console
        self.transport = transport
        self.now = now
        self.executablePath = executablePath
    }

    public func run() throws -> DeliveryResult {
        let (catalogDataset, requestedVault) = try options.validate()
        let connection = try ConnectionFile.load(path: options.connectionPath)
        let credential = try connection.credential(forApp: options.appId)
        let seed = options.seed ?? DeliveryRun.freshSeed()
        guard let fixtures = options.fixturesDirectory.map({ URL(fileURLWithPath: $0) })
                ?? SyntheticTenant.defaultFixtureDirectory(executablePath: executablePath) else {
            throw DataConnectError(.invalidInput, "cannot find fixtures/dataconnect (pass --fixtures DIR or set DATACONNECT_FIXTURES)")
        }
        let tenant = try SyntheticTenant.load(fixtures: fixtures, tenantId: connection.tenantId, seed: seed)
        let dataset = try catalogDataset.configured(options.extraction, tenant: tenant)   // resolves --scope-groups
        let authorization = try authorize(dataset: dataset, connection: connection, credential: credential)

        let runId = GUIDText.fresh()
        let layout = DropLayout(root: URL(fileURLWithPath: authorization.destination.path).appendingPathComponent(runId))
        try layout.create()
        var report = RunReport(runId: runId, appId: credential.clientId, tenantId: connection.tenantId, dataset: dataset.name,
                               columns: dataset.columns, systemColumns: dataset.systemColumns, seed: seed, encrypted: false,
                               keyId: nil, wrapAlgorithm: nil, cipher: nil, compression: nil, files: [], status: .failed,
                               warnings: [], error: nil, startedAt: RowTime.text(now()), finishedAt: "")
        report.registration = RunReport.Registration(id: authorization.registrationId, status: authorization.status,
                                                     revision: authorization.revision, expiresAt: authorization.expiresAt)
        console.step("Run \(runId): \(dataset.name) for application \(credential.clientId) in tenant \(connection.tenantId); \(options.rows) rows in \(options.files) files, seed \(seed)")
        do {
            try deliver(dataset: dataset, authorization: authorization, requestedVault: requestedVault, connection: connection,
                        credential: credential, tenant: tenant, seed: seed, layout: layout, report: &report)
        } catch let error as DataConnectError {
            report.status = .failed
            report.files = []
            report.error = error.reason
            report.finishedAt = RowTime.text(now())
            DeliveryRun.removeDataFiles(in: layout)
            try? DropLayout.writeAtomically(report.jsonData(), to: layout.runReport)
            console.step("Run failed; wrote \(layout.runReport.path)")
            throw error
        }
        console.step("Drop ready: \(layout.root.path)")
        return DeliveryResult(drop: layout.root, report: report)
    }

    private func deliver(dataset: DatasetDefinition, authorization: RunAuthorizationAnswer, requestedVault: URLOrigin?,
                         connection: ConnectionFile, credential: ClientCredential, tenant: SyntheticTenant, seed: UInt64,
                         layout: DropLayout, report: inout RunReport) throws {
        let plan = try encryptionPlan(dataset: dataset, authorization: authorization, requestedVault: requestedVault,
                                      connection: connection, credential: credential)
        var envelope: DropEnvelope?
        var keyDetails: EncryptionKeyDetails?
        switch plan {
        case .encrypt(let key):
            let fresh = DropEnvelope.fresh()
            let wrapped = try fresh.wrapKey(with: key.publicKey, algorithm: options.wrapAlgorithm)
            envelope = fresh
            keyDetails = EncryptionKeyDetails(publicKeyVersion: key.identifier.version, wrappedKey: wrapped, iv: fresh.iv)
            report.encrypted = true
            report.keyId = key.identifier.text
            report.wrapAlgorithm = options.wrapAlgorithm.rawValue
            report.cipher = RunReport.cipherName
            report.compression = RunReport.compressionName
            console.step("Generated a fresh AES-256 key and IV for this drop; wrapped the key with \(options.wrapAlgorithm.rawValue) using key version \(key.identifier.version)")
        case .notRequested(let reason):
            if options.requireEncryption {
                throw DataConnectError(.encryptionRequired, "encryption is required (--require-encryption) but \(reason); no data was delivered")
            }
            console.step("Not encrypting: \(reason)")
        case .notSetUp(let step, _):
            let problem = plan.problem ?? step.text
            if options.requireEncryption {
                report.warnings = ["encryption is not set up: \(problem)"]
                console.step("In the portal: \(step.portalWording)")
                throw DataConnectError(.encryptionRequired,
                    "encryption is required (--require-encryption) but not set up: \(problem); no data was delivered")
            }
            let warning = "encryption is not set up, so the data is delivered UNENCRYPTED (as Data Connect does): \(problem)"
            report.warnings.append(warning)
            console.warning(warning)
            console.step("In the portal: \(step.portalWording)")
        }

        let names = DeliveryRun.fileNames(seed: seed, count: options.files)
        let partitions = DatasetPartition.split(rows: options.rows, files: options.files)
        console.step(envelope == nil
            ? "Writing \(options.files) files of JSON lines (not compressed, not encrypted)"
            : "Writing \(options.files) files: JSON lines, gzip-compressed, then AES-256-CBC/PKCS#7 encrypted")
        report.files = try FileProduction.write(partitions: partitions, names: names, dataset: dataset, tenant: tenant,
                                                seed: seed, envelope: envelope, layout: layout, gzipLevel: options.gzipLevel)
        for entry in report.files { console.step("Wrote \(entry.name): \(entry.rows) rows, plaintext SHA-256 \(entry.plaintextSha256)") }
        if let keyDetails {
            try DropLayout.writeAtomically(keyDetails.jsonData(), to: layout.keyDetails)
            console.step("Wrote \(EncryptionKeyDetails.relativePath)")
        }
        report.status = report.warnings.isEmpty ? .succeeded : .succeededWithWarnings
        report.finishedAt = RowTime.text(now())
        try DropLayout.writeAtomically(report.jsonData(), to: layout.runReport)
        console.step("Wrote metadata/run.json (status \(report.status.rawValue))")
    }

    /// File names: GUIDs from the seed, so a seed reproduces the drop's names.
    public static func fileNames(seed: UInt64, count: Int) -> [String] {
        var random = DeterministicRandom(seed: seed, stream: "file-names")
        return (0..<count).map { _ in random.guid() + ".json" }
    }

    /// A seed for runs without `--seed` (below 2^31, so it reads well and survives any JSON parser).
    static func freshSeed() -> UInt64 {
        SecureRandom.bytes(4).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } & 0x7FFF_FFFF
    }

    /// Removes data files and partial files, leaving metadata (a Failed drop has no data files).
    static func removeDataFiles(in layout: DropLayout) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.root.path)) ?? []
        for name in names where name.hasSuffix(".json") || name.hasSuffix(".partial") {
            try? FileManager.default.removeItem(at: layout.root.appendingPathComponent(name))
        }
    }
}
