// Authorization: Azure's built-in roles that matter to Key Vault, with their real GUIDs and permissions.

/// The built-in role definitions the emulator seeds: every Key Vault role and the general
/// Owner, Contributor, Reader and User Access Administrator roles, with the GUIDs, names,
/// descriptions and permission lists Azure publishes (built-in-roles/security.md, privileged.md).
///
/// ```swift
/// BuiltInRoles.named("Key Vault Crypto User")?.id   // "12338af0-0e69-4776-bea7-57ae8d297424"
/// ```
public enum BuiltInRoles {
    public static let ownerId = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
    public static let contributorId = "b24988ac-6180-42a0-ab88-20f7382dd24c"
    public static let readerId = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
    public static let userAccessAdministratorId = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
    public static let keyVaultAdministratorId = "00482a5a-887f-4fb3-b363-3b7fe8e74483"
    public static let keyVaultCryptoOfficerId = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603"
    public static let keyVaultCryptoUserId = "12338af0-0e69-4776-bea7-57ae8d297424"
    public static let keyVaultCryptoServiceEncryptionUserId = "e147488a-f6f5-4113-8e2d-b22465e65bf6"
    public static let keyVaultCryptoServiceReleaseUserId = "08bbd89e-9f13-488c-ac41-acfcb10c90ab"
    public static let keyVaultReaderId = "21090545-7ca7-4776-b22c-e363652d74d2"
    public static let keyVaultCertificateUserId = "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba"
    public static let keyVaultCertificatesOfficerId = "a4417e6f-fecd-4de8-b567-7b0420556985"
    public static let keyVaultSecretsOfficerId = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7"
    public static let keyVaultSecretsUserId = "4633458b-17de-408a-b874-0445c86b69e6"
    public static let keyVaultDataAccessAdministratorId = "8b54135c-b56d-4d72-a534-26097cfdc8d8"
    public static let keyVaultContributorId = "f25e0fa2-a7c8-4377-a976-54943a77a395"

    public static let all: [RoleDefinition] = general + keyVault

    /// The role called `roleName` (compared case-insensitively).
    public static func named(_ roleName: String) -> RoleDefinition? {
        all.first { $0.roleName.lowercased() == roleName.lowercased() }
    }

    /// The role with GUID `id` (any case).
    public static func withId(_ id: String) -> RoleDefinition? {
        all.first { $0.id == id.lowercased() }
    }

    // MARK: - General roles

    static let general: [RoleDefinition] = [
        role(ownerId, "Owner",
             "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
             actions: ["*"]),
        role(contributorId, "Contributor",
             "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
             actions: ["*"],
             notActions: [
                "Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
                "Microsoft.Authorization/elevateAccess/Action",
                "Microsoft.Blueprint/blueprintAssignments/write", "Microsoft.Blueprint/blueprintAssignments/delete",
                "Microsoft.Compute/galleries/share/action",
                "Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete",
                "Microsoft.Resources/deploymentStacks/manageDenySetting/action",
                "Microsoft.Subscription/cancel/action", "Microsoft.Subscription/enable/action",
             ]),
        role(readerId, "Reader", "View all resources, but does not allow you to make any changes.",
             actions: ["*/read"]),
        role(userAccessAdministratorId, "User Access Administrator", "Lets you manage user access to Azure resources.",
             actions: ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"]),
    ]

    // MARK: - Key Vault roles

    /// The management actions shared by the Key Vault data roles that can also read the vault resource.
    static let keyVaultReadActions = [
        "Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.Resources/deployments/*",
        "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*",
        "Microsoft.KeyVault/checkNameAvailability/read", "Microsoft.KeyVault/deletedVaults/read",
        "Microsoft.KeyVault/locations/*/read", "Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/operations/read",
    ]

    static let rbacOnly = "Only works for key vaults that use the 'Azure role-based access control' permission model."

    /// The eight roles Key Vault Data Access Administrator may assign or remove.
    static let dataAccessAssignable = [
        keyVaultAdministratorId, keyVaultCertificatesOfficerId, keyVaultCryptoOfficerId, keyVaultCryptoServiceEncryptionUserId,
        keyVaultCryptoUserId, keyVaultReaderId, keyVaultSecretsOfficerId, keyVaultSecretsUserId,
    ].joined(separator: ", ")

    static let keyVault: [RoleDefinition] = [
        role(keyVaultAdministratorId, "Key Vault Administrator",
             "Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets. Cannot manage key vault resources or manage role assignments. \(rbacOnly)",
             actions: keyVaultReadActions, dataActions: ["Microsoft.KeyVault/vaults/*"]),
        role(keyVaultCertificateUserId, "Key Vault Certificate User", "Read certificate contents. \(rbacOnly)",
             dataActions: [
                "Microsoft.KeyVault/vaults/certificates/read", "Microsoft.KeyVault/vaults/secrets/getSecret/action",
                "Microsoft.KeyVault/vaults/secrets/readMetadata/action", "Microsoft.KeyVault/vaults/keys/read",
             ]),
        role(keyVaultCertificatesOfficerId, "Key Vault Certificates Officer",
             "Perform any action on the certificates of a key vault, except manage permissions. \(rbacOnly)",
             actions: keyVaultReadActions,
             dataActions: [
                "Microsoft.KeyVault/vaults/certificatecas/*", "Microsoft.KeyVault/vaults/certificates/*",
                "Microsoft.KeyVault/vaults/certificatecontacts/write",
             ]),
        role(keyVaultContributorId, "Key Vault Contributor", "Lets you manage key vaults, but not access to them.",
             actions: [
                "Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.KeyVault/*",
                "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*",
             ],
             notActions: [
                "Microsoft.KeyVault/locations/deletedVaults/purge/action", "Microsoft.KeyVault/hsmPools/*",
                "Microsoft.KeyVault/managedHsms/*",
             ]),
        role(keyVaultCryptoOfficerId, "Key Vault Crypto Officer",
             "Perform any action on the keys of a key vault, except manage permissions. \(rbacOnly)",
             actions: keyVaultReadActions,
             dataActions: ["Microsoft.KeyVault/vaults/keys/*", "Microsoft.KeyVault/vaults/keyrotationpolicies/*"]),
        role(keyVaultCryptoServiceEncryptionUserId, "Key Vault Crypto Service Encryption User",
             "Read metadata of keys and perform wrap/unwrap operations. \(rbacOnly)",
             actions: [
                "Microsoft.EventGrid/eventSubscriptions/write", "Microsoft.EventGrid/eventSubscriptions/read",
                "Microsoft.EventGrid/eventSubscriptions/delete",
             ],
             dataActions: [
                "Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/wrap/action",
                "Microsoft.KeyVault/vaults/keys/unwrap/action",
             ]),
        role(keyVaultCryptoServiceReleaseUserId, "Key Vault Crypto Service Release User", "Release keys. \(rbacOnly)",
             dataActions: ["Microsoft.KeyVault/vaults/keys/release/action"]),
        role(keyVaultCryptoUserId, "Key Vault Crypto User", "Perform cryptographic operations using keys. \(rbacOnly)",
             dataActions: [
                "Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/update/action",
                "Microsoft.KeyVault/vaults/keys/backup/action", "Microsoft.KeyVault/vaults/keys/encrypt/action",
                "Microsoft.KeyVault/vaults/keys/decrypt/action", "Microsoft.KeyVault/vaults/keys/wrap/action",
                "Microsoft.KeyVault/vaults/keys/unwrap/action", "Microsoft.KeyVault/vaults/keys/sign/action",
                "Microsoft.KeyVault/vaults/keys/verify/action",
             ]),
        RoleDefinition(
            id: keyVaultDataAccessAdministratorId, roleName: "Key Vault Data Access Administrator",
            description: "Manage access to Azure Key Vault by adding or removing role assignments for the Key Vault Administrator, Key Vault Certificates Officer, Key Vault Crypto Officer, Key Vault Crypto Service Encryption User, Key Vault Crypto User, Key Vault Reader, Key Vault Secrets Officer, or Key Vault Secrets User roles. Includes an ABAC condition to constrain role assignments.",
            permissions: [RolePermission(
                actions: [
                    "Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete",
                    "Microsoft.Authorization/*/read", "Microsoft.Resources/deployments/*",
                    "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Resources/subscriptions/read",
                    "Microsoft.Management/managementGroups/read", "Microsoft.Resources/deployments/*", "Microsoft.Support/*",
                    "Microsoft.KeyVault/vaults/*/read",
                ],
                condition: "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{\(dataAccessAssignable)})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{\(dataAccessAssignable)}))",
                conditionVersion: "2.0")]),
        role(keyVaultReaderId, "Key Vault Reader",
             "Read metadata of key vaults and its certificates, keys, and secrets. Cannot read sensitive values such as secret contents or key material. \(rbacOnly)",
             actions: keyVaultReadActions,
             dataActions: ["Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"]),
        role(keyVaultSecretsOfficerId, "Key Vault Secrets Officer",
             "Perform any action on the secrets of a key vault, except manage permissions. \(rbacOnly)",
             actions: keyVaultReadActions, dataActions: ["Microsoft.KeyVault/vaults/secrets/*"]),
        role(keyVaultSecretsUserId, "Key Vault Secrets User", "Read secret contents. \(rbacOnly)",
             dataActions: ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"]),
    ]

    private static func role(_ id: String, _ name: String, _ description: String, actions: [String] = [], notActions: [String] = [],
                             dataActions: [String] = [], notDataActions: [String] = []) -> RoleDefinition {
        RoleDefinition(id: id, roleName: name, description: description,
                       permissions: [RolePermission(actions: actions, notActions: notActions, dataActions: dataActions, notDataActions: notDataActions)])
    }
}
