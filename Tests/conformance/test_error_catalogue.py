"""Every row of the data-plane error catalogue (keyvault-spec.md §2.11), one raw request each:
status, error.code, innererror.code and, where the service's text is known, the message."""

import hashlib
import json
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from azure.core.exceptions import HttpResponseError
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

import harness

DIGEST = harness.b64url_encode(hashlib.sha256(b"catalogue").digest())


@pytest.fixture(scope="module")
def token(admin_cred, conn, officer_vault):
    return admin_cred.get_token(conn.vault_scope).token


@pytest.fixture(scope="module")
def key(admin_keys):
    return admin_keys.create_rsa_key(f"catalogue-{uuid.uuid4().hex[:8]}", size=2048)


def call(raw, vault, token, method, path, **kwargs):
    return raw.vault(method, vault.name, path, token=token, **kwargs)


def forged_token(conn, claims_update: dict) -> str:
    """An RS256 JWT signed by a key the authority never published."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = int(time.time())
    header = {"alg": "RS256", "typ": "JWT", "kid": "not-a-known-key"}
    claims = {"aud": conn.vault_resource, "iss": f"https://sts.windows.net/{conn.tenant_id}/", "iat": now,
              "nbf": now, "exp": now + 3600, "tid": conn.tenant_id, "oid": conn.admin.object_id,
              "appid": conn.admin.client_id, **claims_update}
    signing_input = ".".join(harness.b64url_encode(json.dumps(part).encode()) for part in (header, claims))
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{harness.b64url_encode(signature)}"


# --- 401 ---


def test_401_no_token(raw, officer_vault, key):
    response = call(raw, officer_vault, None, "GET", f"/keys/{key.name}")
    message = harness.assert_azure_error(response, 401, "Unauthorized")
    assert message == "AKV10000: Request is missing a Bearer or PoP token."
    assert response.headers["WWW-Authenticate"].startswith('Bearer authorization="')


def test_401_wrong_audience(raw, officer_vault, key, admin_cred, conn):
    management_token = admin_cred.get_token(conn.management_scope).token
    message = harness.assert_azure_error(call(raw, officer_vault, management_token, "GET", f"/keys/{key.name}"),
                                         401, "Unauthorized")
    assert message.startswith(f"AKV10022: Invalid audience. Expected {conn.vault_resource}, found: "), message


def test_401_wrong_tenant(make_vault, raw, token, conn):
    other_tenant = str(uuid.uuid4())
    vault = make_vault(tenantId=other_tenant)
    message = harness.assert_azure_error(call(raw, vault, token, "GET", "/keys"), 401, "Unauthorized")
    assert message == (f"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/{other_tenant}/, "
                       f"found https://sts.windows.net/{conn.tenant_id}/.")


def test_401_unknown_signing_key(raw, officer_vault, key, conn):
    response = call(raw, officer_vault, forged_token(conn, {}), "GET", f"/keys/{key.name}")
    assert harness.assert_azure_error(response, 401, "Unauthorized").startswith("AKV10046: ")


def test_401_expired_token(raw, officer_vault, key, conn, emulator_clock):
    holder = harness.credential(conn, conn.admin).get_token(conn.vault_scope).token
    emulator_clock(7200)
    response = call(raw, officer_vault, holder, "GET", f"/keys/{key.name}")
    assert harness.assert_azure_error(response, 401, "Unauthorized").startswith("AKV10020: Invalid token lifetime.")


# --- 403 ---


def test_403_forbidden_by_rbac(raw, officer_vault, key, app_cred):
    response = call(raw, officer_vault, None, "GET", f"/keys/{key.name}", cred=app_cred)
    harness.assert_azure_error(response, 403, "Forbidden", "ForbiddenByRbac")


def test_403_access_denied_by_access_policy(make_vault, raw, app_cred, conn):
    vault = make_vault(rbac=False)
    message = harness.assert_azure_error(call(raw, vault, None, "GET", "/keys", cred=app_cred), 403, "Forbidden", "AccessDenied")
    assert "does not have keys list permission on key vault" in message, message


def test_403_forbidden_by_firewall(make_vault, raw, app_cred):
    vault = make_vault(networkAcls={"defaultAction": "Deny", "bypass": "None", "ipRules": []})
    harness.assert_azure_error(call(raw, vault, None, "GET", "/keys", cred=app_cred), 403, "Forbidden", "ForbiddenByFirewall")


def test_403_forbidden_by_connection(make_vault, raw, app_cred):
    vault = make_vault(public=False)
    harness.assert_azure_error(call(raw, vault, None, "GET", "/keys", cred=app_cred), 403, "Forbidden", "ForbiddenByConnection")


def test_403_key_operation_forbidden(admin_keys, raw, officer_vault, token, key_name):
    admin_keys.create_rsa_key(key_name, key_operations=["verify"])
    response = call(raw, officer_vault, token, "POST", f"/keys/{key_name}/sign", json={"alg": "RS256", "value": DIGEST})
    message = harness.assert_azure_error(response, 403, "Forbidden", "KeyOperationForbidden")
    assert message == "Operation sign is not permitted on this key."


def test_403_key_disabled(admin_keys, raw, officer_vault, token, key_name):
    admin_keys.create_rsa_key(key_name, enabled=False)
    response = call(raw, officer_vault, token, "POST", f"/keys/{key_name}/sign", json={"alg": "RS256", "value": DIGEST})
    message = harness.assert_azure_error(response, 403, "Forbidden", "KeyDisabled")
    assert message == "Operation sign is not allowed on a disabled key."


@pytest.mark.parametrize("operation,path", [("encrypt", "encrypt"), ("wrapKey", "wrapkey"), ("sign", "sign")])
def test_403_outside_the_validity_window(admin_keys, raw, officer_vault, token, key_name, operation, path):
    now = datetime.now(timezone.utc).replace(microsecond=0)
    expired = admin_keys.create_rsa_key(key_name + "-exp", expires_on=now - timedelta(hours=1))
    future = admin_keys.create_rsa_key(key_name + "-nbf", not_before=now + timedelta(days=1))
    value = DIGEST
    for key_obj, inner, text in [(expired, "KeyExpired", "an expired key"),
                                 (future, "KeyNotYetValid", "a key that is not yet valid")]:
        alg = "RS256" if operation == "sign" else "RSA-OAEP"
        response = call(raw, officer_vault, token, "POST", f"/keys/{key_obj.name}/{path}", json={"alg": alg, "value": value})
        message = harness.assert_azure_error(response, 403, "Forbidden", inner)
        assert message == f"Operation {operation} is not allowed on {text}."


def test_403_purge_protection(make_officer_vault, raw, token, key_client_for, admin_cred, key_name):
    vault = make_officer_vault(enablePurgeProtection=True)
    client = key_client_for(vault.name, admin_cred)
    client.create_ec_key(key_name)
    client.begin_delete_key(key_name).result()
    message = harness.assert_azure_error(call(raw, vault, token, "DELETE", f"/deletedkeys/{key_name}"), 403, "Forbidden")
    assert message.startswith('Operation "purge" is not allowed because purge protection is enabled for this vault.')


# --- 404 ---


def test_404_key_not_found(raw, officer_vault, token):
    response = call(raw, officer_vault, token, "GET", "/keys/never-created")
    message = harness.assert_azure_error(response, 404, "KeyNotFound")
    assert message == ("A key with (name/id) never-created was not found in this key vault. If you recently deleted "
                       "this key you may be able to recover it using the correct recovery command. For help resolving "
                       "this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182")


@pytest.mark.parametrize("method,suffix", [("GET", ""), ("DELETE", ""), ("POST", "/recover")])
def test_404_deleted_key_not_found(raw, officer_vault, token, method, suffix):
    response = call(raw, officer_vault, token, method, f"/deletedkeys/never-deleted{suffix}")
    assert harness.assert_azure_error(response, 404, "KeyNotFound") == "Deleted Key not found: never-deleted"


# --- 409 ---


def test_409_deleted_but_recoverable(admin_keys, raw, officer_vault, token, key_name):
    admin_keys.create_ec_key(key_name)
    admin_keys.begin_delete_key(key_name).result()
    for method, path, body in [("POST", f"/keys/{key_name}/create", {"kty": "EC"}),
                               ("PUT", f"/keys/{key_name}", {"key": {"kty": "EC"}})]:
        response = call(raw, officer_vault, token, method, path, json=body)
        harness.assert_azure_error(response, 409, "Conflict", "ObjectIsDeletedButRecoverable")


def test_409_restore_onto_an_active_key(admin_keys, raw, officer_vault, token, key_name):
    admin_keys.create_ec_key(key_name)
    blob = harness.b64url_encode(admin_keys.backup_key(key_name))
    harness.assert_azure_error(call(raw, officer_vault, token, "POST", "/keys/restore", json={"value": blob}), 409, "Conflict")


# --- 400 ---


def test_400_unknown_api_version(raw, officer_vault, token, key):
    response = call(raw, officer_vault, token, "GET", f"/keys/{key.name}", api_version="7.7")
    assert harness.assert_azure_error(response, 400, "BadParameter") == (
        "The specified version (7.7) is not recognized. Consider using the latest supported version (2025-07-01).")


def test_400_wrong_digest_length(raw, officer_vault, token, key):
    response = call(raw, officer_vault, token, "POST", f"/keys/{key.name}/{key.properties.version}/sign",
                    json={"alg": "RS256", "value": harness.b64url_encode(b"\x00" * 20)})
    assert harness.assert_azure_error(response, 400, "BadParameter") == (
        "Invalid length of 'value': 20 bytes. RS256 requires 32 bytes, encoded with base64url.")


@pytest.mark.parametrize("body", [{"kty": "RSA", "key_size": 1024}, {"kty": "oct", "key_size": 256},
                                  {"kty": "EC", "crv": "P-192"}, {"kty": "RSA", "key_ops": ["fly"]}, {"key_size": 2048}])
def test_400_bad_create(raw, officer_vault, token, key_name, body):
    harness.assert_azure_error(call(raw, officer_vault, token, "POST", f"/keys/{key_name}/create", json=body), 400, "BadParameter")


def test_400_exportable_on_a_standard_vault(raw, officer_vault, token, key_name):
    response = call(raw, officer_vault, token, "POST", f"/keys/{key_name}/create",
                    json={"kty": "RSA", "attributes": {"exportable": True},
                          "release_policy": {"data": harness.b64url_encode(b"{}")}})
    assert harness.assert_azure_error(response, 400, "BadParameter") == (
        "AKV.SKR.1001: The exportable attribute is only supported with premium vaults and API version >= '7.3-preview'.")
    response = call(raw, officer_vault, token, "POST", f"/keys/{key_name}/create",
                    json={"kty": "RSA", "release_policy": {"data": harness.b64url_encode(b"{}")}})
    assert harness.assert_azure_error(response, 400, "BadParameter") == (
        "AKV.SKR.1005: Non-exportable keys must not have release policy")


# --- the Managed HSM-only operations, through the SDK ---


def test_release_of_a_standard_vault_key_is_refused(admin_keys, key_name):
    admin_keys.create_rsa_key(key_name)
    with pytest.raises(HttpResponseError) as refused:
        admin_keys.release_key(key_name, "eyJhbGciOiJub25lIn0.e30.")
    assert refused.value.status_code == 400
    assert harness.sdk_error_codes(refused.value) == ("BadParameter", None)
    assert refused.value.error.message == (
        f"Key {key_name} is not exportable: only exportable keys with a key release policy (premium vaults) can be released.")


def test_get_random_bytes_is_refused_by_a_vault(admin_keys):
    with pytest.raises(HttpResponseError) as refused:
        admin_keys.get_random_bytes(16)
    assert refused.value.status_code == 400
    assert harness.sdk_error_codes(refused.value)[0] == "BadParameter"


def test_get_random_bytes_needs_no_role(key_client_for, officer_vault, app_cred):
    # No data action exists for it on a vault: every caller gets the same 400, never a 403.
    with pytest.raises(HttpResponseError) as refused:
        key_client_for(officer_vault.name, app_cred).get_random_bytes(16)
    assert refused.value.status_code == 400


def test_key_attestation_is_refused_by_a_vault(admin_keys, raw, officer_vault, token, key_name):
    admin_keys.create_ec_key(key_name)
    with pytest.raises(HttpResponseError) as refused:
        admin_keys.get_key_attestation(key_name)
    assert refused.value.status_code == 400
    assert "Managed HSM" in refused.value.error.message
    response = call(raw, officer_vault, token, "GET", f"/keys/{key_name}/attestation", api_version="7.5")
    assert "requires api-version 7.6" in harness.assert_azure_error(response, 400, "BadParameter")
