"""Helpers of the access-control tests: principals made through the admin API, raw tokens, raw
ARM calls, and the tables of keyvault-spec.md §4.2–§4.4 the matrices check the emulator against.

The tables here are written from the spec, not read from the emulator, so a matrix cell fails
when the emulator's roles or operation map drift from Azure's.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Optional

import requests

import harness

# --------------------------------------------------------------------------- spec tables

# Built-in roles (keyvault-spec.md §4.2): name -> GUID.
ROLES = {
    "Owner": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "Contributor": "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "Reader": "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    "User Access Administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    "Key Vault Administrator": "00482a5a-887f-4fb3-b363-3b7fe8e74483",
    "Key Vault Crypto Officer": "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
    "Key Vault Crypto User": "12338af0-0e69-4776-bea7-57ae8d297424",
    "Key Vault Crypto Service Encryption User": "e147488a-f6f5-4113-8e2d-b22465e65bf6",
    "Key Vault Crypto Service Release User": "08bbd89e-9f13-488c-ac41-acfcb10c90ab",
    "Key Vault Reader": "21090545-7ca7-4776-b22c-e363652d74d2",
    "Key Vault Certificate User": "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba",
    "Key Vault Certificates Officer": "a4417e6f-fecd-4de8-b567-7b0420556985",
    "Key Vault Secrets Officer": "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
    "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
    "Key Vault Data Access Administrator": "8b54135c-b56d-4d72-a534-26097cfdc8d8",
    "Key Vault Contributor": "f25e0fa2-a7c8-4377-a976-54943a77a395",
}

# Every key data action (§4.2), without the "Microsoft.KeyVault/vaults/" prefix.
ALL_KEY_ACTIONS = frozenset({
    "keys/read", "keys/update/action", "keys/create/action", "keys/import/action", "keys/recover/action",
    "keys/restore/action", "keys/delete", "keys/backup/action", "keys/purge/action", "keys/encrypt/action",
    "keys/decrypt/action", "keys/wrap/action", "keys/unwrap/action", "keys/sign/action", "keys/verify/action",
    "keys/release/action", "keys/rotate/action", "keyrotationpolicies/read", "keyrotationpolicies/write",
})

# The key data actions each role grants (§4.2 table, wildcards expanded by hand).
ROLE_KEY_ACTIONS = {
    "Key Vault Administrator": ALL_KEY_ACTIONS,           # vaults/*
    "Key Vault Crypto Officer": ALL_KEY_ACTIONS,          # keys/*, keyrotationpolicies/*
    "Key Vault Crypto User": frozenset({
        "keys/read", "keys/update/action", "keys/backup/action", "keys/encrypt/action", "keys/decrypt/action",
        "keys/wrap/action", "keys/unwrap/action", "keys/sign/action", "keys/verify/action"}),
    "Key Vault Crypto Service Encryption User": frozenset({"keys/read", "keys/wrap/action", "keys/unwrap/action"}),
    "Key Vault Crypto Service Release User": frozenset({"keys/release/action"}),
    "Key Vault Reader": frozenset({"keys/read", "keyrotationpolicies/read"}),   # vaults/*/read
    "Key Vault Certificate User": frozenset({"keys/read"}),
}

# Access-policy key permission names (§4.4).
KEY_PERMISSIONS = (
    "all", "encrypt", "decrypt", "wrapKey", "unwrapKey", "sign", "verify", "get", "list", "create", "update", "import",
    "delete", "backup", "restore", "recover", "purge", "release", "rotate", "getrotationpolicy", "setrotationpolicy",
)


@dataclass(frozen=True)
class Operation:
    """One data-plane operation of §4.3: how to call it, and what it needs in each model.

    `target` says which key the path names: "shared" (a key every cell may use), "fresh" (a key
    made for this cell, destroyed by it), "deleted" (a key made and deleted for this cell), "new"
    (a name not yet used) or None (vault level).
    """
    name: str
    method: str
    path: str
    action: str
    permission: str
    target: Optional[str] = "shared"
    body: Optional[str] = None     # name of a body builder in Bodies

    @property
    def vault_level(self) -> bool:
        return self.target is None


OPERATIONS = (
    Operation("create", "POST", "/keys/{key}/create", "keys/create/action", "create", "new", "create"),
    Operation("import", "PUT", "/keys/{key}", "keys/import/action", "import", "new", "import_"),
    Operation("get", "GET", "/keys/{key}", "keys/read", "get"),
    Operation("get_version", "GET", "/keys/{key}/{version}", "keys/read", "get"),
    Operation("list", "GET", "/keys", "keys/read", "list", None),
    Operation("list_versions", "GET", "/keys/{key}/versions", "keys/read", "list"),
    Operation("update", "PATCH", "/keys/{key}", "keys/update/action", "update", "shared", "update"),
    Operation("delete", "DELETE", "/keys/{key}", "keys/delete", "delete", "fresh"),
    Operation("get_deleted", "GET", "/deletedkeys/{key}", "keys/read", "get", "deleted"),
    Operation("list_deleted", "GET", "/deletedkeys", "keys/read", "list", None),
    Operation("recover", "POST", "/deletedkeys/{key}/recover", "keys/recover/action", "recover", "deleted"),
    Operation("purge", "DELETE", "/deletedkeys/{key}", "keys/purge/action", "purge", "deleted"),
    Operation("backup", "POST", "/keys/{key}/backup", "keys/backup/action", "backup"),
    Operation("restore", "POST", "/keys/restore", "keys/restore/action", "restore", None, "restore"),
    Operation("encrypt", "POST", "/keys/{key}/encrypt", "keys/encrypt/action", "encrypt", "shared", "encrypt"),
    Operation("decrypt", "POST", "/keys/{key}/decrypt", "keys/decrypt/action", "decrypt", "shared", "decrypt"),
    Operation("wrapKey", "POST", "/keys/{key}/wrapkey", "keys/wrap/action", "wrapKey", "shared", "encrypt"),
    Operation("unwrapKey", "POST", "/keys/{key}/unwrapkey", "keys/unwrap/action", "unwrapKey", "shared", "decrypt"),
    Operation("sign", "POST", "/keys/{key}/sign", "keys/sign/action", "sign", "shared", "sign"),
    Operation("verify", "POST", "/keys/{key}/verify", "keys/verify/action", "verify", "shared", "verify"),
    Operation("release", "POST", "/keys/{key}/release", "keys/release/action", "release", "shared", "release"),
    Operation("rotate", "POST", "/keys/{key}/rotate", "keys/rotate/action", "rotate", "fresh"),
    Operation("get_rotation_policy", "GET", "/keys/{key}/rotationpolicy", "keyrotationpolicies/read", "getrotationpolicy"),
    Operation("set_rotation_policy", "PUT", "/keys/{key}/rotationpolicy", "keyrotationpolicies/write", "setrotationpolicy",
              "shared", "rotation_policy"),
)


def rbac_allows(role: Optional[str], operation: Operation) -> bool:
    return role is not None and operation.action in ROLE_KEY_ACTIONS.get(role, frozenset())


def policy_allows(permission: Optional[str], operation: Operation) -> bool:
    return permission is not None and permission.lower() in ("all", operation.permission.lower())


# --------------------------------------------------------------------------- directory and tokens


@dataclass
class Identity:
    object_id: str
    client_id: str
    secret: str
    tenant_id: str
    display_name: str = ""
    tokens: dict = field(default_factory=dict)


class Directory:
    """Principals through the admin API, tokens through the token endpoint, ARM through raw calls."""

    def __init__(self, conn: harness.Connection, raw: harness.Raw):
        self.conn = conn
        self.raw = raw
        self.admin = Identity(conn.admin.object_id, conn.admin.client_id, conn.admin.client_secret, conn.tenant_id, "admin")

    def token(self, who: Identity, resource: str) -> str:
        if resource not in who.tokens:
            response = self.raw.session.post(
                f"{self.conn.authority_host}/{who.tenant_id}/oauth2/v2.0/token",
                data={"grant_type": "client_credentials", "client_id": who.client_id, "client_secret": who.secret,
                      "scope": f"{resource}/.default"}, timeout=30)
            assert response.status_code == 200, response.text
            who.tokens[resource] = response.json()["access_token"]
        return who.tokens[resource]

    def vault_token(self, who: Identity) -> str:
        return self.token(who, self.conn.vault_resource)

    def arm_token(self, who: Optional[Identity] = None) -> str:
        return self.token(who or self.admin, self.conn.management_endpoint)

    def admin_api(self, method: str, path: str, **kwargs) -> requests.Response:
        return self.raw.request(method, f"{self.conn.localhost_url}{path}", token=self.arm_token(), **kwargs)

    def create(self, display_name: str, kind: str = "ServicePrincipal", groups=(), tenant_id: Optional[str] = None) -> Identity:
        body = {"displayName": display_name, "kind": kind, "groups": list(groups)}
        if tenant_id:
            body["tenantId"] = tenant_id
        response = self.admin_api("POST", "/admin/principals", json=body)
        assert response.status_code == 201, response.text
        created = response.json()
        return Identity(created["objectId"], created.get("clientId", ""), created.get("clientSecret") or created.get("password", ""),
                        created["tenantId"], display_name)

    def add_member(self, group: Identity, member: Identity) -> None:
        response = self.admin_api("POST", f"/admin/groups/{group.object_id}/members", json={"objectId": member.object_id})
        assert response.status_code == 200, response.text

    def well_known(self, field_name: str, tenant_field: str = "tenantId") -> Identity:
        entry = self.conn.raw[field_name]
        return Identity(entry["objectId"], entry["clientId"], entry["clientSecret"], self.conn.raw[tenant_field], field_name)

    # ARM, raw
    def arm(self, method: str, path: str, *, who: Optional[Identity] = None, api_version: str = "2022-04-01",
            **kwargs) -> requests.Response:
        return self.raw.management(method, path, token=self.arm_token(who), api_version=api_version, **kwargs)

    def assign(self, scope: str, role: str, principal: Identity, principal_type: str = "ServicePrincipal",
               who: Optional[Identity] = None) -> requests.Response:
        name = str(uuid.uuid4())
        response = self.arm("PUT", f"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}", who=who, json={
            "properties": {"roleDefinitionId": f"/subscriptions/{self.conn.subscription_id}/providers/Microsoft.Authorization/roleDefinitions/{ROLES.get(role, role)}",
                           "principalId": principal.object_id, "principalType": principal_type}})
        return response

    def must_assign(self, scope: str, role: str, principal: Identity, principal_type: str = "ServicePrincipal") -> str:
        response = self.assign(scope, role, principal, principal_type)
        assert response.status_code in (200, 201), response.text
        return response.json()["name"]

    def set_clock_offset(self, seconds: float) -> None:
        # A fresh admin token each time: the clock move may expire any cached one.
        fresh = Identity(self.admin.object_id, self.admin.client_id, self.admin.secret, self.admin.tenant_id)
        response = self.raw.request("POST", f"{self.conn.localhost_url}/admin/clock",
                                    token=self.token(fresh, self.conn.management_endpoint), json={"offsetSeconds": seconds})
        assert response.status_code == 200, response.text


# --------------------------------------------------------------------------- vaults and keys, raw


def vault_id(conn: harness.Connection, resource_group: str, name: str) -> str:
    return (f"/subscriptions/{conn.subscription_id}/resourceGroups/{resource_group}"
            f"/providers/Microsoft.KeyVault/vaults/{name}")


def put_vault(directory: Directory, resource_group: str, name: str, properties: dict,
              api_version: str = "2025-05-01") -> requests.Response:
    base = {"tenantId": directory.conn.tenant_id, "sku": {"family": "A", "name": "standard"}}
    base.update(properties)
    return directory.arm("PUT", vault_id(directory.conn, resource_group, name), api_version=api_version,
                         json={"location": "westus", "properties": base})


def data_call(directory: Directory, who: Identity, vault: str, method: str, path: str, *, port: Optional[int] = None,
              api_version: str = harness.RAW_API_VERSION, **kwargs) -> requests.Response:
    """A data-plane request as `who`; `port` picks another listener (the private endpoint)."""
    host = f"{vault}.{directory.conn.vault_dns_suffix}"
    if port is not None:
        host = f"{vault}.vault.localhost:{port}"
    params = dict(kwargs.pop("params", {}) or {})
    params["api-version"] = api_version
    return directory.raw.request(method, f"https://{host}{path}", token=directory.vault_token(who), params=params, **kwargs)


def b64url(data: bytes) -> str:
    return harness.b64url_encode(data)


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def ec_private_jwk() -> dict:
    from cryptography.hazmat.primitives.asymmetric import ec
    key = ec.generate_private_key(ec.SECP256R1())
    numbers = key.private_numbers()
    return {"kty": "EC", "crv": "P-256", "x": b64url(numbers.public_numbers.x.to_bytes(32, "big")),
            "y": b64url(numbers.public_numbers.y.to_bytes(32, "big")), "d": b64url(numbers.private_value.to_bytes(32, "big")),
            "key_ops": ["sign", "verify"]}


def rsa_oaep256_encrypt(jwk: dict, plaintext: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    public = harness.rsa_public_key(harness.b64url_decode(jwk["n"]), harness.b64url_decode(jwk["e"]))
    return public.encrypt(plaintext, padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None))


def is_route_missing(response: requests.Response) -> bool:
    """True when the emulator does not serve this operation at all (404 from the route table, or 405)."""
    if response.status_code == 405:
        return True
    if response.status_code != 404:
        return False
    try:
        return response.json()["error"]["code"] == "NotFound"
    except (ValueError, KeyError, TypeError):
        return False


def decision(response: requests.Response, inner: str) -> str:
    """"allow" or "deny" for a cell; anything that is neither fails the test with the body."""
    if response.status_code == 403:
        code, got_inner, _ = harness.azure_error(response)
        # A 403 of the operation itself (KeyOperationForbidden, KeyDisabled, ...) comes after
        # authorization passed; the other models' and the firewall's denials must not appear.
        if got_inner not in ("ForbiddenByRbac", "AccessDenied", "ForbiddenByConnection", "ForbiddenByFirewall"):
            return "allow"
        assert (code, got_inner) == ("Forbidden", inner), response.text[:400]
        return "deny"
    assert response.status_code not in (401,) and response.status_code < 500, (
        f"HTTP {response.status_code}: {response.text[:400]}")
    return "allow"
