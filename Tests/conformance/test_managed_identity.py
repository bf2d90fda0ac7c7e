"""Managed identity: azure-identity's ManagedIdentityCredential and DefaultAzureCredential get
tokens from the emulator's IMDS-style endpoint (AZURE_POD_IDENTITY_AUTHORITY_HOST) and its App
Service-style endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER), for the bootstrap's system-assigned
identity and for user-assigned ones picked by client id or object id."""

from __future__ import annotations

import pytest
from azure.core.exceptions import HttpResponseError
from azure.identity import CredentialUnavailableError, DefaultAzureCredential, ManagedIdentityCredential

import access
import harness


@pytest.fixture(scope="module")
def mi(conn):
    info = conn.raw["managedIdentity"]
    by_kind = {identity["kind"]: identity for identity in info["identities"]}
    return {"info": info, "system": by_kind["system"], "user": by_kind["user"]}


@pytest.fixture(scope="module")
def mi_vault(make_vault, directory, mi):
    """A vault with key 'mi1' on which both bootstrap managed identities are Crypto User."""
    vault = make_vault()
    officer = directory.create("mi-officer")
    directory.must_assign(vault.id, "Key Vault Crypto Officer", officer)
    assert access.data_call(directory, officer, vault.name, "POST", "/keys/mi1/create",
                            json={"kty": "EC", "crv": "P-256"}).status_code == 200
    for kind in ("system", "user"):
        identity = access.Identity(mi[kind]["objectId"], mi[kind]["clientId"], "", directory.conn.tenant_id)
        directory.must_assign(vault.id, "Key Vault Crypto User", identity)
    return vault


@pytest.fixture
def imds_env(monkeypatch, mi):
    monkeypatch.setenv("AZURE_POD_IDENTITY_AUTHORITY_HOST", mi["info"]["imdsEndpoint"])
    for name in ("IDENTITY_ENDPOINT", "IDENTITY_HEADER", "MSI_ENDPOINT", "MSI_SECRET", "IMDS_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def app_service_env(monkeypatch, mi):
    # A trailing slash, as App Service's own IDENTITY_ENDPOINT values sometimes have.
    monkeypatch.setenv("IDENTITY_ENDPOINT", mi["info"]["identityEndpoint"] + "/")
    monkeypatch.setenv("IDENTITY_HEADER", mi["info"]["identityHeader"])
    monkeypatch.delenv("AZURE_POD_IDENTITY_AUTHORITY_HOST", raising=False)


def claims_of(credential, conn):
    return harness.jwt_parts(credential.get_token(conn.vault_scope).token)[1]


def test_imds_system_assigned_with_key_client(imds_env, conn, mi, mi_vault):
    credential = ManagedIdentityCredential(connection_verify=conn.ca_cert_file)
    claims = claims_of(credential, conn)
    assert (claims["oid"], claims["appid"], claims["tid"]) == (mi["system"]["objectId"], mi["system"]["clientId"], conn.tenant_id)
    assert claims["aud"] == conn.vault_resource
    key = harness.key_client(conn, mi_vault.name, credential).get_key("mi1")
    assert key.name == "mi1"


def test_imds_user_assigned_by_client_id_and_object_id(imds_env, conn, mi, mi_vault):
    by_client = ManagedIdentityCredential(client_id=mi["user"]["clientId"], connection_verify=conn.ca_cert_file)
    assert claims_of(by_client, conn)["oid"] == mi["user"]["objectId"]
    by_object = ManagedIdentityCredential(identity_config={"object_id": mi["user"]["objectId"]}, connection_verify=conn.ca_cert_file)
    assert claims_of(by_object, conn)["appid"] == mi["user"]["clientId"]
    assert harness.key_client(conn, mi_vault.name, by_client).get_key("mi1").name == "mi1"


def test_app_service_flavor(app_service_env, conn, mi, mi_vault):
    credential = ManagedIdentityCredential(connection_verify=conn.ca_cert_file)
    assert claims_of(credential, conn)["oid"] == mi["system"]["objectId"]
    user = ManagedIdentityCredential(client_id=mi["user"]["clientId"], connection_verify=conn.ca_cert_file)
    assert harness.key_client(conn, mi_vault.name, user).get_key("mi1").name == "mi1"


def test_default_azure_credential_picks_the_managed_identity(imds_env, conn, mi, mi_vault):
    credential = DefaultAzureCredential(connection_verify=conn.ca_cert_file,
                                        managed_identity_client_id=mi["user"]["clientId"])
    assert harness.key_client(conn, mi_vault.name, credential).get_key("mi1").name == "mi1"
    assert claims_of(credential, conn)["oid"] == mi["user"]["objectId"]


def test_default_azure_credential_app_service(app_service_env, conn, mi, mi_vault):
    credential = DefaultAzureCredential(connection_verify=conn.ca_cert_file)
    assert harness.key_client(conn, mi_vault.name, credential).get_key("mi1").name == "mi1"


def test_managed_identity_without_role_is_denied(imds_env, conn, directory, make_vault):
    created = directory.admin_api("POST", "/admin/principals", json={"displayName": "mi-no-role", "kind": "ManagedIdentity"})
    assert created.status_code == 201, created.text
    assert "clientSecret" not in created.json(), "a managed identity has no secret"
    vault = make_vault()
    credential = ManagedIdentityCredential(client_id=created.json()["clientId"], connection_verify=conn.ca_cert_file)
    with pytest.raises(HttpResponseError) as denied:
        list(harness.key_client(conn, vault.name, credential).list_properties_of_keys())
    assert harness.sdk_error_codes(denied.value) == ("Forbidden", "ForbiddenByRbac")


def test_unknown_identity(imds_env, conn):
    credential = ManagedIdentityCredential(client_id="00000000-0000-4000-8000-00000000dead", connection_verify=conn.ca_cert_file)
    with pytest.raises(CredentialUnavailableError) as unavailable:
        credential.get_token(conn.vault_scope)
    assert "Identity not found" in str(unavailable.value)


def test_raw_imds_protocol(raw, conn, mi):
    url = f"{mi['info']['imdsEndpoint']}/metadata/identity/oauth2/token"
    params = {"api-version": "2018-02-01", "resource": conn.vault_resource}
    missing_header = raw.request("GET", url, params=params)
    assert missing_header.status_code == 400
    assert missing_header.json() == {"error": "invalid_request", "error_description": "Required metadata header not specified"}
    ok = raw.request("GET", url, params=params, headers={"Metadata": "true"})
    assert ok.status_code == 200, ok.text
    body = ok.json()
    assert body["token_type"] == "Bearer" and body["resource"] == conn.vault_resource
    assert body["client_id"] == mi["system"]["clientId"]
    # IMDS writes its numbers as strings.
    assert all(isinstance(body[k], str) and body[k].isdigit() for k in ("expires_in", "expires_on", "not_before"))
    # Other api-versions and a user-assigned identity by resource id are accepted.
    other = raw.request("GET", url, headers={"Metadata": "true"}, params={
        "api-version": "2021-02-01", "resource": conn.management_endpoint,
        "msi_res_id": f"/subscriptions/{conn.subscription_id}/resourcegroups/rg/providers/Microsoft.ManagedIdentity/"
                      f"userAssignedIdentities/{mi['user']['displayName']}"})
    assert other.status_code == 200, other.text
    assert harness.jwt_parts(other.json()["access_token"])[1]["oid"] == mi["user"]["objectId"]
    no_resource = raw.request("GET", url, params={"api-version": "2018-02-01"}, headers={"Metadata": "true"})
    assert no_resource.status_code == 400


def test_raw_app_service_protocol(raw, conn, mi):
    url = mi["info"]["identityEndpoint"]
    params = {"api-version": "2019-08-01", "resource": conn.vault_resource}
    assert raw.request("GET", url, params=params).status_code == 401
    assert raw.request("GET", url, params=params, headers={"X-IDENTITY-HEADER": "wrong"}).status_code == 401
    ok = raw.request("GET", url, params=params, headers={"X-IDENTITY-HEADER": mi["info"]["identityHeader"]})
    assert ok.status_code == 200, ok.text
    assert isinstance(ok.json()["expires_on"], str) and ok.json()["expires_on"].isdigit()
    # The 2017-09-01 dialect: `secret` header, `clientid`.
    legacy = raw.request("GET", url, params={"api-version": "2017-09-01", "resource": conn.vault_resource,
                                             "clientid": mi["user"]["clientId"]},
                         headers={"secret": mi["info"]["identityHeader"]})
    assert legacy.status_code == 200, legacy.text
    assert legacy.json()["client_id"] == mi["user"]["clientId"]
