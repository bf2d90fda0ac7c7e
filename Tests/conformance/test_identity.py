"""The Entra-like token authority: OIDC discovery, JWKS, the token endpoint and its errors."""

import time
import uuid

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

import harness


@pytest.fixture(scope="module")
def openid_configuration(conn, raw):
    response = raw.request(
        "GET", f"{conn.authority_host}/{conn.tenant_id}/v2.0/.well-known/openid-configuration")
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def jwks(openid_configuration, raw):
    response = raw.request("GET", openid_configuration["jwks_uri"])
    assert response.status_code == 200, response.text
    return response.json()


def token_request(raw, conn, *, tenant=None, client_id=None, secret=None, scope=None):
    tenant = tenant or conn.tenant_id
    return raw.request("POST", f"{conn.authority_host}/{tenant}/oauth2/v2.0/token", data={
        "client_id": client_id or conn.admin.client_id,
        "client_secret": secret or conn.admin.client_secret,
        "grant_type": "client_credentials",
        "scope": scope or conn.management_scope,
    })


def test_openid_configuration(openid_configuration, conn):
    # MSAL needs authorization_endpoint and token_endpoint (keyvault-spec.md §3.5).
    assert openid_configuration["token_endpoint"] == conn.token_endpoint
    assert openid_configuration["authorization_endpoint"].startswith(
        f"{conn.authority_host}/{conn.tenant_id}/")
    assert openid_configuration["issuer"]
    assert openid_configuration["jwks_uri"].startswith("https://")


def test_jwks_has_an_rsa_signing_key(jwks):
    keys = jwks["keys"]
    assert keys, "JWKS without keys"
    rsa_keys = [k for k in keys if k.get("kty") == "RSA"]
    assert rsa_keys
    for key in rsa_keys:
        assert key["kid"]
        assert harness.b64url_decode(key["e"]) == b"\x01\x00\x01"
        assert len(harness.b64url_decode(key["n"])) >= 256


@pytest.mark.parametrize("audience", ["vault", "management"])
def test_access_token_is_signed_by_a_jwks_key(admin_cred, conn, jwks, audience):
    scope = conn.vault_scope if audience == "vault" else conn.management_scope
    token = admin_cred.get_token(scope)
    header, claims, signing_input, signature = harness.jwt_parts(token.token)

    assert header["alg"] == "RS256"
    matching = [k for k in jwks["keys"] if k.get("kid") == header["kid"]]
    assert len(matching) == 1, f"token kid {header['kid']} not in the JWKS"
    public_key = harness.rsa_public_key(harness.b64url_decode(matching[0]["n"]),
                                        harness.b64url_decode(matching[0]["e"]))
    public_key.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())

    # contract: v1-style application token claims (keyvault-spec.md §3.4 [D]).
    assert claims["tid"] == conn.tenant_id
    assert claims["oid"] == conn.admin.object_id
    assert claims["appid"] == conn.admin.client_id
    assert claims["aud"].rstrip("/") == scope.removesuffix("/.default")
    now = time.time()
    assert claims["nbf"] <= now + 60 and claims["exp"] > now + 300
    # azure-identity computes expires_on from expires_in; both must tell the same time.
    assert abs(token.expires_on - claims["exp"]) <= 60


def test_token_endpoint_success(raw, conn):
    response = token_request(raw, conn)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert isinstance(body["expires_in"], int) and body["expires_in"] > 300
    assert body["access_token"].count(".") == 2


def test_token_endpoint_accepts_cae_claims_and_client_info(raw, conn):
    # azure-keyvault-keys asks for CAE tokens: MSAL adds `claims` and `client_info=1`.
    response = raw.request("POST", conn.token_endpoint, data={
        "client_id": conn.data_connect_app.client_id,
        "client_secret": conn.data_connect_app.client_secret,
        "grant_type": "client_credentials", "client_info": "1",
        "claims": '{"access_token": {"xms_cc": {"values": ["CP1"]}}}',
        "scope": conn.vault_scope,
    })
    assert response.status_code == 200, response.text


def assert_oauth_error(response, status, error, aadsts):
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == error, body
    assert body["error_description"].startswith(f"{aadsts}:"), body["error_description"]


def test_wrong_secret(raw, conn):
    response = token_request(raw, conn, secret="wrong-secret-value")
    assert_oauth_error(response, 401, "invalid_client", "AADSTS7000215")
    assert "wrong-secret-value" not in response.text, "the secret is echoed back"


def test_unknown_client(raw, conn):
    response = token_request(raw, conn, client_id=str(uuid.uuid4()))
    assert_oauth_error(response, 400, "unauthorized_client", "AADSTS700016")


def test_unknown_tenant(raw, conn):
    response = token_request(raw, conn, tenant=str(uuid.uuid4()))
    assert_oauth_error(response, 400, "invalid_request", "AADSTS90002")


def test_sdk_reports_wrong_secret(conn):
    from azure.core.exceptions import ClientAuthenticationError
    from azure.identity import ClientSecretCredential
    cred = ClientSecretCredential(conn.tenant_id, conn.admin.client_id, "wrong-secret-value",
                                  authority=conn.authority_host, disable_instance_discovery=True,
                                  **conn.client_options())
    with pytest.raises(ClientAuthenticationError) as failure:
        cred.get_token(conn.management_scope)
    assert "AADSTS7000215" in str(failure.value)
