"""Routing tolerance, paging while keys are added, api-versions and their gated fields, and bad
input on every route (400 with a message, never a 5xx, nothing written)."""

import hashlib
import uuid

import pytest

import harness

DIGEST = harness.b64url_encode(hashlib.sha256(b"routing").digest())
ALL_VERSIONS = ["7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "2025-07-01"]


@pytest.fixture(scope="module")
def token(admin_cred, conn, officer_vault):
    return admin_cred.get_token(conn.vault_scope).token


@pytest.fixture(scope="module")
def rsa_key(admin_keys):
    return admin_keys.create_rsa_key(f"routing-{uuid.uuid4().hex[:8]}", size=2048)


def call(raw, vault, token, method, path, **kwargs):
    return raw.vault(method, vault.name, path, token=token, **kwargs)


# --- routing ---


@pytest.mark.parametrize("template", [
    "/keys/{name}/{version}/sign", "/keys/{name}//sign", "/keys/{name}/sign", "/keys/{name}/sign/",
    "//keys//{name}//{version}//sign", "/KEYS/{name}/{version}/SIGN",
])
def test_sign_path_forms(raw, officer_vault, token, rsa_key, template):
    path = template.format(name=rsa_key.name, version=rsa_key.properties.version)
    response = call(raw, officer_vault, token, "POST", path, json={"alg": "RS256", "value": DIGEST})
    assert response.status_code == 200, (path, response.text)
    assert response.json()["kid"] == rsa_key.id


@pytest.mark.parametrize("segment", ["wrapkey", "wrapKey", "WRAPKEY"])
def test_wrap_and_unwrap_in_any_case(raw, officer_vault, token, rsa_key, segment):
    path = f"/keys/{rsa_key.name}/{rsa_key.properties.version}/{segment}"
    wrapped = call(raw, officer_vault, token, "POST", path, json={"alg": "RSA-OAEP", "value": DIGEST})
    assert wrapped.status_code == 200, wrapped.text
    unwrap_path = path.replace(segment, segment.replace("wrap", "unwrap").replace("WRAP", "UNWRAP"))
    unwrapped = call(raw, officer_vault, token, "POST", unwrap_path, json={"alg": "RSA-OAEP", "value": wrapped.json()["value"]})
    assert unwrapped.status_code == 200, unwrapped.text
    assert unwrapped.json()["value"] == DIGEST


@pytest.mark.parametrize("path", ["/keys/{name}/rotationPolicy", "/keys/{name}/ROTATIONPOLICY", "/keys/{name}/rotationpolicy/"])
def test_rotation_policy_path_case(raw, officer_vault, token, rsa_key, path):
    response = call(raw, officer_vault, token, "GET", path.format(name=rsa_key.name))
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("path", ["/deletedKeys", "/DeletedKeys/", "//deletedkeys"])
def test_deleted_keys_path_case(raw, officer_vault, token, path):
    response = call(raw, officer_vault, token, "GET", path)
    assert response.status_code == 200, response.text
    assert "value" in response.json()


def test_unknown_path_and_wrong_method(raw, officer_vault, token, rsa_key):
    harness.assert_azure_error(call(raw, officer_vault, token, "GET", "/secrets"), 404, "NotFound")
    response = call(raw, officer_vault, token, "DELETE", f"/keys/{rsa_key.name}/{rsa_key.properties.version}")
    assert response.status_code == 405, response.text


# --- paging ---


def test_paging_visits_every_key_once_while_keys_are_added(make_officer_vault, key_client_for, admin_cred, raw, conn):
    vault = make_officer_vault()
    client = key_client_for(vault.name, admin_cred)
    names = [f"p{i:02d}" for i in range(9)]
    for name in names:
        client.create_ec_key(name)
    token = admin_cred.get_token(conn.vault_scope).token
    seen, url, added = [], None, 0
    while True:
        if url is None:
            response = call(raw, vault, token, "GET", "/keys", params={"maxresults": "4"})
        else:
            response = raw.request("GET", url, token=token)
        assert response.status_code == 200, response.text
        body = response.json()
        seen += [item["kid"].rsplit("/", 1)[1] for item in body["value"]]
        if added == 0:
            client.create_ec_key("p00a")      # sorts before the cursor: not in this listing
            client.create_ec_key("p99")       # sorts after it: listed once
            added = 1
        url = body["nextLink"]
        if url is None:
            break
        assert url.startswith(f"{vault.url}/keys?"), url
        assert "$skiptoken=" in url and "maxresults=4" in url
    assert seen == names + ["p99"]


@pytest.mark.parametrize("value", ["0", "26", "-1", "ten"])
def test_maxresults_out_of_range(raw, officer_vault, token, value):
    harness.assert_azure_error(call(raw, officer_vault, token, "GET", "/keys", params={"maxresults": value}), 400, "BadParameter")


def test_bad_skiptoken(raw, officer_vault, token):
    harness.assert_azure_error(call(raw, officer_vault, token, "GET", "/keys", params={"$skiptoken": "garbage!"}), 400, "BadParameter")


# --- api-versions ---


@pytest.mark.parametrize("version", ALL_VERSIONS)
def test_every_supported_version_is_served(raw, officer_vault, token, rsa_key, version):
    response = call(raw, officer_vault, token, "GET", f"/keys/{rsa_key.name}", api_version=version)
    assert response.status_code == 200, response.text
    attributes = response.json()["attributes"]
    assert ("recoverableDays" in attributes) == (version != "7.0")
    assert ("exportable" in attributes) == (version not in ("7.0", "7.1", "7.2"))
    assert "hsmPlatform" not in attributes               # software key


def test_hsm_platform_from_7_5(make_officer_vault, key_client_for, admin_cred, raw, conn):
    vault = make_officer_vault(sku={"family": "A", "name": "premium"})
    key = key_client_for(vault.name, admin_cred).create_rsa_key("hsm-key", hardware_protected=True)
    assert key.key_type == "RSA-HSM"
    assert key.properties.hsm_platform == "2"
    token = admin_cred.get_token(conn.vault_scope).token
    for version, expected in [("7.4", None), ("7.5", "2"), ("2025-07-01", "2")]:
        attributes = call(raw, vault, token, "GET", "/keys/hsm-key", api_version=version).json()["attributes"]
        assert attributes.get("hsmPlatform") == expected, version


def test_nextlink_keeps_the_requests_version(raw, officer_vault, token, rsa_key, admin_keys):
    admin_keys.create_ec_key(f"routing-extra-{uuid.uuid4().hex[:6]}")
    body = call(raw, officer_vault, token, "GET", "/keys", params={"maxresults": "1"}, api_version="7.2").json()
    assert "api-version=7.2" in body["nextLink"]


# --- bad input on every route ---


ROUTES = [
    ("POST", "/keys/{name}/create"), ("PUT", "/keys/{new}"), ("PATCH", "/keys/{name}"),
    ("POST", "/keys/{name}/{version}/encrypt"), ("POST", "/keys/{name}/{version}/decrypt"),
    ("POST", "/keys/{name}/{version}/wrapkey"), ("POST", "/keys/{name}/{version}/unwrapkey"),
    ("POST", "/keys/{name}/{version}/sign"), ("POST", "/keys/{name}/{version}/verify"),
    ("POST", "/keys/restore"), ("PUT", "/keys/{name}/rotationpolicy"), ("POST", "/keys/{name}//release"),
    ("POST", "/rng"),
]
# The last body has a member of the wrong type for every route's model.
BAD_BODIES = [b'{"kty": ', b"[1, 2, 3]", b'"text"',
              b'{"alg": 5, "value": true, "key": 1, "kty": [], "target": 7, "lifetimeActions": "x", "attributes": "x"}']


@pytest.mark.parametrize("method,template", ROUTES)
def test_malformed_bodies_are_400_and_change_nothing(raw, officer_vault, token, rsa_key, method, template):
    path = template.format(name=rsa_key.name, version=rsa_key.properties.version, new=f"bad-{uuid.uuid4().hex[:8]}")
    before = call(raw, officer_vault, token, "GET", f"/keys/{rsa_key.name}").json()
    for body in BAD_BODIES:
        response = call(raw, officer_vault, token, method, path, data=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 400, (method, path, body, response.status_code, response.text)
        code, _, message = harness.azure_error(response)
        assert code == "BadParameter" and message, response.text
    after = call(raw, officer_vault, token, "GET", f"/keys/{rsa_key.name}").json()
    assert after == before
    versions = call(raw, officer_vault, token, "GET", f"/keys/{rsa_key.name}/versions").json()["value"]
    assert len(versions) == 1
    if "{new}" in template:
        harness.assert_azure_error(call(raw, officer_vault, token, "GET", path), 404, "KeyNotFound")
