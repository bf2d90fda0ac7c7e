// KeyVault: the schema of the keys service, as ordered named migrations.

import Storage

extension KeyVaultService {
    /// Run by the Emulator (with the other services' migrations) before the service is used.
    ///
    /// `keys` holds one row per key name of a vault (first casing kept, `name_lower` is the
    /// identity); `key_versions` one row per version, with the private key as PKCS#8 DER.
    /// Deleting a `keys` row removes its versions (`ON DELETE CASCADE`; Storage turns
    /// `foreign_keys` on).
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
    ]
}
