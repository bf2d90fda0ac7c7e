// Emulator: the reads every authenticated request makes, cached until the database changes.

import Authorization
import Management
import Storage

/// Vault by name and the compiled RBAC evaluator of a caller, read through `ReadCache`s so a
/// data-plane request that writes nothing costs no SQL and no role compilation after the first.
final class AccessLookups: Sendable {
    private let management: ManagementService
    private let vaults: ReadCache<String, VaultRecord?>
    private let evaluators: ReadCache<Set<String>, RBACEvaluator>

    init(management: ManagementService, database: Database) {
        self.management = management
        vaults = ReadCache(database: database)
        evaluators = ReadCache(database: database)
    }

    func vault(named name: String) -> VaultRecord? {
        vaults.value(for: name.lowercased()) { management.vault(named: name) }
    }

    /// The RBAC evaluator for the assignments naming any of `grantees` (a caller and its groups).
    func rbac(for grantees: Set<String>) -> RBACEvaluator {
        evaluators.value(for: grantees) {
            RBACEvaluator(assignments: management.roleAssignments(forPrincipals: grantees), definitions: management.roleDefinitions())
        }
    }
}
