// DataConnectRegistry: the rules for a registration's datasets: names, column lists and user scopes.

import Foundation
import ServiceCore

extension RegistrationValidation {
    /// At least one dataset, each named once (case-insensitive); columns absent (every column) or a
    /// non-empty list of unique names; scope absent (all users), `Groups` (1-10) or `Filter`.
    func datasets(_ input: [RegistrationInput.DatasetInput]?) throws -> [DatasetGrant] {
        guard let input, !input.isEmpty else { throw bad("The property 'properties.datasets' must list at least one dataset.") }
        var grants: [DatasetGrant] = []
        for (index, entry) in input.enumerated() {
            let path = "properties.datasets[\(index)]"
            guard let name = entry.name, Self.isName(name, extra: ".", maximum: 128) else {
                throw bad("The property '\(path).name' must be a dataset name such as BasicDataSet_v0.Message_v1.")
            }
            guard grants.allSatisfy({ $0.name.lowercased() != name.lowercased() }) else {
                throw bad("Dataset '\(name)' is listed twice in 'properties.datasets'.")
            }
            var columns: [String]?
            if let given = entry.columns {
                guard !given.isEmpty else { throw bad("The property '\(path).columns' must list at least one column, or be left out for every column.") }
                for column in given where !Self.isName(column, extra: "", maximum: 128) {
                    throw bad("The column name '\(column)' in '\(path).columns' is invalid.")
                }
                guard Set(given.map { $0.lowercased() }).count == given.count else {
                    throw bad("The property '\(path).columns' lists a column twice.")
                }
                columns = given
            }
            grants.append(DatasetGrant(name: name, columns: columns, scope: try scope(entry.scope, path: "\(path).scope")))
        }
        return grants
    }

    func scope(_ input: RegistrationInput.ScopeInput?, path: String) throws -> UserScope {
        guard let input else { return .allUsers }
        let types = [UserScope.allUsersType, UserScope.groupsType, UserScope.filterType]
        guard let type = types.first(where: { $0.lowercased() == (input.type ?? UserScope.allUsersType).lowercased() }) else {
            throw bad("The value '\(input.type ?? "")' of property '\(path).type' is invalid. Valid values are 'AllUsers', 'Groups' and 'Filter'.")
        }
        switch type {
        case UserScope.groupsType:
            guard let groups = input.groups, (1...Self.maximumGroups).contains(groups.count) else {
                throw bad("The property '\(path).groups' must list 1 to \(Self.maximumGroups) groups (object ids or mail nicknames).")
            }
            var unique: [String] = []
            for group in groups {
                // Our choice: a group is named by object id or by mail nickname (the synthetic tenant's
                // group ids derive from the run's seed; nicknames are stable).
                guard Self.isGUID(group) || Self.isName(group, extra: ".-", maximum: 64) else {
                    throw bad("The value '\(group)' in '\(path).groups' is not a group object id or mail nickname.")
                }
                if !unique.contains(group.lowercased()) { unique.append(group.lowercased()) }
            }
            return .groups(unique)
        case UserScope.filterType:
            // Checked by shape only: filter URIs carry spaces and quotes that URL parsers refuse.
            guard let uri = input.filterUri, uri.lowercased().hasPrefix("https://"), uri.count > "https://".count,
                  !uri.dropFirst("https://".count).hasPrefix("/") else {
                throw bad("The property '\(path).filterUri' must be an https user scope filter URI, e.g. https://graph.microsoft.com/v1.0/users?$filter=Department eq 'Finance'.")
            }
            return .filter(uri)
        default:
            return .allUsers
        }
    }
}
