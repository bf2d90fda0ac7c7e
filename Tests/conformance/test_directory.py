"""The identities admin API (POST/GET /admin/principals, POST /admin/groups/{id}/members) and the
`keyvault-emulator principal` / `group` subcommands, which print credentials as JSON like
`az ad sp create-for-rbac`."""

from __future__ import annotations

import json
import subprocess

import pytest
from azure.identity import ClientSecretCredential

import access
import harness


def cli(emulator, *arguments) -> dict:
    result = subprocess.run([str(harness.emulator_binary()), *arguments, "--connection", str(emulator.process.connection_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_created_service_principal_signs_in(directory, conn):
    created = directory.admin_api("POST", "/admin/principals", json={"displayName": "api-sp"})
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["kind"] == "ServicePrincipal" and body["tenantId"] == conn.tenant_id
    assert len(body["clientSecret"]) == 40
    credential = ClientSecretCredential(conn.tenant_id, body["clientId"], body["clientSecret"], authority=conn.authority_host,
                                        disable_instance_discovery=True, **conn.client_options())
    claims = harness.jwt_parts(credential.get_token(conn.vault_scope).token)[1]
    assert (claims["oid"], claims["appid"]) == (body["objectId"], body["clientId"])
    # The secret is shown once: the listing never holds it.
    listed = directory.admin_api("GET", "/admin/principals").json()["value"]
    mine = [p for p in listed if p["objectId"] == body["objectId"]]
    assert len(mine) == 1 and "clientSecret" not in mine[0]


def test_users_and_groups(directory, conn):
    group = directory.admin_api("POST", "/admin/principals", json={"displayName": "api-group", "kind": "Group"}).json()
    assert group["kind"] == "Group" and "clientId" not in group and "clientSecret" not in group
    user = directory.admin_api("POST", "/admin/principals", json={"displayName": "api-user", "kind": "User",
                                                                  "groups": [group["objectId"]]}).json()
    assert user["kind"] == "User" and user["password"] and user["groups"] == [group["objectId"]]
    sp = directory.create("api-joiner")
    joined = directory.admin_api("POST", f"/admin/groups/{group['objectId']}/members", json={"objectId": sp.object_id})
    assert joined.status_code == 200 and joined.json()["groups"] == [group["objectId"]]
    # A group that is not one, or of another tenant, is refused.
    not_group = directory.admin_api("POST", f"/admin/groups/{sp.object_id}/members", json={"objectId": user["objectId"]})
    assert not_group.status_code == 404
    # The groups claim of a member's token.
    claims = harness.jwt_parts(directory.vault_token(sp))[1]
    assert claims.get("groups") == [group["objectId"]]


def test_principal_in_the_second_tenant(directory, conn):
    other = conn.raw["otherTenantId"]
    sp = directory.create("fabrikam-sp", tenant_id=other)
    assert sp.tenant_id == other
    token = directory.vault_token(sp)
    assert harness.jwt_parts(token)[1]["tid"] == other
    unknown = directory.admin_api("POST", "/admin/principals", json={"displayName": "x", "tenantId": "00000000-0000-4000-8000-000000000999"})
    assert unknown.status_code == 404


def test_admin_api_is_for_the_admin_only(directory, conn):
    someone = directory.create("not-admin")
    response = directory.raw.request("POST", f"{conn.localhost_url}/admin/principals",
                                     token=directory.arm_token(someone), json={"displayName": "sneaky"})
    harness.assert_azure_error(response, 403, "AuthorizationFailed")
    assert directory.raw.request("GET", f"{conn.localhost_url}/admin/principals").status_code == 401


def test_cli_prints_credentials_like_az(emulator, conn):
    sp = cli(emulator, "principal", "create", "--display-name", "cli-app")
    assert set(sp) == {"appId", "displayName", "password", "tenant", "objectId", "kind"}
    assert sp["displayName"] == "cli-app" and sp["tenant"] == conn.tenant_id
    credential = ClientSecretCredential(sp["tenant"], sp["appId"], sp["password"], authority=conn.authority_host,
                                        disable_instance_discovery=True, **conn.client_options())
    assert credential.get_token(conn.management_scope).token

    group = cli(emulator, "principal", "create", "--display-name", "cli-group", "--kind", "group")
    assert "password" not in group and group["kind"] == "Group"
    user = cli(emulator, "principal", "create", "--display-name", "cli-user", "--kind", "user", "--member-of", group["objectId"])
    assert user["kind"] == "User" and user["password"]
    joined = cli(emulator, "group", "add-member", "--group", group["objectId"], "--member", sp["objectId"])
    assert joined["groups"] == [group["objectId"]]
    listed = cli(emulator, "principal", "list")
    names = {p["displayName"] for p in listed["value"]}
    assert {"cli-app", "cli-group", "cli-user", "emulator-admin"} <= names
