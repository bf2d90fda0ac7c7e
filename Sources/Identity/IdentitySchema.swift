// Identity: the tables of the emulated directory.

import Storage

extension IdentityService {
    /// Ordered, named migrations of the Identity tables.
    public static let migrations: [Migration] = [
        Migration("identity-001-directory", """
            CREATE TABLE identity_tenants (
                tenant_id    TEXT PRIMARY KEY,
                display_name TEXT NOT NULL
            );
            CREATE TABLE identity_principals (
                object_id    TEXT PRIMARY KEY,
                tenant_id    TEXT NOT NULL REFERENCES identity_tenants(tenant_id),
                kind         TEXT NOT NULL,
                client_id    TEXT,
                display_name TEXT NOT NULL,
                secret_salt  BLOB,
                secret_hash  BLOB,
                groups_json  TEXT NOT NULL DEFAULT '[]'
            );
            CREATE UNIQUE INDEX identity_principals_client ON identity_principals(tenant_id, client_id);
            CREATE TABLE identity_signing_keys (
                kid        TEXT PRIMARY KEY,
                pkcs8      BLOB NOT NULL,
                created_at INTEGER NOT NULL
            );
            """),
        // Managed identities: service principals a workload gets tokens for without a secret
        // (`system` or `user` assigned), served by the IMDS-style endpoint.
        Migration("identity-002-managed-identities", """
            ALTER TABLE identity_principals ADD COLUMN managed_identity TEXT;
            """),
    ]
}
