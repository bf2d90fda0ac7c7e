"""Forged and misused tokens on the data plane and on ARM: alg none, an HMAC keyed with the
public key, another RSA key under the authority's kid, an unknown kid, a changed payload, an
expired token, a wrong audience and a token of another tenant. Every one is a 401 with the
message of docs/identity.md; the data plane's carries the vault tenant's challenge."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

import access
import harness


def compact(header: dict, claims: dict, sign) -> str:
    head = harness.b64url_encode(json.dumps(header, separators=(",", ":")).encode())
    body = harness.b64url_encode(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{head}.{body}".encode()
    return f"{head}.{body}.{harness.b64url_encode(sign(signing_input))}"


@pytest.fixture(scope="module")
def forge(conn, raw, directory, make_vault):
    """The genuine claims of a principal allowed to read the vault, the authority's kid, and the vault."""
    vault = make_vault()
    reader = directory.create("forgery-reader")
    directory.must_assign(vault.id, "Key Vault Crypto Officer", reader)
    made = access.data_call(directory, reader, vault.name, "POST", "/keys/f1/create", json={"kty": "EC", "crv": "P-256"})
    assert made.status_code == 200, made.text
    genuine = directory.vault_token(reader)
    header, claims, _, _ = harness.jwt_parts(genuine)
    jwks = raw.request("GET", f"{conn.authority_host}/{conn.tenant_id}/discovery/v2.0/keys").json()
    return {"vault": vault, "reader": reader, "genuine": genuine, "header": header, "claims": claims, "jwks": jwks}


def vault_get(raw, vault, token):
    return raw.vault("GET", vault.name, "/keys/f1", token=token)


def assert_unauthorized(response, conn, akv: str = None):
    message = harness.assert_azure_error(response, 401, "Unauthorized")
    challenge = response.headers.get("WWW-Authenticate", "")
    assert f'authorization="{conn.authority_host}/{conn.tenant_id}"' in challenge, challenge
    assert f'resource="{conn.vault_resource}"' in challenge, challenge
    if akv:
        assert message.startswith(akv), message
    return message


def test_the_genuine_token_works(forge, raw):
    assert vault_get(raw, forge["vault"], forge["genuine"]).status_code == 200


def test_alg_none(forge, raw, conn):
    token = compact({**forge["header"], "alg": "none"}, forge["claims"], lambda _: b"")
    assert_unauthorized(vault_get(raw, forge["vault"], token), conn)


def test_hmac_keyed_with_the_public_key(forge, raw, conn):
    # The classic algorithm confusion: HS256 with the authority's public key as the secret.
    public_pem = json.dumps(forge["jwks"]).encode()
    token = compact({**forge["header"], "alg": "HS256"}, forge["claims"],
                    lambda data: hmac.new(public_pem, data, hashlib.sha256).digest())
    assert_unauthorized(vault_get(raw, forge["vault"], token), conn, "AKV10047")


def test_another_rsa_key_under_the_authoritys_kid(forge, raw, conn):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = compact(forge["header"], forge["claims"], lambda data: key.sign(data, padding.PKCS1v15(), hashes.SHA256()))
    assert_unauthorized(vault_get(raw, forge["vault"], token), conn, "AKV10047")


def test_unknown_kid(forge, raw, conn):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = compact({**forge["header"], "kid": "not-the-authoritys"}, forge["claims"],
                    lambda data: key.sign(data, padding.PKCS1v15(), hashes.SHA256()))
    assert_unauthorized(vault_get(raw, forge["vault"], token), conn,
                        "AKV10046: Unable to resolve the key used for signature validation.")


def test_changed_payload(forge, raw, conn):
    head, _, signature = forge["genuine"].split(".")
    claims = {**forge["claims"], "exp": forge["claims"]["exp"] + 86400}
    body = harness.b64url_encode(json.dumps(claims).encode())
    assert_unauthorized(vault_get(raw, forge["vault"], f"{head}.{body}.{signature}"), conn, "AKV10047")


def test_expired(forge, raw, conn, directory):
    directory.set_clock_offset(2 * 3600)
    try:
        message = assert_unauthorized(vault_get(raw, forge["vault"], forge["genuine"]), conn, "AKV10020")
        assert "expired" in message
    finally:
        directory.set_clock_offset(0)
    assert vault_get(raw, forge["vault"], forge["genuine"]).status_code == 200


def test_not_yet_valid(forge, raw, conn, directory):
    directory.set_clock_offset(-2 * 3600)
    try:
        assert_unauthorized(vault_get(raw, forge["vault"], forge["genuine"]), conn, "AKV10021")
    finally:
        directory.set_clock_offset(0)


def test_wrong_audience(forge, raw, conn, directory):
    token = directory.arm_token(forge["reader"])
    message = assert_unauthorized(vault_get(raw, forge["vault"], token), conn, "AKV10022")
    assert message == f"AKV10022: Invalid audience. Expected {conn.vault_resource}, found: {conn.management_endpoint}."


def test_missing_token_message(forge, raw, conn):
    message = assert_unauthorized(vault_get(raw, forge["vault"], None), conn)
    assert message == "AKV10000: Request is missing a Bearer or PoP token."


def test_token_of_another_tenant(forge, raw, conn, directory):
    # A genuine token, from the second tenant of the bootstrap: the vault names its own tenant.
    other = directory.well_known("otherTenantApp", tenant_field="otherTenantId")
    token = directory.vault_token(other)
    _, claims, _, _ = harness.jwt_parts(token)
    assert claims["tid"] == conn.raw["otherTenantId"]
    message = assert_unauthorized(vault_get(raw, forge["vault"], token), conn, "AKV10032")
    assert message == (f"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/{conn.tenant_id}/, "
                       f"found https://sts.windows.net/{conn.raw['otherTenantId']}/.")


def test_token_of_another_tenant_on_arm(raw, conn, directory):
    other = directory.well_known("otherTenantApp", tenant_field="otherTenantId")
    response = raw.management("GET", f"/subscriptions/{conn.subscription_id}/resourcegroups",
                              token=directory.arm_token(other))
    harness.assert_azure_error(response, 401, "InvalidAuthenticationTokenTenant")


@pytest.mark.parametrize("kind", ["alg-none", "other-key", "changed-payload"])
def test_forgeries_on_arm(forge, raw, conn, directory, kind):
    genuine = directory.arm_token(forge["reader"])
    header, claims, _, _ = harness.jwt_parts(genuine)
    if kind == "alg-none":
        token = compact({**header, "alg": "none"}, claims, lambda _: b"")
    elif kind == "other-key":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        token = compact(header, claims, lambda data: key.sign(data, padding.PKCS1v15(), hashes.SHA256()))
    else:
        head, _, signature = genuine.split(".")
        token = f"{head}.{harness.b64url_encode(json.dumps({**claims, 'oid': conn.admin.object_id}).encode())}.{signature}"
    response = raw.management("GET", f"/subscriptions/{conn.subscription_id}/resourcegroups", token=token)
    harness.assert_azure_error(response, 401, "InvalidAuthenticationToken")
