"""The management plane through azure-mgmt-resource, azure-mgmt-keyvault and
azure-mgmt-authorization: resource groups, vaults, role definitions and role assignments."""

import uuid

import pytest
from azure.core.exceptions import HttpResponseError, ResourceExistsError, ResourceNotFoundError
from azure.mgmt.authorization.v2022_04_01.models import RoleAssignmentCreateParameters

import harness

CRYPTO_USER_DATA_ACTIONS = {
    f"Microsoft.KeyVault/vaults/keys/{action}" for action in (
        "read", "update/action", "backup/action", "encrypt/action", "decrypt/action",
        "wrap/action", "unwrap/action", "sign/action", "verify/action")}


def vault_id(conn, resource_group, name):
    return (f"/subscriptions/{conn.subscription_id}/resourceGroups/{resource_group}"
            f"/providers/Microsoft.KeyVault/vaults/{name}")


# --- resource groups ---


def test_resource_group_put_get(mgmt, conn):
    name = f"rg-arm-{uuid.uuid4().hex[:8]}"
    created = mgmt.resources.resource_groups.create_or_update(
        name, {"location": "westus", "tags": {"team": "conformance"}})
    assert created.name == name
    assert created.location == "westus"
    assert created.id.lower() == f"/subscriptions/{conn.subscription_id}/resourcegroups/{name}".lower()
    assert created.properties.provisioning_state == "Succeeded"
    assert created.tags == {"team": "conformance"}

    fetched = mgmt.resources.resource_groups.get(name)
    assert fetched.id == created.id
    assert fetched.location == "westus"
    assert mgmt.resources.resource_groups.check_existence(name) is True
    assert name in [g.name for g in mgmt.resources.resource_groups.list()]


def test_missing_resource_group(mgmt):
    # contract: standard ARM code ResourceGroupNotFound (keyvault-spec.md §6.2 [I]).
    with pytest.raises(ResourceNotFoundError) as missing:
        mgmt.resources.resource_groups.get(f"rg-missing-{uuid.uuid4().hex[:8]}")
    assert missing.value.error.code == "ResourceGroupNotFound"


# --- vaults ---


def test_vault_lifecycle(mgmt, conn, resource_group, vault_properties):
    name = harness.unique_vault_name("arm")
    vaults = mgmt.keyvault.vaults

    created = vaults.begin_create_or_update(
        resource_group, name,
        {"location": "westus", "tags": {"stage": "create"}, "properties": vault_properties()}).result()
    assert created.id.lower() == vault_id(conn, resource_group, name).lower()
    assert created.name == name
    assert created.type == "Microsoft.KeyVault/vaults"
    assert created.location == "westus"
    assert created.tags == {"stage": "create"}
    properties = created.properties
    assert properties.provisioning_state == "Succeeded"
    assert properties.vault_uri == f"https://{name}.{conn.vault_dns_suffix}/"
    assert properties.tenant_id == conn.tenant_id
    assert properties.sku.name == "standard" and properties.sku.family == "A"
    assert properties.enable_rbac_authorization is True
    assert properties.public_network_access == "Enabled"
    # Defaults of a new vault (keyvault-spec.md §6.2).
    assert properties.enable_soft_delete is True
    assert properties.soft_delete_retention_in_days == 90

    fetched = vaults.get(resource_group, name)
    assert fetched.id == created.id
    assert fetched.properties.vault_uri == properties.vault_uri

    patched = vaults.update(resource_group, name, {"tags": {"stage": "patch"},
                                                   "properties": {"publicNetworkAccess": "Disabled"}})
    assert patched.tags == {"stage": "patch"}
    assert patched.properties.public_network_access == "Disabled"
    assert patched.properties.enable_rbac_authorization is True, "PATCH keeps what it does not send"
    assert vaults.get(resource_group, name).properties.public_network_access == "Disabled"

    assert name in [v.name for v in vaults.list_by_resource_group(resource_group)]
    assert name in [v.name for v in vaults.list_by_subscription()]

    vaults.delete(resource_group, name)
    # contract: standard ARM code ResourceNotFound for a missing vault (keyvault-spec.md §6.2 [I]).
    with pytest.raises(ResourceNotFoundError) as gone:
        vaults.get(resource_group, name)
    assert gone.value.error.code == "ResourceNotFound"
    assert name not in [v.name for v in vaults.list_by_resource_group(resource_group)]


def test_vault_put_twice_updates(mgmt, resource_group, vault_properties):
    name = harness.unique_vault_name("put")
    vaults = mgmt.keyvault.vaults
    vaults.begin_create_or_update(resource_group, name, {
        "location": "westus", "properties": vault_properties()}).result()
    again = vaults.begin_create_or_update(resource_group, name, {
        "location": "westus", "properties": vault_properties(public=False)}).result()
    assert again.properties.public_network_access == "Disabled"


def test_vaults_list_legacy_resources_endpoint(mgmt, make_vault):
    # contract: vaults.list() is GET /subscriptions/{sub}/resources?$filter=resourceType eq
    # 'Microsoft.KeyVault/vaults'&api-version=2015-11-01 (generic resources, not Vault objects).
    vault = make_vault()
    listed = {r.name: r for r in mgmt.keyvault.vaults.list()}
    assert vault.name in listed
    assert listed[vault.name].id.lower() == vault.id.lower()
    assert listed[vault.name].type == "Microsoft.KeyVault/vaults"


def test_vault_in_missing_resource_group(mgmt, vault_properties):
    # contract: standard ARM code ResourceGroupNotFound (keyvault-spec.md §6.2 [I]).
    with pytest.raises(ResourceNotFoundError) as missing:
        mgmt.keyvault.vaults.begin_create_or_update(
            f"rg-missing-{uuid.uuid4().hex[:8]}", harness.unique_vault_name(),
            {"location": "westus", "properties": vault_properties()}).result()
    assert missing.value.error.code == "ResourceGroupNotFound"


def test_vault_names_are_global(mgmt, conn, resource_group, vault_properties):
    name = harness.unique_vault_name("dup")
    mgmt.keyvault.vaults.begin_create_or_update(resource_group, name, {
        "location": "westus", "properties": vault_properties()}).result()
    other_group = f"rg-other-{uuid.uuid4().hex[:8]}"
    mgmt.resources.resource_groups.create_or_update(other_group, {"location": "westus"})
    with pytest.raises(HttpResponseError) as taken:
        mgmt.keyvault.vaults.begin_create_or_update(other_group, name, {
            "location": "westus", "properties": vault_properties()}).result()
    assert taken.value.status_code == 409
    assert taken.value.response.json()["error"]["code"] == "VaultAlreadyExists"


# --- role definitions ---


def test_role_definitions_include_key_vault_crypto_user(mgmt, conn):
    scope = f"/subscriptions/{conn.subscription_id}"
    definitions = {d.name: d for d in mgmt.authorization.role_definitions.list(scope)}
    user = definitions[harness.KEY_VAULT_CRYPTO_USER]
    assert user.role_name == "Key Vault Crypto User"
    assert user.role_type == "BuiltInRole"
    assert set(user.permissions[0].data_actions) == CRYPTO_USER_DATA_ACTIONS
    assert not user.permissions[0].actions
    officer = definitions[harness.KEY_VAULT_CRYPTO_OFFICER]
    assert officer.role_name == "Key Vault Crypto Officer"
    assert "Microsoft.KeyVault/vaults/keys/*" in officer.permissions[0].data_actions


def test_role_definitions_filter_by_name(mgmt, conn):
    scope = f"/subscriptions/{conn.subscription_id}"
    found = list(mgmt.authorization.role_definitions.list(
        scope, filter="roleName eq 'Key Vault Crypto User'"))
    assert [d.name for d in found] == [harness.KEY_VAULT_CRYPTO_USER]


def test_role_definition_get(mgmt, officer_vault):
    definition = mgmt.authorization.role_definitions.get(officer_vault.id, harness.KEY_VAULT_CRYPTO_USER)
    assert definition.role_name == "Key Vault Crypto User"
    assert definition.id.lower().endswith(
        f"/providers/microsoft.authorization/roledefinitions/{harness.KEY_VAULT_CRYPTO_USER}")


# --- role assignments ---


def test_role_assignment_lifecycle(mgmt, conn, make_vault):
    vault = make_vault()
    assignments = mgmt.authorization.role_assignments
    name = str(uuid.uuid4())
    parameters = RoleAssignmentCreateParameters(
        role_definition_id=harness.role_definition_id(conn, harness.KEY_VAULT_CRYPTO_USER),
        principal_id=conn.data_connect_app.object_id, principal_type="ServicePrincipal")

    created = assignments.create(vault.id, name, parameters)
    assert created.name == name
    assert created.type == "Microsoft.Authorization/roleAssignments"
    assert created.id.lower() == (f"{vault.id}/providers/Microsoft.Authorization/"
                                  f"roleAssignments/{name}").lower()
    assert created.principal_id == conn.data_connect_app.object_id
    assert created.scope.lower() == vault.id.lower()

    fetched = assignments.get(vault.id, name)
    assert fetched.id == created.id
    assert fetched.role_definition_id.lower().endswith(harness.KEY_VAULT_CRYPTO_USER)

    assert name in [a.name for a in assignments.list_for_scope(vault.id)]

    # The same principal, role and scope under another name already exists.
    with pytest.raises(HttpResponseError) as duplicate:
        assignments.create(vault.id, str(uuid.uuid4()), parameters)
    assert duplicate.value.status_code == 409
    assert duplicate.value.error.code == "RoleAssignmentExists"

    assignments.delete(vault.id, name)
    with pytest.raises(ResourceNotFoundError):
        assignments.get(vault.id, name)
    assert name not in [a.name for a in assignments.list_for_scope(vault.id)]


def test_role_assignment_with_unknown_role(mgmt, conn, officer_vault):
    # contract: code RoleDefinitionDoesNotExist, status 400 or 404 (keyvault-spec.md §6.3 [I]).
    with pytest.raises(HttpResponseError) as rejected:
        mgmt.authorization.role_assignments.create(
            officer_vault.id, str(uuid.uuid4()), RoleAssignmentCreateParameters(
                role_definition_id=harness.role_definition_id(conn, str(uuid.uuid4())),
                principal_id=conn.data_connect_app.object_id, principal_type="ServicePrincipal"))
    assert rejected.value.status_code in (400, 404)
    assert rejected.value.error.code == "RoleDefinitionDoesNotExist"


# --- authentication on ARM ---


def test_arm_without_token(raw, conn):
    # contract: ARM 401 codes AuthenticationFailed / InvalidAuthenticationToken (§6.2 [I]).
    response = raw.management("GET", f"/subscriptions/{conn.subscription_id}/resourcegroups")
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] in ("AuthenticationFailed", "InvalidAuthenticationToken")


def test_arm_with_vault_token(raw, conn, admin_cred):
    token = admin_cred.get_token(conn.vault_scope).token
    response = raw.management("GET", f"/subscriptions/{conn.subscription_id}/resourcegroups",
                              token=token)
    assert response.status_code == 401, response.text
    # ARM names the wrong audience with its own code.
    assert response.json()["error"]["code"] == "InvalidAuthenticationTokenAudience"
