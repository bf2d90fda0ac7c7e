// Management: the SQLite schema of the ARM resources, as ordered named migrations.

import Storage

/// Tables of the management plane. Names are stored as written and looked up through a
/// lower-cased `*_key` column, because ARM names compare case-insensitively. Times are
/// milliseconds since 1970 (ARM writes them with fractional seconds).
enum ManagementSchema {
    static let migrations: [Migration] = [
        Migration("management-001-resource-groups", """
            CREATE TABLE management_resource_groups(
                subscription_id TEXT NOT NULL,
                name_key TEXT NOT NULL,
                name TEXT NOT NULL,
                location TEXT NOT NULL,
                tags TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (subscription_id, name_key))
            """),
        // Vault names are unique across the emulator, as Azure's are across the cloud.
        Migration("management-002-vaults", """
            CREATE TABLE management_vaults(
                name_key TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                subscription_id TEXT NOT NULL,
                resource_group_key TEXT NOT NULL,
                location TEXT NOT NULL,
                tags TEXT NOT NULL,
                properties TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                created_by TEXT NOT NULL,
                created_by_type TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                updated_by TEXT NOT NULL,
                updated_by_type TEXT NOT NULL,
                FOREIGN KEY (subscription_id, resource_group_key)
                    REFERENCES management_resource_groups(subscription_id, name_key));
            CREATE INDEX management_vaults_by_group ON management_vaults(subscription_id, resource_group_key);
            """),
        // Custom roles only; built-in roles come from Authorization.BuiltInRoles.
        Migration("management-003-role-definitions", """
            CREATE TABLE management_role_definitions(
                id TEXT PRIMARY KEY,
                role_name TEXT NOT NULL,
                description TEXT NOT NULL,
                permissions TEXT NOT NULL,
                assignable_scopes TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                created_by TEXT,
                updated_by TEXT)
            """),
        Migration("management-004-role-assignments", """
            CREATE TABLE management_role_assignments(
                name TEXT PRIMARY KEY,
                scope TEXT NOT NULL,
                scope_key TEXT NOT NULL,
                role_definition_id TEXT NOT NULL,
                principal_id TEXT NOT NULL,
                principal_type TEXT NOT NULL,
                description TEXT,
                condition TEXT,
                condition_version TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                created_by TEXT,
                updated_by TEXT,
                UNIQUE (scope_key, role_definition_id, principal_id));
            CREATE INDEX management_role_assignments_by_principal ON management_role_assignments(principal_id);
            """),
        // Soft delete of vaults: a deleted vault keeps its row (and so its name) until it is purged.
        Migration("management-005-vault-soft-delete", """
            ALTER TABLE management_vaults ADD COLUMN deleted_at INTEGER;
            ALTER TABLE management_vaults ADD COLUMN scheduled_purge_at INTEGER;
            CREATE INDEX management_vaults_by_purge ON management_vaults(scheduled_purge_at) WHERE deleted_at IS NOT NULL;
            """),
    ]
}
