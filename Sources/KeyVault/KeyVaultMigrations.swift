// KeyVault: the schema of the keys service, as ordered named migrations.

import Storage

extension KeyVaultService {
    /// Run by the Emulator (with the other services' migrations) before the service is used.
    ///
    /// `keys` holds one row per key name of a vault (first casing kept, `name_lower` is the
    /// identity); `key_versions` one row per version, with the private key as PKCS#8 DER.
    /// Deleting a `keys` row removes its versions (`ON DELETE CASCADE`; Storage turns
    /// `foreign_keys` on).
    ///
    /// `keyvault-002-lifecycle` adds soft delete (a deleted key keeps its rows, with
    /// `deleted_date` and `scheduled_purge_date` set), the key's rotation policy (JSON; `NULL` =
    /// never set) and the emulator's backup key (one row, made on first use).
    public static let migrations: [Migration] = [
        Migration("keyvault-001-keys", """
            CREATE TABLE keys (
                vault TEXT NOT NULL,
                name_lower TEXT NOT NULL,
                name TEXT NOT NULL,
                current_version TEXT NOT NULL,
                created INTEGER NOT NULL,
                PRIMARY KEY (vault, name_lower)
            );
            CREATE TABLE key_versions (
                vault TEXT NOT NULL,
                name_lower TEXT NOT NULL,
                version TEXT NOT NULL,
                kty TEXT NOT NULL,
                key_size INTEGER,
                crv TEXT,
                private_key BLOB NOT NULL,
                key_ops TEXT NOT NULL,
                enabled INTEGER NOT NULL,
                nbf INTEGER,
                exp INTEGER,
                created INTEGER NOT NULL,
                updated INTEGER NOT NULL,
                tags TEXT NOT NULL,
                PRIMARY KEY (vault, name_lower, version),
                FOREIGN KEY (vault, name_lower) REFERENCES keys (vault, name_lower) ON DELETE CASCADE
            );
            """),
        Migration("keyvault-002-lifecycle", """
            ALTER TABLE keys ADD COLUMN deleted_date INTEGER;
            ALTER TABLE keys ADD COLUMN scheduled_purge_date INTEGER;
            ALTER TABLE keys ADD COLUMN rotation_policy TEXT;
            CREATE INDEX keys_by_deletion ON keys (vault, deleted_date, name_lower);
            CREATE TABLE keyvault_backup_key (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                key BLOB NOT NULL,
                created INTEGER NOT NULL
            );
            """),
    ]
}
