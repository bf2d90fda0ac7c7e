"""Denials of the data plane: RBAC, network, missing and invalid tokens."""

import json

import pytest
from azure.core.exceptions import HttpResponseError

import harness


@pytest.fixture(scope="module")
def keyed_vault(officer_vault, admin_keys):
    """officer_vault with one key in it; the Data Connect app has no role there."""
    key = admin_keys.create_rsa_key("denials-key", size=2048)
    return officer_vault, key


def assert_forbidden(excinfo, inner: str):
    assert excinfo.value.status_code == 403, excinfo.value
    assert harness.sdk_error_codes(excinfo.value) == ("Forbidden", inner)


# --- RBAC ---


def test_principal_without_role_is_forbidden_by_rbac(keyed_vault, key_client_for, app_cred):
    vault, key = keyed_vault
    app_keys = key_client_for(vault.name, app_cred)
    with pytest.raises(HttpResponseError) as read:
        app_keys.get_key(key.name)
    assert_forbidden(read, "ForbiddenByRbac")
    with pytest.raises(HttpResponseError) as listing:
        list(app_keys.list_properties_of_keys())
    assert_forbidden(listing, "ForbiddenByRbac")


def test_rbac_denial_message_names_action_and_caller(keyed_vault, raw, app_cred, conn):
    vault, key = keyed_vault
    response = raw.vault("GET", vault.name, f"/keys/{key.name}", cred=app_cred)
    message = harness.assert_azure_error(response, 403, "Forbidden", "ForbiddenByRbac")
    # keyvault-spec.md §4.2: "Caller: appid=..;oid=..;iss=..", "Action: '...keys/read'".
    assert f"oid={conn.data_connect_app.object_id}" in message
    assert "Microsoft.KeyVault/vaults/keys/read" in message


def test_subscription_owner_has_no_data_access(make_vault, key_client_for, admin_cred):
    # The bootstrap admin is Owner of the subscription: management rights only, no dataActions.
    vault = make_vault()
    with pytest.raises(HttpResponseError) as denied:
        key_client_for(vault.name, admin_cred).create_rsa_key("owner-cannot", size=2048)
    assert_forbidden(denied, "ForbiddenByRbac")


def test_crypto_user_cannot_create(make_vault, assign_role, key_client_for, app_cred, conn):
    vault = make_vault()
    assign_role(vault.id, harness.KEY_VAULT_CRYPTO_USER, conn.data_connect_app.object_id)
    with pytest.raises(HttpResponseError) as denied:
        key_client_for(vault.name, app_cred).create_rsa_key("user-cannot", size=2048)
    assert_forbidden(denied, "ForbiddenByRbac")


def test_role_at_resource_group_scope_applies_to_vault(make_vault, assign_role, key_client_for,
                                                       app_cred, admin_cred, mgmt, conn):
    # Assignments apply to their scope and everything below it (keyvault-spec.md §4.2).
    vault = make_vault()
    assign_role(vault.id, harness.KEY_VAULT_CRYPTO_OFFICER, conn.admin.object_id)
    key = key_client_for(vault.name, admin_cred).create_rsa_key("rg-scope", size=2048)
    app_keys = key_client_for(vault.name, app_cred)
    with pytest.raises(HttpResponseError) as before:
        app_keys.get_key(key.name)
    assert_forbidden(before, "ForbiddenByRbac")

    # Granted on the whole resource group for the duration of this test only.
    rg_scope = f"/subscriptions/{conn.subscription_id}/resourceGroups/{vault.resource_group}"
    assignment = assign_role(rg_scope, harness.KEY_VAULT_CRYPTO_USER, conn.data_connect_app.object_id)
    try:
        assert app_keys.get_key(key.name).id == key.id
    finally:
        mgmt.authorization.role_assignments.delete(rg_scope, assignment.name)

    # contract: role changes apply at once (Azure takes minutes; keyvault-spec.md §4.2 [D]).
    with pytest.raises(HttpResponseError) as after:
        app_keys.get_key(key.name)
    assert_forbidden(after, "ForbiddenByRbac")


# --- network ---


def test_public_access_disabled_at_creation(make_vault, assign_role, key_client_for, admin_cred, conn):
    vault = make_vault(public=False)
    assign_role(vault.id, harness.KEY_VAULT_CRYPTO_OFFICER, conn.admin.object_id)
    with pytest.raises(HttpResponseError) as denied:
        key_client_for(vault.name, admin_cred).create_rsa_key("no-network", size=2048)
    assert_forbidden(denied, "ForbiddenByConnection")


def test_public_access_disabled_by_update_then_enabled(make_vault, assign_role, key_client_for,
                                                       admin_cred, mgmt, conn):
    vault = make_vault()
    assign_role(vault.id, harness.KEY_VAULT_CRYPTO_OFFICER, conn.admin.object_id)
    keys = key_client_for(vault.name, admin_cred)
    key = keys.create_rsa_key("network-toggle", size=2048)

    updated = mgmt.keyvault.vaults.update(vault.resource_group, vault.name,
                                          {"properties": {"publicNetworkAccess": "Disabled"}})
    assert updated.properties.public_network_access == "Disabled"
    with pytest.raises(HttpResponseError) as denied:
        keys.get_key(key.name)
    assert_forbidden(denied, "ForbiddenByConnection")

    mgmt.keyvault.vaults.update(vault.resource_group, vault.name,
                                {"properties": {"publicNetworkAccess": "Enabled"}})
    assert keys.get_key(key.name).id == key.id


# --- tokens ---


def test_missing_token_gets_the_challenge(keyed_vault, raw, conn):
    vault, key = keyed_vault
    response = raw.vault("GET", vault.name, f"/keys/{key.name}")
    harness.assert_azure_error(response, 401, "Unauthorized")
    challenge = response.headers.get("WWW-Authenticate", "")
    assert challenge.startswith("Bearer "), challenge
    # The resource must be a parent domain of the vault host, same port (keyvault-spec.md §3.2).
    assert f'resource="{conn.vault_resource}"' in challenge, challenge
    assert f'authorization="{conn.authority_host}/{conn.tenant_id}"' in challenge, challenge


def test_challenge_comes_before_the_body(keyed_vault, raw):
    # The SDK's first request is bodiless; a bad body must not change the answer.
    vault, key = keyed_vault
    response = raw.vault("POST", vault.name, f"/keys/{key.name}/create", data=b"{not json",
                         headers={"Content-Type": "application/json"})
    assert response.status_code == 401, response.text


def test_garbage_bearer_token(keyed_vault, raw):
    vault, key = keyed_vault
    response = raw.vault("GET", vault.name, f"/keys/{key.name}", token="not-a-jwt")
    harness.assert_azure_error(response, 401, "Unauthorized")


def test_management_token_on_vault(keyed_vault, raw, admin_cred, conn):
    vault, key = keyed_vault
    token = admin_cred.get_token(conn.management_scope).token
    response = raw.vault("GET", vault.name, f"/keys/{key.name}", token=token)
    harness.assert_azure_error(response, 401, "Unauthorized")


def test_token_with_modified_payload(keyed_vault, raw, admin_cred, conn):
    vault, key = keyed_vault
    token = admin_cred.get_token(conn.vault_scope).token
    header_b64, payload_b64, signature_b64 = token.split(".")
    claims = json.loads(harness.b64url_decode(payload_b64))
    claims["oid"] = conn.data_connect_app.object_id
    forged = ".".join([header_b64, harness.b64url_encode(json.dumps(claims).encode()), signature_b64])
    response = raw.vault("GET", vault.name, f"/keys/{key.name}", token=forged)
    harness.assert_azure_error(response, 401, "Unauthorized")


def test_expired_token_via_emulator_clock(keyed_vault, raw, conn):
    # contract: admin API `POST https://localhost:{port}/admin/clock` with
    # {"offsetSeconds": N} shifts the emulator's clock by N seconds (0 resets), authenticated with
    # a management-audience token of the admin. Fresh credentials are used throughout so that no
    # token issued during the shift stays in a cache the rest of the suite uses.
    vault, key = keyed_vault

    def set_offset(seconds: int) -> None:
        admin = harness.credential(conn, conn.admin)
        token = admin.get_token(conn.management_scope).token
        response = raw.request("POST", f"{conn.localhost_url}/admin/clock", token=token,
                               json={"offsetSeconds": seconds})
        assert response.status_code in (200, 204), response.text

    # An admin with data access on this vault, with a token issued at the real time.
    holder = harness.credential(conn, conn.admin)
    token = holder.get_token(conn.vault_scope).token
    assert raw.vault("GET", vault.name, f"/keys/{key.name}", token=token).status_code == 200

    set_offset(7200)  # tokens live about an hour: this one is now expired
    try:
        response = raw.vault("GET", vault.name, f"/keys/{key.name}", token=token)
        harness.assert_azure_error(response, 401, "Unauthorized")
    finally:
        set_offset(0)
    assert raw.vault("GET", vault.name, f"/keys/{key.name}", token=token).status_code == 200
