"""The access-policy permission model (keyvault-spec.md §4.4): entries, compound identity,
groups, the exact AccessDenied message, the ARM accessPolicies add/replace/remove operation, and
which model a vault uses (RBAC assignments ignored on a policy vault and policies on an RBAC vault).
The full permission x operation matrix is in test_permission_matrix.py."""

from __future__ import annotations

import pytest
from azure.core.exceptions import HttpResponseError

import access
import harness


def entry(conn, who, keys, application_id=None):
    value = {"tenantId": conn.tenant_id, "objectId": who.object_id, "permissions": {"keys": keys}}
    if application_id:
        value["applicationId"] = application_id
    return value


@pytest.fixture
def policy_vault(directory, resource_group, conn):
    """make(entries) -> vault name, an access-policy vault where the admin may do everything."""

    def make(entries, rbac=False):
        name = harness.unique_vault_name("pol")
        admin = {"tenantId": conn.tenant_id, "objectId": conn.admin.object_id, "permissions": {"keys": ["all"]}}
        response = access.put_vault(directory, resource_group, name,
                                    {"enableRbacAuthorization": rbac, "accessPolicies": [admin, *entries]})
        assert response.status_code in (200, 201), response.text
        made = access.data_call(directory, directory.admin, name, "POST", "/keys/k1/create", json={"kty": "EC", "crv": "P-256"})
        if not rbac:
            assert made.status_code == 200, made.text
        return name

    return make


def test_access_denied_message_is_azures(policy_vault, directory, conn):
    reader = directory.create("pol-reader")
    name = policy_vault([entry(conn, reader, ["get"])])
    assert access.data_call(directory, reader, name, "GET", "/keys/k1").status_code == 200
    response = access.data_call(directory, reader, name, "POST", "/keys/k1/sign",
                                json={"alg": "ES256", "value": access.b64url(access.sha256(b"x"))})
    message = harness.assert_azure_error(response, 403, "Forbidden", "AccessDenied")
    assert message == (f"The user, group or application 'appid={reader.client_id};oid={reader.object_id};"
                       f"iss=https://sts.windows.net/{conn.tenant_id}/' does not have keys sign permission on key vault "
                       f"'{name};location=westus'. For help resolving this issue, please see "
                       "https://go.microsoft.com/fwlink/?linkid=2125287")


def test_compound_identity_needs_object_and_application(policy_vault, directory, conn):
    user = directory.create("pol-compound-user")
    app = directory.create("pol-compound-app")
    # The entry names the user's object id together with another application: the user calling
    # with its own application id does not match it.
    name = policy_vault([entry(conn, user, ["get"], application_id=app.client_id)])
    response = access.data_call(directory, user, name, "GET", "/keys/k1")
    harness.assert_azure_error(response, 403, "Forbidden", "AccessDenied")
    # With its own application id as applicationId it matches.
    name = policy_vault([entry(conn, user, ["get"], application_id=user.client_id)])
    assert access.data_call(directory, user, name, "GET", "/keys/k1").status_code == 200


def test_group_entry_grants_its_members(policy_vault, directory, conn):
    group = directory.create("pol-group", kind="Group")
    member = directory.create("pol-member", groups=[group.object_id])
    outsider = directory.create("pol-outsider")
    name = policy_vault([entry(conn, group, ["get", "list"])])
    assert access.data_call(directory, member, name, "GET", "/keys/k1").status_code == 200
    harness.assert_azure_error(access.data_call(directory, outsider, name, "GET", "/keys/k1"), 403, "Forbidden", "AccessDenied")
    # Joining the group later grants the same.
    directory.add_member(group, outsider)
    assert access.data_call(directory, outsider, name, "GET", "/keys").status_code == 200


def test_union_of_entries(policy_vault, directory, conn):
    group = directory.create("pol-union-group", kind="Group")
    who = directory.create("pol-union", groups=[group.object_id])
    name = policy_vault([entry(conn, who, ["get"]), entry(conn, group, ["list"])])
    assert access.data_call(directory, who, name, "GET", "/keys/k1").status_code == 200
    assert access.data_call(directory, who, name, "GET", "/keys").status_code == 200


def test_entry_of_another_tenant_grants_nothing(policy_vault, directory, conn):
    who = directory.create("pol-tenant")
    other = {"tenantId": conn.raw["otherTenantId"], "objectId": who.object_id, "permissions": {"keys": ["all"]}}
    name = policy_vault([other])
    harness.assert_azure_error(access.data_call(directory, who, name, "GET", "/keys/k1"), 403, "Forbidden", "AccessDenied")


def test_rbac_assignments_are_ignored_on_a_policy_vault(policy_vault, directory, conn, resource_group):
    who = directory.create("pol-rbac-ignored")
    name = policy_vault([])
    directory.must_assign(access.vault_id(conn, resource_group, name), "Key Vault Administrator", who)
    harness.assert_azure_error(access.data_call(directory, who, name, "GET", "/keys/k1"), 403, "Forbidden", "AccessDenied")


def test_policies_are_ignored_on_an_rbac_vault(policy_vault, directory, conn):
    who = directory.create("pol-on-rbac")
    name = policy_vault([entry(conn, who, ["all"])], rbac=True)
    harness.assert_azure_error(access.data_call(directory, who, name, "GET", "/keys"), 403, "Forbidden", "ForbiddenByRbac")


def test_switching_the_model_keeps_the_policies(policy_vault, directory, conn, mgmt, resource_group):
    who = directory.create("pol-switch")
    name = policy_vault([entry(conn, who, ["get"])])
    assert access.data_call(directory, who, name, "GET", "/keys/k1").status_code == 200
    mgmt.keyvault.vaults.update(resource_group, name, {"properties": {"enableRbacAuthorization": True}})
    harness.assert_azure_error(access.data_call(directory, who, name, "GET", "/keys/k1"), 403, "Forbidden", "ForbiddenByRbac")
    mgmt.keyvault.vaults.update(resource_group, name, {"properties": {"enableRbacAuthorization": False}})
    assert access.data_call(directory, who, name, "GET", "/keys/k1").status_code == 200
    stored = mgmt.keyvault.vaults.get(resource_group, name).properties.access_policies
    assert who.object_id in [p.object_id for p in stored]


def test_update_access_policy_add_replace_remove(policy_vault, directory, conn, mgmt, resource_group):
    from azure.mgmt.keyvault.models import (AccessPolicyEntry, AccessPolicyUpdateKind, Permissions,
                                            VaultAccessPolicyParameters, VaultAccessPolicyProperties)
    who = directory.create("pol-update")
    name = policy_vault([])

    def change(kind, keys):
        policy = AccessPolicyEntry(tenant_id=conn.tenant_id, object_id=who.object_id, permissions=Permissions(keys_property=keys))
        return mgmt.keyvault.vaults.update_access_policy(
            resource_group, name, kind, VaultAccessPolicyParameters(properties=VaultAccessPolicyProperties(access_policies=[policy])))

    def mine():
        policies = mgmt.keyvault.vaults.get(resource_group, name).properties.access_policies
        return [sorted(p.permissions.keys_property) for p in policies if p.object_id == who.object_id]

    result = change(AccessPolicyUpdateKind.ADD, ["get"])
    assert result.type == "Microsoft.KeyVault/vaults/accessPolicies"
    assert result.properties.access_policies[0].object_id == who.object_id
    assert mine() == [["get"]]
    assert access.data_call(directory, who, name, "GET", "/keys/k1").status_code == 200

    change(AccessPolicyUpdateKind.ADD, ["list", "GET"])   # union, names compared without case
    assert mine() == [["get", "list"]]

    change(AccessPolicyUpdateKind.REMOVE, ["get"])
    assert mine() == [["list"]]
    harness.assert_azure_error(access.data_call(directory, who, name, "GET", "/keys/k1"), 403, "Forbidden", "AccessDenied")

    # replace: the given entries become the whole list (the admin's entry goes too).
    change(AccessPolicyUpdateKind.REPLACE, ["sign"])
    assert [p.object_id for p in mgmt.keyvault.vaults.get(resource_group, name).properties.access_policies] == [who.object_id]

    change(AccessPolicyUpdateKind.REMOVE, ["sign"])   # nothing left: the entry goes
    assert mine() == []


def test_unknown_key_permission_is_refused(directory, resource_group, conn):
    who = directory.create("pol-bad-name")
    response = access.put_vault(directory, resource_group, harness.unique_vault_name("polbad"), {
        "enableRbacAuthorization": False, "accessPolicies": [entry(conn, who, ["unwrap"])]})
    message = harness.assert_azure_error(response, 400, "BadRequest")
    assert "unwrap" in message


def test_access_policy_operation_needs_its_action(policy_vault, directory, conn, resource_group):
    who = directory.create("pol-no-arm-rights")
    name = policy_vault([])
    response = directory.arm("PUT", f"{access.vault_id(conn, resource_group, name)}/accessPolicies/add", who=who,
                             api_version="2025-05-01",
                             json={"properties": {"accessPolicies": [entry(conn, who, ["all"])]}})
    message = harness.assert_azure_error(response, 403, "AuthorizationFailed")
    assert "'Microsoft.KeyVault/vaults/accessPolicies/write'" in message
    bad = directory.arm("PUT", f"{access.vault_id(conn, resource_group, name)}/accessPolicies/merge", api_version="2025-05-01",
                        json={"properties": {"accessPolicies": []}})
    harness.assert_azure_error(bad, 400, "BadRequest")


def test_sdk_denial_on_policy_vault(policy_vault, directory, conn):
    who = directory.create("pol-sdk")
    name = policy_vault([entry(conn, who, ["list"])])
    cred = harness.credential(conn, harness.Principal(who.client_id, who.secret, who.object_id))
    client = harness.key_client(conn, name, cred)
    assert [k.name for k in client.list_properties_of_keys()] == ["k1"]
    with pytest.raises(HttpResponseError) as denied:
        client.get_key("k1")
    assert harness.sdk_error_codes(denied.value) == ("Forbidden", "AccessDenied")
