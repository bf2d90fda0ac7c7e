// DataConnect: the invented organisation behind the rows: fixtures plus seed-derived identities.

import Foundation

/// One mailbox user of the synthetic tenant.
public struct TenantUser: Sendable, Equatable {
    /// Entra object id (derived from the seed): the `puser` of the rows extracted for this user.
    public let objectId: String
    /// The mail nickname (the part of the address before `@`).
    public let alias: String
    public let givenName: String
    public let surname: String
    public let displayName: String
    public let mail: String
    public let jobTitle: String
    public let department: String
    /// Index of the manager in `SyntheticTenant.users` (nil for the top of the organisation).
    public let managerIndex: Int?
    /// Index in `SyntheticTenant.offices` (nil when the fixture gives none).
    public let officeIndex: Int?
}

/// A correspondent outside the tenant.
public struct MailContact: Sendable, Equatable, Codable {
    public let name: String
    public let address: String
}

/// Reusable pieces of message text from `mail-content.json`.
public struct MailContent: Sendable, Equatable, Codable {
    public struct Attachment: Sendable, Equatable, Codable {
        public let name: String
        public let contentType: String
    }
    public let subjects: [String]
    public let bodySnippets: [String]
    public let greetings: [String]
    public let signOffs: [String]
    public let categories: [String]
    public let attachments: [Attachment]
}

/// The synthetic organisation: people, offices, groups and content from `fixtures/dataconnect/`,
/// object ids and Exchange server names from the seed, the tenant id from connection.json.
///
/// ```swift
/// let tenant = try SyntheticTenant.load(fixtures: dir, tenantId: connection.tenantId, seed: 42)
/// tenant.users[0].mail   // "odile.marchetti@larkspuravionics.example"
/// ```
public struct SyntheticTenant: Sendable {
    public static let tenantFile = "tenant.json"
    public static let mailContentFile = "mail-content.json"
    public static let workplaceContentFile = "workplace-content.json"

    public let tenantId: String
    public let organization: String
    public let domain: String
    public let exchangeForest: String
    /// Mailbox servers such as `BN7PR17MB4821` (prefix from the fixture, number from the seed).
    public let exchangeServers: [String]
    public let users: [TenantUser]
    public let externalContacts: [MailContact]
    public let content: MailContent
    public let offices: [TenantOffice]
    public let groups: [TenantGroup]
    public let workplace: WorkplaceContent

    /// Reads the three fixture files from `fixtures` and derives the seeded identities.
    public static func load(fixtures: URL, tenantId: String, seed: UInt64) throws -> SyntheticTenant {
        let tenant = try JSONInput.decodeFile(TenantFixture.self, path: fixtures.appendingPathComponent(tenantFile).path,
                                              failure: .invalidInput)
        let content = try JSONInput.decodeFile(MailContent.self, path: fixtures.appendingPathComponent(mailContentFile).path,
                                               failure: .invalidInput)
        let workplace = try JSONInput.decodeFile(WorkplaceContent.self,
                                                 path: fixtures.appendingPathComponent(workplaceContentFile).path, failure: .invalidInput)
        return try SyntheticTenant(fixture: tenant, content: content, workplace: workplace, tenantId: tenantId, seed: seed)
    }

    init(fixture: TenantFixture, content: MailContent, workplace: WorkplaceContent, tenantId: String, seed: UInt64) throws {
        func invalid(_ problem: String) -> DataConnectError {
            DataConnectError(.invalidInput, "fixtures: \(problem)")
        }
        guard !fixture.users.isEmpty else { throw invalid("\(SyntheticTenant.tenantFile) lists no users") }
        guard !fixture.exchangeServerPrefixes.isEmpty else { throw invalid("\(SyntheticTenant.tenantFile) lists no exchangeServerPrefixes") }
        for (name, list) in [("subjects", content.subjects), ("bodySnippets", content.bodySnippets),
                             ("greetings", content.greetings), ("signOffs", content.signOffs),
                             ("categories", content.categories)] where list.isEmpty {
            throw invalid("\(SyntheticTenant.mailContentFile) has an empty \(name) list")
        }
        guard !content.attachments.isEmpty else { throw invalid("\(SyntheticTenant.mailContentFile) has an empty attachments list") }
        if let empty = workplace.emptyList { throw invalid("\(SyntheticTenant.workplaceContentFile) has an empty \(empty) list") }
        let offices = fixture.offices ?? []
        let officeByKey = Dictionary(offices.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        let indexByAlias = Dictionary(fixture.users.enumerated().map { ($1.alias, $0) }, uniquingKeysWith: { first, _ in first })
        var random = DeterministicRandom(seed: seed, stream: "tenant-identities")
        users = try fixture.users.map { user in
            var managerIndex: Int?
            if let manager = user.manager {
                guard let index = indexByAlias[manager] else { throw invalid("user \(user.alias) has unknown manager \(manager)") }
                managerIndex = index
            }
            var officeIndex: Int?
            if let office = user.office {
                guard let index = officeByKey[office] else { throw invalid("user \(user.alias) has unknown office \(office)") }
                officeIndex = index
            }
            return TenantUser(objectId: random.guid(), alias: user.alias, givenName: user.givenName, surname: user.surname,
                              displayName: "\(user.givenName) \(user.surname)", mail: "\(user.alias)@\(fixture.domain)",
                              jobTitle: user.jobTitle, department: user.department, managerIndex: managerIndex,
                              officeIndex: officeIndex)
        }
        exchangeServers = fixture.exchangeServerPrefixes.map { "\($0)\(random.int(in: 1000...9999))" }
        self.tenantId = tenantId
        organization = fixture.organization
        domain = fixture.domain
        exchangeForest = fixture.exchangeForest
        externalContacts = fixture.externalContacts
        self.content = content
        self.offices = offices
        groups = try SyntheticTenant.makeGroups(fixture.groups ?? [], indexByAlias: indexByAlias, domain: fixture.domain, seed: seed)
        self.workplace = workplace
    }

    /// The direct reports of the user at `index`.
    public func reports(of index: Int) -> [Int] {
        users.indices.filter { users[$0].managerIndex == index }
    }

    /// Where the fixtures are when no directory is given: `$DATACONNECT_FIXTURES`, else the first
    /// `fixtures/dataconnect` found walking up from the working directory, then from the executable,
    /// then in the source checkout this library was compiled from.
    public static func defaultFixtureDirectory(executablePath: String?, sourceFile: String = #filePath) -> URL? {
        let environment = ProcessInfo.processInfo.environment["DATACONNECT_FIXTURES"]
        if let environment, !environment.isEmpty { return URL(fileURLWithPath: environment) }
        var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        if let executablePath {
            starts.append(URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        starts.append(URL(fileURLWithPath: sourceFile).deletingLastPathComponent())
        for start in starts {
            var directory = start.standardizedFileURL
            while true {
                let candidate = directory.appendingPathComponent("fixtures/dataconnect")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(tenantFile).path) { return candidate }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }
}

/// `tenant.json` as stored.
struct TenantFixture: Decodable {
    struct User: Decodable {
        let alias: String
        let givenName: String
        let surname: String
        let jobTitle: String
        let department: String
        let manager: String?
        let office: String?
    }
    let organization: String
    let domain: String
    let exchangeForest: String
    let exchangeServerPrefixes: [String]
    let users: [User]
    let externalContacts: [MailContact]
    let offices: [TenantOffice]?
    let groups: [GroupFixture]?
}
