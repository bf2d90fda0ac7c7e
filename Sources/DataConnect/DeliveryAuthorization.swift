// DataConnect: a run's questions before it writes: does the registration authorize it, and how to encrypt.

import Foundation

extension DeliveryRun {
    /// The registration's verdict on this run (`POST /providers/Microsoft.DataConnect/authorizeRun`
    /// as the application). Refusals are `notAuthorized(code)`; nothing has been written then.
    func authorize(dataset: DatasetDefinition, connection: ConnectionFile, credential: ClientCredential) throws -> RunAuthorizationAnswer {
        let destination = try DestinationPath.resolve(options.destination)
        console.step("Checking the app registration: \(credential.clientId) asks for \(dataset.name) (\(dataset.columns.count) columns) into \(destination ?? "the registration's container")")
        let management = ManagementClient(transport: transport(connection), credential: credential, connection: connection)
        let answer = try management.authorizeRun(RunAuthorizationRequest(
            dataset: dataset.name, columns: DeliveryRun.requestedColumns(dataset), scope: requestedScope(dataset),
            destinationTenantId: options.destinationTenantId,
            destinationPath: destination))
        console.step("Authorized by \(answer.registrationId): \(answer.status), approved revision \(answer.revision), valid until \(answer.expiresAt ?? "?"); destination \(answer.destination.path)")
        do {
            try FileManager.default.createDirectory(atPath: answer.destination.path, withIntermediateDirectories: true)
        } catch {
            throw DataConnectError(.runFailed, "cannot create the destination \(answer.destination.path)")
        }
        return answer
    }

    /// The columns the run asks the registration for: the delivered ones without those every row
    /// carries whatever is asked (`puser`, `ptenant`, SharePoint's `SnapshotDate`/`Operation`), so a
    /// registration's column list names only what the pipeline chooses.
    static func requestedColumns(_ dataset: DatasetDefinition) -> [String] {
        let chosen = dataset.columns.filter { !dataset.schema.alwaysDelivered.contains($0) }
        return chosen.isEmpty ? dataset.columns : chosen
    }

    /// The user scope the run asks for, as the copy activity would: `allowedGroups` (the
    /// `--scope-groups` as given: object ids or mail nicknames), else `userScopeFilterUri`, else all users.
    func requestedScope(_ dataset: DatasetDefinition) -> RunScope? {
        let groups = dataset.request.scopeGroups.map { $0.lowercased() }
        if !groups.isEmpty { return .groups(groups) }
        return options.scopeFilterUri.map(RunScope.filter)
    }

    /// Encryption as the approved registration decides it: not requested (off, or a dataset that
    /// cannot be encrypted), or the linked vault's tenant key checked (`EncryptionPreflight`).
    func encryptionPlan(dataset: DatasetDefinition, authorization: RunAuthorizationAnswer, requestedVault: URLOrigin?,
                                connection: ConnectionFile, credential: ClientCredential) throws -> EncryptionPlan {
        let encryption = authorization.encryption
        guard encryption.applies else {
            let reason = encryption.enabled
                ? "\(dataset.name) is not eligible for encryption (Viva Insights datasets are delivered in clear)"
                : "the app registration does not enable encryption for datasets"
            return .notRequested(reason: reason)
        }
        guard let uri = encryption.keyVaultUri, let vault = URLOrigin(uri) else {
            throw DataConnectError(.transport, "the run authorization enables encryption but names no key vault")
        }
        if let requestedVault, requestedVault != vault {
            throw DataConnectError(.invalidInput,
                "--vault \(requestedVault.text) is not the vault the app registration links (\(vault.text)); leave --vault out or update the registration")
        }
        console.step("Authenticating as the Data Connect application's service principal (\(credential.clientId))")
        let client = VaultClient(transport: transport(connection), credential: credential,
                                 authorityHost: connection.authorityHost, tenantId: connection.tenantId,
                                 progress: { console.step($0) })
        return try EncryptionPreflight.run(client: client, vault: vault, tenantId: connection.tenantId, now: now(), console: console)
    }
}
