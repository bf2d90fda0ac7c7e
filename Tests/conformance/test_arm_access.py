"""Who may do what on the management plane: a role x ARM operation matrix (Owner, Contributor,
Reader, User Access Administrator, Key Vault Contributor, Key Vault Data Access Administrator
and its ABAC condition), the AuthorizationFailed message, and the role assignment errors and
filters of keyvault-spec.md §6.3 through azure-mgmt-authorization."""

from __future__ import annotations

import uuid

import pytest
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.mgmt.authorization.v2022_04_01.models import RoleAssignmentCreateParameters

import access
import harness

ARM_ROLES = ("Owner", "Contributor", "Reader", "User Access Administrator", "Key Vault Contributor",
             "Key Vault Data Access Administrator", "Key Vault Administrator", None)

# operation -> roles allowed (keyvault-spec.md §4.2, §6.2, §6.3). Data Access Administrator's
# condition lets it assign and remove the Key Vault data roles only.
ARM_EXPECTED = {
    "vault read": {"Owner", "Contributor", "Reader", "User Access Administrator", "Key Vault Contributor"},
    "vault write": {"Owner", "Contributor", "Key Vault Contributor"},
    "access policy write": {"Owner", "Contributor", "Key Vault Contributor"},
    "deleted vaults read": {"Owner", "Contributor", "Reader", "User Access Administrator", "Key Vault Contributor",
                            "Key Vault Administrator"},
    "role assignments read": {"Owner", "Contributor", "Reader", "User Access Administrator", "Key Vault Contributor",
                              "Key Vault Data Access Administrator", "Key Vault Administrator"},
    "assign a data role": {"Owner", "User Access Administrator", "Key Vault Data Access Administrator"},
    "assign Owner": {"Owner", "User Access Administrator"},
    "remove a data role": {"Owner", "User Access Administrator", "Key Vault Data Access Administrator"},
    "remove Owner": {"Owner", "User Access Administrator"},
    "custom role write": {"Owner", "User Access Administrator"},
    "resource group write": {"Owner", "Contributor"},
}


@pytest.fixture(scope="module")
def arm_world(directory, make_vault, conn):
    vault = make_vault()
    actors = {}
    for role in ARM_ROLES:
        who = directory.create(f"arm-{role or 'none'}")
        if role:
            directory.must_assign(f"/subscriptions/{conn.subscription_id}", role, who)
        actors[role] = who
    return vault, actors


def arm_cell(directory, conn, vault, who, operation: str):
    sub = f"/subscriptions/{conn.subscription_id}"
    assignments = f"{vault.id}/providers/Microsoft.Authorization/roleAssignments"
    if operation == "vault read":
        return directory.arm("GET", vault.id, who=who, api_version="2025-05-01")
    if operation == "vault write":
        return directory.arm("PATCH", vault.id, who=who, api_version="2025-05-01", json={"tags": {"cell": "1"}})
    if operation == "access policy write":
        return directory.arm("PUT", f"{vault.id}/accessPolicies/add", who=who, api_version="2025-05-01", json={
            "properties": {"accessPolicies": [{"tenantId": conn.tenant_id, "objectId": who.object_id,
                                               "permissions": {"keys": ["get"]}}]}})
    if operation == "deleted vaults read":
        return directory.arm("GET", f"{sub}/providers/Microsoft.KeyVault/deletedVaults", who=who, api_version="2025-05-01")
    if operation == "role assignments read":
        return directory.arm("GET", assignments, who=who)
    if operation in ("assign a data role", "assign Owner"):
        target = directory.create("arm-target")
        role = "Key Vault Crypto User" if operation == "assign a data role" else "Owner"
        return directory.assign(vault.id, role, target, who=who)
    if operation in ("remove a data role", "remove Owner"):
        target = directory.create("arm-target")
        role = "Key Vault Crypto User" if operation == "remove a data role" else "Owner"
        name = directory.must_assign(vault.id, role, target)
        return directory.arm("DELETE", f"{assignments}/{name}", who=who)
    if operation == "custom role write":
        role_id = str(uuid.uuid4())
        return directory.arm("PUT", f"{sub}/providers/Microsoft.Authorization/roleDefinitions/{role_id}", who=who, json={
            "properties": {"roleName": f"cell-{role_id}", "permissions": [], "assignableScopes": [sub]}})
    if operation == "resource group write":
        return directory.arm("PUT", f"{sub}/resourcegroups/rg-cell-{uuid.uuid4().hex[:8]}", who=who,
                             api_version="2021-04-01", json={"location": "westus"})
    raise AssertionError(operation)


def test_arm_role_times_operation(arm_world, directory, conn, matrix_cells):
    vault, actors = arm_world
    failures, cells = [], 0
    for role, who in actors.items():
        for operation, allowed in ARM_EXPECTED.items():
            response = arm_cell(directory, conn, vault, who, operation)
            if response.status_code == 403:
                code = harness.azure_error(response)[0]
                assert code == "AuthorizationFailed", response.text
                outcome = "deny"
            else:
                assert response.status_code < 300, f"{role} x {operation}: {response.status_code} {response.text[:300]}"
                outcome = "allow"
            want = "allow" if role in allowed else "deny"
            cells += 1
            if outcome != want:
                failures.append(f"{role or '(no role)'} x {operation}: expected {want}, got {outcome}")
    matrix_cells["arm role x operation"] = cells
    assert failures == [], "\n".join(failures)


def test_authorization_failed_message(directory, conn, make_vault):
    vault = make_vault()
    nobody = directory.create("arm-nobody")
    response = directory.arm("PATCH", vault.id, who=nobody, api_version="2025-05-01", json={"tags": {}})
    message = harness.assert_azure_error(response, 403, "AuthorizationFailed")
    assert message == (f"The client '{nobody.client_id}' with object id '{nobody.object_id}' does not have authorization to "
                       f"perform action 'Microsoft.KeyVault/vaults/write' over scope '{vault.id}' or the scope is invalid. "
                       "If access was recently granted, please refresh your credentials.")


def test_vault_scoped_data_access_administrator(directory, conn, make_vault):
    """Key Vault Data Access Administrator at one vault: data roles there, nothing elsewhere."""
    vault, other = make_vault(), make_vault()
    delegate = directory.create("kv-daa")
    directory.must_assign(vault.id, "Key Vault Data Access Administrator", delegate)
    target = directory.create("kv-daa-target")
    for role in ("Key Vault Crypto User", "Key Vault Secrets User", "Key Vault Administrator", "Key Vault Reader"):
        assert directory.assign(vault.id, role, target, who=delegate).status_code == 201, role
    for role in ("Key Vault Data Access Administrator", "Contributor", "Key Vault Contributor"):
        harness.assert_azure_error(directory.assign(vault.id, role, target, who=delegate), 403, "AuthorizationFailed")
    harness.assert_azure_error(directory.assign(other.id, "Key Vault Crypto User", target, who=delegate), 403, "AuthorizationFailed")


# --- role assignment errors through the SDK ---


def create_params(conn, role, principal_id, principal_type="ServicePrincipal"):
    return RoleAssignmentCreateParameters(role_definition_id=harness.role_definition_id(conn, access.ROLES.get(role, role)),
                                          principal_id=principal_id, principal_type=principal_type)


def test_principal_not_found(mgmt, conn, make_vault):
    vault = make_vault()
    missing = str(uuid.uuid4())
    with pytest.raises(HttpResponseError) as error:
        mgmt.authorization.role_assignments.create(vault.id, str(uuid.uuid4()), create_params(conn, "Key Vault Crypto User", missing))
    assert error.value.status_code == 400
    assert error.value.error.code == "PrincipalNotFound"
    assert error.value.error.message == (
        f"Principal {missing.replace('-', '')} does not exist in the directory {conn.tenant_id}. Check that you have the correct "
        "principal ID. If you are creating this principal and then immediately assigning a role, this error might be related "
        "to a replication delay. In this case, set the role assignment principalType property to a value, such as "
        "ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype")


def test_principal_of_another_tenant_is_not_found(mgmt, conn, make_vault):
    vault = make_vault()
    with pytest.raises(HttpResponseError) as error:
        mgmt.authorization.role_assignments.create(vault.id, str(uuid.uuid4()), create_params(
            conn, "Key Vault Crypto User", conn.raw["otherTenantApp"]["objectId"]))
    assert error.value.error.code == "PrincipalNotFound"


def test_unmatched_principal_type(mgmt, conn, make_vault):
    vault = make_vault()
    with pytest.raises(HttpResponseError) as error:
        mgmt.authorization.role_assignments.create(vault.id, str(uuid.uuid4()), create_params(
            conn, "Key Vault Crypto User", conn.data_connect_app.object_id, principal_type="User"))
    assert error.value.status_code == 400
    assert error.value.error.code == "UnmatchedPrincipalType"
    assert error.value.error.message == (f"The PrincipalId '{conn.data_connect_app.object_id.replace('-', '')}' has type "
                                         "'ServicePrincipal' , which is different from specified PrinciaplType 'User'.")


def test_principal_type_comes_from_the_directory(directory, conn, make_vault):
    vault = make_vault()
    group = directory.create("typed-group", kind="Group")
    name = str(uuid.uuid4())
    response = directory.arm("PUT", f"{vault.id}/providers/Microsoft.Authorization/roleAssignments/{name}", json={
        "properties": {"roleDefinitionId": harness.role_definition_id(conn, access.ROLES["Key Vault Reader"]),
                       "principalId": group.object_id}})
    assert response.status_code == 201, response.text
    assert response.json()["properties"]["principalType"] == "Group"


def test_invalid_role_assignment_id_and_not_found(mgmt, conn, make_vault):
    vault = make_vault()
    with pytest.raises(HttpResponseError) as invalid:
        mgmt.authorization.role_assignments.create(vault.id, "not-a-guid", create_params(
            conn, "Key Vault Crypto User", conn.data_connect_app.object_id))
    assert (invalid.value.status_code, invalid.value.error.code) == (400, "InvalidRoleAssignmentId")
    with pytest.raises(ResourceNotFoundError) as missing:
        mgmt.authorization.role_assignments.get(vault.id, str(uuid.uuid4()))
    assert missing.value.error.code == "RoleAssignmentNotFound"


def test_list_filters(mgmt, conn, make_vault, directory):
    vault = make_vault()
    group = directory.create("filter-group", kind="Group")
    member = directory.create("filter-member", groups=[group.object_id])
    direct = directory.must_assign(vault.id, "Key Vault Crypto User", member)
    through_group = directory.must_assign(vault.id, "Key Vault Reader", group, principal_type="Group")
    key_scope = directory.must_assign(f"{vault.id}/keys/k1", "Key Vault Crypto Officer", member)
    assignments = mgmt.authorization.role_assignments

    by_principal = {a.name for a in assignments.list_for_scope(vault.id, filter=f"principalId eq '{member.object_id}'")}
    assert by_principal == {direct, key_scope}
    assigned_to = {a.name for a in assignments.list_for_scope(vault.id, filter=f"assignedTo('{member.object_id}')")}
    assert assigned_to == {direct, through_group, key_scope}, "assignedTo() includes the member's groups"
    at_scope = {a.name for a in assignments.list_for_scope(vault.id, filter=f"atScope() and assignedTo('{member.object_id}')")}
    assert at_scope == {direct, through_group}, "atScope() leaves out the assignment below the vault"
    everything = [a for a in assignments.list_for_scope(vault.id, filter="atScope()")]
    # The admin's Owner assignment at the subscription is at and above the vault.
    assert any(a.principal_id == conn.admin.object_id and a.scope == f"/subscriptions/{conn.subscription_id}" for a in everything)


def test_group_assignment_grants_members_data_access(directory, make_vault):
    vault = make_vault()
    officer = directory.create("group-officer")
    directory.must_assign(vault.id, "Key Vault Crypto Officer", officer)
    assert access.data_call(directory, officer, vault.name, "POST", "/keys/g1/create", json={"kty": "EC", "crv": "P-256"}).status_code == 200
    group = directory.create("group-readers", kind="Group")
    member = directory.create("group-member")
    harness.assert_azure_error(access.data_call(directory, member, vault.name, "GET", "/keys/g1"), 403, "Forbidden", "ForbiddenByRbac")
    directory.must_assign(vault.id, "Key Vault Crypto User", group, principal_type="Group")
    directory.add_member(group, member)
    assert access.data_call(directory, member, vault.name, "GET", "/keys/g1").status_code == 200
