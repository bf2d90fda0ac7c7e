"""Bad input with a valid token: every case is a 4xx with Azure's error body, never a 5xx, and a
failed create writes nothing."""

import os

import pytest
import requests
from azure.core.exceptions import HttpResponseError

import harness

ONE_MIB = 1 << 20


@pytest.fixture(scope="module")
def token(admin_cred, conn, officer_vault):
    """A vault token of the admin, who is Crypto Officer on officer_vault."""
    return admin_cred.get_token(conn.vault_scope).token


@pytest.fixture(scope="module")
def rsa_key(admin_keys):
    return admin_keys.create_rsa_key(f"bad-input-{os.urandom(4).hex()}", size=2048)


def post(raw, vault, token, path, **kwargs):
    return raw.vault("POST", vault.name, path, token=token, **kwargs)


def assert_absent(raw, vault, token, name):
    response = raw.vault("GET", vault.name, f"/keys/{name}", token=token)
    harness.assert_azure_error(response, 404, "KeyNotFound")


def assert_bad_parameter(response):
    return harness.assert_azure_error(response, 400, "BadParameter")


# --- create ---


def test_malformed_json(raw, officer_vault, token, key_name):
    response = post(raw, officer_vault, token, f"/keys/{key_name}/create",
                    data=b'{"kty": "RSA",', headers={"Content-Type": "application/json"})
    assert_bad_parameter(response)
    assert_absent(raw, officer_vault, token, key_name)


def test_wrong_field_type(raw, officer_vault, token, key_name):
    response = post(raw, officer_vault, token, f"/keys/{key_name}/create",
                    json={"kty": "RSA", "key_size": "big"})
    assert_bad_parameter(response)
    assert_absent(raw, officer_vault, token, key_name)


@pytest.mark.parametrize("size", [1024, 2047, 8192])
def test_unsupported_key_size(raw, officer_vault, token, key_name, size):
    response = post(raw, officer_vault, token, f"/keys/{key_name}/create",
                    json={"kty": "RSA", "key_size": size})
    assert_bad_parameter(response)
    assert_absent(raw, officer_vault, token, key_name)


def test_unknown_key_type(raw, officer_vault, token, key_name):
    response = post(raw, officer_vault, token, f"/keys/{key_name}/create", json={"kty": "DSA"})
    assert_bad_parameter(response)
    assert_absent(raw, officer_vault, token, key_name)


def test_missing_key_type(raw, officer_vault, token, key_name):
    response = post(raw, officer_vault, token, f"/keys/{key_name}/create", json={"key_size": 2048})
    assert_bad_parameter(response)
    assert_absent(raw, officer_vault, token, key_name)


def test_body_over_one_mebibyte(raw, officer_vault, token, key_name):
    # contract: a body over 1 MiB is answered 400 BadParameter (not 413, not a closed connection).
    body = {"kty": "RSA", "tags": {"padding": "x" * (ONE_MIB + 16)}}
    try:
        response = post(raw, officer_vault, token, f"/keys/{key_name}/create", json=body)
    except requests.ConnectionError as error:
        pytest.fail(f"the server dropped the connection instead of answering 400: {error}")
    assert_bad_parameter(response)
    assert_absent(raw, officer_vault, token, key_name)


def test_invalid_key_name(raw, officer_vault, token, admin_keys):
    response = post(raw, officer_vault, token, "/keys/bad_name!/create", json={"kty": "RSA"})
    assert_bad_parameter(response)
    assert all(p.name.lower() != "bad_name!" for p in admin_keys.list_properties_of_keys())


def test_key_name_too_long(raw, officer_vault, token):
    name = "k" * 128  # 1-127 characters
    response = post(raw, officer_vault, token, f"/keys/{name}/create", json={"kty": "RSA"})
    assert_bad_parameter(response)


def test_unknown_api_version(raw, officer_vault, token, rsa_key):
    response = raw.vault("GET", officer_vault.name, f"/keys/{rsa_key.name}", token=token,
                         api_version="1999-01-01")
    message = assert_bad_parameter(response)
    assert message.startswith("The specified version (1999-01-01) is not recognized."), message


def test_missing_api_version(raw, officer_vault, token, rsa_key):
    response = raw.vault("GET", officer_vault.name, f"/keys/{rsa_key.name}", token=token,
                         api_version=None)
    assert_bad_parameter(response)


# --- crypto operations ---


def test_invalid_base64url_value(raw, officer_vault, token, rsa_key):
    response = post(raw, officer_vault, token,
                    f"/keys/{rsa_key.name}/{rsa_key.properties.version}/decrypt",
                    json={"alg": "RSA-OAEP-256", "value": "***not base64url***"})
    assert_bad_parameter(response)


def test_unknown_algorithm(raw, officer_vault, token, rsa_key):
    ciphertext = harness.b64url_encode(b"\x01" * 256)
    response = post(raw, officer_vault, token,
                    f"/keys/{rsa_key.name}/{rsa_key.properties.version}/decrypt",
                    json={"alg": "RSA-OAEP-1024", "value": ciphertext})
    assert_bad_parameter(response)


def test_algorithm_for_another_key_type(raw, officer_vault, token, rsa_key):
    digest = harness.b64url_encode(b"\x00" * 32)
    response = post(raw, officer_vault, token,
                    f"/keys/{rsa_key.name}/{rsa_key.properties.version}/sign",
                    json={"alg": "ES256", "value": digest})
    assert_bad_parameter(response)


def test_wrong_digest_length(raw, officer_vault, token, rsa_key):
    # keyvault-spec.md §2.7: "Invalid length of 'value': {n} bytes. {alg} requires {m} bytes, ..."
    response = post(raw, officer_vault, token,
                    f"/keys/{rsa_key.name}/{rsa_key.properties.version}/sign",
                    json={"alg": "RS256", "value": harness.b64url_encode(b"\x00" * 20)})
    message = assert_bad_parameter(response)
    assert "20" in message and "32" in message, message


def test_ciphertext_of_wrong_length(raw, officer_vault, token, rsa_key):
    response = post(raw, officer_vault, token,
                    f"/keys/{rsa_key.name}/{rsa_key.properties.version}/decrypt",
                    json={"alg": "RSA-OAEP", "value": harness.b64url_encode(b"\x01" * 100)})
    assert_bad_parameter(response)


def test_plaintext_too_long_for_rsa1_5(raw, officer_vault, token, rsa_key):
    # RSA1_5 on a 2048-bit key takes at most 256 - 11 = 245 bytes.
    response = post(raw, officer_vault, token,
                    f"/keys/{rsa_key.name}/{rsa_key.properties.version}/encrypt",
                    json={"alg": "RSA1_5", "value": harness.b64url_encode(b"\x01" * 246)})
    assert_bad_parameter(response)


def test_missing_value(raw, officer_vault, token, rsa_key):
    response = post(raw, officer_vault, token,
                    f"/keys/{rsa_key.name}/{rsa_key.properties.version}/decrypt",
                    json={"alg": "RSA-OAEP"})
    assert_bad_parameter(response)


# --- management plane ---


@pytest.mark.parametrize("name", ["a", "-bad-", "x--y", "9starts-with-digit", "ends-with-dash-",
                                  "a" * 25])
def test_invalid_vault_name(mgmt, resource_group, vault_properties, name):
    with pytest.raises(HttpResponseError) as rejected:
        mgmt.keyvault.vaults.begin_create_or_update(
            resource_group, name, {"location": "westus", "properties": vault_properties()}).result()
    assert rejected.value.status_code == 400
    assert rejected.value.response.json()["error"]["code"] == "VaultNameNotValid"
