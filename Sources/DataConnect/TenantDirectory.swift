// DataConnect: the synthetic tenant's offices, groups and workplace content (beyond the mail users).

import Foundation

/// An office users work from (`tenant.json` `offices`): the address columns of User_v1 and the time
/// zone of calendar events. Street addresses are invented; phone prefixes are in ranges reserved for
/// fiction (NANP 555-01xx, Ofcom 020 7946 0xxx).
public struct TenantOffice: Sendable, Equatable, Decodable {
    public let key: String
    public let name: String
    public let streetAddress: String
    public let city: String
    public let state: String
    public let postalCode: String
    public let country: String
    public let usageLocation: String
    /// Windows time-zone name, as Exchange writes `originalStartTimeZone`.
    public let timeZone: String
    public let phonePrefix: String
    public let building: String
}

/// A Microsoft 365 group of the tenant (`tenant.json` `groups`). `--scope-groups` names groups by
/// object id or mail nickname; a user-scoped extraction then covers the members only.
public struct TenantGroup: Sendable, Equatable {
    /// Entra object id, derived from the seed (stream `tenant-groups`).
    public let objectId: String
    public let mailNickname: String
    public let displayName: String
    public let description: String
    public let mail: String
    /// `Private` or `Public`.
    public let visibility: String
    /// A Teams-enabled group: its site is Teams-connected and its members share a group chat.
    public let teamsEnabled: Bool
    /// Indices into `SyntheticTenant.users`, ascending.
    public let members: [Int]
    public let owners: [Int]
}

/// Reusable text for the directory, calendar, chat and SharePoint generators (`workplace-content.json`).
public struct WorkplaceContent: Sendable, Equatable, Decodable {
    public struct License: Sendable, Equatable, Decodable {
        public let name: String
        public let services: [String]
    }
    public struct Site: Sendable, Equatable, Decodable {
        public let urlName: String
        public let title: String
    }
    public let aboutMe: [String]
    public let interests: [String]
    public let skills: [String]
    public let schools: [String]
    public let pastProjects: [String]
    public let responsibilities: [String]
    public let licenses: [License]
    public let meetingSubjects: [String]
    public let meetingRooms: [String]
    public let chatLines: [String]
    public let communicationSites: [Site]
    public let projectSites: [Site]
    public let libraryFolders: [String]
    public let documents: [String]

    /// The name of the first empty list, if any (every list is drawn from).
    var emptyList: String? {
        let lists: [(String, Int)] = [
            ("aboutMe", aboutMe.count), ("interests", interests.count), ("skills", skills.count), ("schools", schools.count),
            ("pastProjects", pastProjects.count), ("responsibilities", responsibilities.count), ("licenses", licenses.count),
            ("meetingSubjects", meetingSubjects.count), ("meetingRooms", meetingRooms.count), ("chatLines", chatLines.count),
            ("communicationSites", communicationSites.count), ("libraryFolders", libraryFolders.count), ("documents", documents.count),
        ]
        return lists.first { $0.1 == 0 }?.0
    }
}

/// `tenant.json` `groups` entries as stored (members by alias).
struct GroupFixture: Decodable {
    let mailNickname: String
    let displayName: String
    let description: String
    let visibility: String
    let teams: Bool
    let owners: [String]
    let members: [String]
}

extension SyntheticTenant {
    /// Groups with seeded object ids; members and owners resolved to user indices.
    static func makeGroups(_ fixtures: [GroupFixture], indexByAlias: [String: Int], domain: String, seed: UInt64) throws -> [TenantGroup] {
        var random = DeterministicRandom(seed: seed, stream: "tenant-groups")
        var nicknames = Set<String>()
        return try fixtures.map { group in
            guard nicknames.insert(group.mailNickname.lowercased()).inserted else {
                throw DataConnectError(.invalidInput, "fixtures: group \(group.mailNickname) is listed twice")
            }
            func indices(_ aliases: [String]) throws -> [Int] {
                try Array(Set(aliases.map { alias in
                    guard let index = indexByAlias[alias] else {
                        throw DataConnectError(.invalidInput, "fixtures: group \(group.mailNickname) names unknown user \(alias)")
                    }
                    return index
                })).sorted()
            }
            return TenantGroup(objectId: random.guid(), mailNickname: group.mailNickname, displayName: group.displayName,
                               description: group.description, mail: "\(group.mailNickname)@\(domain)",
                               visibility: group.visibility, teamsEnabled: group.teams,
                               members: try indices(group.members), owners: try indices(group.owners))
        }
    }

    /// The group called `name`: its object id or its mail nickname (both case-insensitive).
    public func group(named name: String) -> TenantGroup? {
        let wanted = name.lowercased()
        return groups.first { $0.objectId == wanted || $0.mailNickname.lowercased() == wanted }
    }

    /// The office of the user at `index`, if the fixture gives one.
    public func office(of index: Int) -> TenantOffice? {
        users[index].officeIndex.map { offices[$0] }
    }

    /// The groups the user at `index` is a member of.
    public func groups(of index: Int) -> [TenantGroup] {
        groups.filter { $0.members.contains(index) }
    }
}
