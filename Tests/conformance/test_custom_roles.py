"""Custom role definitions through azure-mgmt-authorization: create, read, list, use (actions,
dataActions, notDataActions with wildcards), the name and in-use rules, delete."""

from __future__ import annotations

import uuid

import pytest
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.mgmt.authorization.v2022_04_01.models import Permission, RoleDefinition

import access
import harness


def definition(conn, name, data_actions, not_data_actions=(), actions=()):
    return RoleDefinition(role_name=name, description=f"{name} (test)", role_type="CustomRole",
                          permissions=[Permission(actions=list(actions), not_actions=[], data_actions=list(data_actions),
                                                  not_data_actions=list(not_data_actions))],
                          assignable_scopes=[f"/subscriptions/{conn.subscription_id}"])


@pytest.fixture
def custom_role(mgmt, conn):
    """create(name, dataActions, notDataActions=()) -> the created RoleDefinition; deleted afterwards."""
    made = []

    def create(name, data_actions, not_data_actions=(), actions=()):
        role_id = str(uuid.uuid4())
        scope = f"/subscriptions/{conn.subscription_id}"
        created = mgmt.authorization.role_definitions.create_or_update(
            scope, role_id, definition(conn, name, data_actions, not_data_actions, actions))
        made.append(role_id)
        return created

    yield create
    for role_id in made:
        try:
            mgmt.authorization.role_definitions.delete(f"/subscriptions/{conn.subscription_id}", role_id)
        except HttpResponseError:
            pass   # still assigned by a test that failed half way


def test_custom_role_grants_its_data_actions_minus_not_data_actions(custom_role, directory, make_vault, conn, mgmt):
    name = f"Key Operator {uuid.uuid4().hex[:6]}"
    role = custom_role(name, ["Microsoft.KeyVault/vaults/keys/*"],
                       ["Microsoft.KeyVault/vaults/keys/delete", "Microsoft.KeyVault/vaults/keys/*/purge/action"])
    assert role.role_type == "CustomRole"
    assert role.id == f"/subscriptions/{conn.subscription_id}/providers/Microsoft.Authorization/roleDefinitions/{role.name}"
    assert role.assignable_scopes == [f"/subscriptions/{conn.subscription_id}"]
    assert role.permissions[0].not_data_actions == ["Microsoft.KeyVault/vaults/keys/delete",
                                                    "Microsoft.KeyVault/vaults/keys/*/purge/action"]

    vault = make_vault()
    who = directory.create("custom-operator")
    directory.must_assign(vault.id, role.name, who)
    made = access.data_call(directory, who, vault.name, "POST", "/keys/c1/create", json={"kty": "EC", "crv": "P-256"})
    assert made.status_code == 200, made.text
    signed = access.data_call(directory, who, vault.name, "POST", "/keys/c1/sign",
                              json={"alg": "ES256", "value": access.b64url(access.sha256(b"c"))})
    assert signed.status_code == 200, signed.text
    deleted = access.data_call(directory, who, vault.name, "DELETE", "/keys/c1")
    if deleted.status_code != 405:   # key deletion served
        message = harness.assert_azure_error(deleted, 403, "Forbidden", "ForbiddenByRbac")
        assert "Action: 'Microsoft.KeyVault/vaults/keys/delete'" in message


def test_custom_role_read_and_list(custom_role, mgmt, conn, directory):
    name = f"Key Reader {uuid.uuid4().hex[:6]}"
    role = custom_role(name, ["Microsoft.KeyVault/vaults/keys/read"])
    scope = f"/subscriptions/{conn.subscription_id}"
    fetched = mgmt.authorization.role_definitions.get(scope, role.name)
    assert fetched.role_name == name and fetched.role_type == "CustomRole"
    assert fetched.created_on is not None and fetched.created_by == conn.admin.object_id
    by_name = list(mgmt.authorization.role_definitions.list(scope, filter=f"roleName eq '{name}'"))
    assert [d.name for d in by_name] == [role.name]
    custom = [d.name for d in mgmt.authorization.role_definitions.list(scope, filter="type eq 'CustomRole'")]
    assert role.name in custom
    assert access.ROLES["Owner"] not in custom
    # Any authenticated caller of the tenant may read role definitions, roles or not.
    nobody = directory.create("role-reader-without-roles")
    response = directory.arm("GET", f"{scope}/providers/Microsoft.Authorization/roleDefinitions/{role.name}", who=nobody)
    assert response.status_code == 200, response.text


def test_update_keeps_the_id(custom_role, mgmt, conn):
    role = custom_role(f"Updatable {uuid.uuid4().hex[:6]}", ["Microsoft.KeyVault/vaults/keys/read"])
    scope = f"/subscriptions/{conn.subscription_id}"
    updated = mgmt.authorization.role_definitions.create_or_update(
        scope, role.name, definition(conn, role.role_name, ["Microsoft.KeyVault/vaults/keys/read",
                                                           "Microsoft.KeyVault/vaults/keys/sign/action"]))
    assert updated.name == role.name
    assert "Microsoft.KeyVault/vaults/keys/sign/action" in mgmt.authorization.role_definitions.get(scope, role.name).permissions[0].data_actions


def test_name_must_be_unique(custom_role, mgmt, conn):
    name = f"Twice {uuid.uuid4().hex[:6]}"
    custom_role(name, ["Microsoft.KeyVault/vaults/keys/read"])
    with pytest.raises(HttpResponseError) as clash:
        custom_role(name, ["Microsoft.KeyVault/vaults/keys/read"])
    assert clash.value.status_code == 409
    assert clash.value.error.code == "RoleDefinitionWithSameNameExists"
    with pytest.raises(HttpResponseError) as builtin_name:
        custom_role("Key Vault Crypto User", ["Microsoft.KeyVault/vaults/keys/read"])
    assert builtin_name.value.error.code == "RoleDefinitionWithSameNameExists"


def test_in_use_role_cannot_be_deleted(custom_role, mgmt, conn, directory, make_vault):
    role = custom_role(f"In use {uuid.uuid4().hex[:6]}", ["Microsoft.KeyVault/vaults/keys/read"])
    vault = make_vault()
    who = directory.create("custom-in-use")
    assignment = directory.must_assign(vault.id, role.name, who)
    scope = f"/subscriptions/{conn.subscription_id}"
    with pytest.raises(HttpResponseError) as in_use:
        mgmt.authorization.role_definitions.delete(scope, role.name)
    assert in_use.value.status_code == 409
    assert in_use.value.error.code == "RoleDefinitionHasAssignments"
    mgmt.authorization.role_assignments.delete(vault.id, assignment)
    deleted = mgmt.authorization.role_definitions.delete(scope, role.name)
    assert deleted.name == role.name
    with pytest.raises(ResourceNotFoundError):
        mgmt.authorization.role_definitions.get(scope, role.name)
    # Deleting again: nothing there, 204.
    assert mgmt.authorization.role_definitions.delete(scope, role.name) is None


def test_builtin_roles_cannot_be_changed(mgmt, conn):
    scope = f"/subscriptions/{conn.subscription_id}"
    with pytest.raises(HttpResponseError) as refused:
        mgmt.authorization.role_definitions.create_or_update(
            scope, access.ROLES["Key Vault Crypto User"], definition(conn, "Mine now", ["*"]))
    assert refused.value.status_code == 403
    with pytest.raises(HttpResponseError):
        mgmt.authorization.role_definitions.delete(scope, access.ROLES["Owner"])


def test_custom_role_writes_need_the_action(directory, conn):
    nobody = directory.create("custom-role-writer-without-roles")
    role_id = str(uuid.uuid4())
    response = directory.arm("PUT", f"/subscriptions/{conn.subscription_id}/providers/Microsoft.Authorization/roleDefinitions/{role_id}",
                             who=nobody, json={"properties": {"roleName": f"x-{role_id}", "permissions": [],
                                                              "assignableScopes": [f"/subscriptions/{conn.subscription_id}"]}})
    message = harness.assert_azure_error(response, 403, "AuthorizationFailed")
    assert "'Microsoft.Authorization/roleDefinitions/write'" in message


def test_invalid_definitions(directory, conn):
    base = f"/subscriptions/{conn.subscription_id}/providers/Microsoft.Authorization/roleDefinitions"
    not_guid = directory.arm("PUT", f"{base}/not-a-guid", json={"properties": {"roleName": "x", "assignableScopes": ["/"]}})
    harness.assert_azure_error(not_guid, 400, "InvalidRoleDefinitionId")
    bad_scope = directory.arm("PUT", f"{base}/{uuid.uuid4()}", json={"properties": {"roleName": f"s-{uuid.uuid4().hex[:6]}",
                                                                                   "assignableScopes": ["/"]}})
    harness.assert_azure_error(bad_scope, 400, "InvalidAssignableScope")


def test_permission_lists_may_be_omitted(mgmt, conn):
    # The SDK leaves out empty lists (notActions, ...): ARM reads them as empty.
    scope = f"/subscriptions/{conn.subscription_id}"
    role_id = str(uuid.uuid4())
    created = mgmt.authorization.role_definitions.create_or_update(scope, role_id, RoleDefinition(
        role_name=f"Sparse {role_id[:6]}", permissions=[Permission(data_actions=["Microsoft.KeyVault/vaults/keys/read"])],
        assignable_scopes=[scope]))
    try:
        assert created.permissions[0].data_actions == ["Microsoft.KeyVault/vaults/keys/read"]
        assert created.permissions[0].actions == [] and created.permissions[0].not_data_actions == []
    finally:
        mgmt.authorization.role_definitions.delete(scope, role_id)
