"""The permission matrix: every built-in role x every key operation (RBAC), every access-policy
key permission x every key operation, key-scope against vault-scope assignments, and a smaller
role x operation matrix through azure-keyvault-keys. Each cell is one request by a principal made
for it through the admin API; the expected outcome comes from keyvault-spec.md §4.2–§4.4
(access.py), not from the emulator. Every test asserts zero unexpected allows and zero unexpected
denials and records its cell count (printed at the end of the run).
"""

from __future__ import annotations

import os
import uuid

import pytest
from azure.core.exceptions import HttpResponseError

import access
import harness
from access import OPERATIONS, Operation


class Bodies:
    """Request bodies that make an authorized call succeed (or fail only on its own terms)."""

    def __init__(self, shared_jwk: dict, backup_blob: str):
        self.shared_jwk = shared_jwk
        self.ciphertext = access.b64url(access.rsa_oaep256_encrypt(shared_jwk, b"k" * 32))
        self.backup_blob = backup_blob

    def build(self, name: str):
        digest = access.b64url(access.sha256(b"matrix"))
        return {
            "create": lambda: {"kty": "EC", "crv": "P-256"},
            "import_": lambda: {"key": access.ec_private_jwk()},
            "update": lambda: {"tags": {"matrix": "1"}},
            "encrypt": lambda: {"alg": "RSA-OAEP-256", "value": access.b64url(os.urandom(32))},
            "decrypt": lambda: {"alg": "RSA-OAEP-256", "value": self.ciphertext},
            "sign": lambda: {"alg": "RS256", "value": digest},
            "verify": lambda: {"alg": "RS256", "digest": digest, "value": access.b64url(b"\0" * 256)},
            "release": lambda: {"target": "eyJhbGciOiJub25lIn0.e30."},
            "restore": lambda: {"value": self.backup_blob},
            "rotation_policy": lambda: {"lifetimeActions": [], "attributes": {"expiryTime": "P90D"}},
        }[name]()


class Matrix:
    """One vault, its admin, and the preparation of each operation's target key."""

    def __init__(self, directory: access.Directory, vault: str, admin: access.Identity):
        self.directory = directory
        self.vault = vault
        self.admin = admin
        self.shared = f"shared-{uuid.uuid4().hex[:8]}"
        created = self.call(admin, "POST", f"/keys/{self.shared}/create", json={"kty": "RSA", "key_size": 2048})
        assert created.status_code == 200, created.text
        self.shared_jwk = created.json()["key"]
        self.shared_version = self.shared_jwk["kid"].rstrip("/").split("/")[-1]
        backup = self.call(admin, "POST", f"/keys/{self.shared}/backup")
        self.bodies = Bodies(self.shared_jwk, backup.json().get("value", "AAAA") if backup.status_code == 200 else "AAAA")
        self.deleted_shared = self.deleted_key()
        self.available = self.probe()

    def call(self, who, method, path, **kwargs):
        return access.data_call(self.directory, who, self.vault, method, path, **kwargs)

    def fresh_key(self) -> str:
        name = f"fresh-{uuid.uuid4().hex[:10]}"
        response = self.call(self.admin, "POST", f"/keys/{name}/create", json={"kty": "EC", "crv": "P-256"})
        assert response.status_code == 200, response.text
        return name

    def deleted_key(self):
        """A key in the deleted state, or None when the emulator has no key deletion."""
        name = self.fresh_key()
        response = self.call(self.admin, "DELETE", f"/keys/{name}")
        if access.is_route_missing(response):
            return None
        assert response.status_code == 200, response.text
        return name

    def target(self, operation: Operation):
        return {
            "shared": lambda: self.shared,
            "fresh": self.fresh_key,
            "deleted": lambda: self.deleted_key() if operation.name != "get_deleted" else self.deleted_shared,
            "new": lambda: f"new-{uuid.uuid4().hex[:10]}",
            None: lambda: None,
        }[operation.target]()

    def request(self, who, operation: Operation):
        key = self.target(operation)
        path = operation.path.format(key=key, version=self.shared_version)
        body = self.bodies.build(operation.body) if operation.body else None
        return self.call(who, operation.method, path, json=body)

    def probe(self):
        """The operations the emulator serves. The admin may do everything and every target
        exists, so a 404 or 405 means the route is not there (or, like `GET .../rotationpolicy`
        on an emulator without rotation policies, lands on another operation's route)."""
        available = []
        for operation in OPERATIONS:
            if operation.target == "deleted" and self.deleted_shared is None:
                continue
            if self.request(self.admin, operation).status_code not in (404, 405):
                available.append(operation)
        return available


def run_cells(matrix: Matrix, grantees: dict, expected, inner: str):
    """grantees: label -> Identity; expected(label, op) -> bool. Returns (cells, failures)."""
    failures = []
    cells = 0
    for label, who in grantees.items():
        for operation in matrix.available:
            outcome = access.decision(matrix.request(who, operation), inner)
            cells += 1
            want = "allow" if expected(label, operation) else "deny"
            if outcome != want:
                failures.append(f"{label} x {operation.name}: expected {want}, got {outcome}")
    return cells, failures


@pytest.fixture(scope="module")
def rbac_matrix(directory, make_vault, conn):
    vault = make_vault()
    officer = directory.create(f"matrix-officer-{uuid.uuid4().hex[:6]}")
    directory.must_assign(vault.id, "Key Vault Crypto Officer", officer)
    matrix = Matrix(directory, vault.name, officer)
    grantees = {"(no role)": directory.create("matrix-no-role")}
    for role in access.ROLES:
        who = directory.create(f"matrix-{role}")
        directory.must_assign(vault.id, role, who)
        grantees[role] = who
    return matrix, grantees, vault


def test_every_builtin_role_times_every_key_operation(rbac_matrix, matrix_cells):
    matrix, grantees, _ = rbac_matrix
    assert len(matrix.available) >= 11, [op.name for op in matrix.available]
    cells, failures = run_cells(matrix, grantees, lambda role, op: access.rbac_allows(None if role == "(no role)" else role, op),
                                "ForbiddenByRbac")
    matrix_cells["rbac role x operation"] = cells
    assert cells == len(grantees) * len(matrix.available)
    assert failures == [], f"{len(failures)} unexpected outcomes of {cells}:\n" + "\n".join(failures)


def test_roles_at_resource_group_and_subscription_scope(directory, make_vault, conn, matrix_cells):
    # The same decision whatever ancestor scope grants the role (keyvault-spec.md §4.2).
    vault = make_vault()
    officer = directory.create("scope-officer")
    directory.must_assign(vault.id, "Key Vault Crypto Officer", officer)
    matrix = Matrix(directory, vault.name, officer)
    rg_scope = f"/subscriptions/{conn.subscription_id}/resourceGroups/{vault.resource_group}"
    grantees = {}
    for role in ("Key Vault Crypto User", "Key Vault Reader"):
        at_group = directory.create(f"rg-{role}")
        directory.must_assign(rg_scope, role, at_group)
        grantees[f"{role} @rg"] = at_group
    cells, failures = run_cells(matrix, grantees, lambda label, op: access.rbac_allows(label.split(" @")[0], op),
                                "ForbiddenByRbac")
    matrix_cells["rbac ancestor scope"] = cells
    assert failures == [], "\n".join(failures)


@pytest.fixture(scope="module")
def policy_matrix(directory, resource_group, conn):
    name = harness.unique_vault_name("ap")
    admin_entry = {"tenantId": conn.tenant_id, "objectId": conn.admin.object_id, "permissions": {"keys": ["all"]}}
    grantees = {"(none)": directory.create("ap-none")}
    entries = [admin_entry]
    for index, permission in enumerate(access.KEY_PERMISSIONS):
        who = directory.create(f"ap-{permission}")
        grantees[permission] = who
        # ARM takes permission names in any case: every other one is sent upper case.
        spelled = permission.upper() if index % 2 else permission
        entries.append({"tenantId": conn.tenant_id, "objectId": who.object_id, "permissions": {"keys": [spelled]}})
    created = access.put_vault(directory, resource_group, name, {"enableRbacAuthorization": False, "accessPolicies": entries})
    assert created.status_code in (200, 201), created.text
    return Matrix(directory, name, directory.admin), grantees


def test_every_access_policy_permission_times_every_key_operation(policy_matrix, matrix_cells):
    matrix, grantees = policy_matrix
    cells, failures = run_cells(matrix, grantees, lambda permission, op: access.policy_allows(
        None if permission == "(none)" else permission, op), "AccessDenied")
    matrix_cells["access policy permission x operation"] = cells
    assert cells == len(grantees) * len(matrix.available)
    assert failures == [], f"{len(failures)} unexpected outcomes of {cells}:\n" + "\n".join(failures)


def test_key_scope_against_vault_scope(directory, make_vault, matrix_cells):
    """A key-scope assignment grants that key only and never the vault-level operations (list,
    list deleted, restore); the same role at vault scope grants every key."""
    vault = make_vault()
    officer = directory.create("keyscope-officer")
    directory.must_assign(vault.id, "Key Vault Crypto Officer", officer)
    matrix = Matrix(directory, vault.name, officer)
    other = f"other-{uuid.uuid4().hex[:8]}"
    assert matrix.call(officer, "POST", f"/keys/{other}/create", json={"kty": "RSA", "key_size": 2048}).status_code == 200
    at_key = directory.create("keyscope-user")
    directory.must_assign(f"{vault.id}/keys/{matrix.shared}", "Key Vault Crypto User", at_key)
    at_vault = directory.create("vaultscope-user")
    directory.must_assign(vault.id, "Key Vault Crypto User", at_vault)

    user_ops = [op for op in matrix.available if op.action in access.ROLE_KEY_ACTIONS["Key Vault Crypto User"]
                and op.target in ("shared", None)]
    failures, cells = [], 0
    for who, label in ((at_key, "key scope"), (at_vault, "vault scope")):
        for operation in user_ops:
            for key in ((matrix.shared, other) if not operation.vault_level else (None,)):
                path = operation.path.format(key=key, version=matrix.shared_version)
                if key == other and "{version}" in operation.path:
                    continue
                body = matrix.bodies.build(operation.body) if operation.body else None
                outcome = access.decision(matrix.call(who, operation.method, path, json=body), "ForbiddenByRbac")
                cells += 1
                want = "allow" if label == "vault scope" or key == matrix.shared else "deny"
                if outcome != want:
                    failures.append(f"{label} x {operation.name} on {key}: expected {want}, got {outcome}")
    matrix_cells["key scope vs vault scope"] = cells
    assert cells >= 20
    assert failures == [], "\n".join(failures)


# --- the same question through the SDK -------------------------------------------------------

SDK_OPERATIONS = {
    "get_key": "keys/read",
    "list_properties_of_keys": "keys/read",
    "create_ec_key": "keys/create/action",
    "update_key_properties": "keys/update/action",
    "sign": "keys/sign/action",
    "decrypt": "keys/decrypt/action",
}


def sdk_call(conn, cred, vault_url, key, name: str, ciphertext: bytes):
    from azure.keyvault.keys import KeyClient
    from azure.keyvault.keys.crypto import CryptographyClient, EncryptionAlgorithm, SignatureAlgorithm
    client = KeyClient(vault_url, cred, **conn.client_options())
    if name == "get_key":
        client.get_key(key.name)
    elif name == "list_properties_of_keys":
        list(client.list_properties_of_keys())
    elif name == "create_ec_key":
        client.create_ec_key(f"sdk-{uuid.uuid4().hex[:8]}", curve="P-256")
    elif name == "update_key_properties":
        client.update_key_properties(key.name, tags={"sdk": "1"})
    else:
        crypto = CryptographyClient(key.id, cred, **conn.client_options())
        if name == "sign":
            crypto.sign(SignatureAlgorithm.rs256, access.sha256(b"sdk"))
        else:
            crypto.decrypt(EncryptionAlgorithm.rsa_oaep_256, ciphertext)


def test_role_matrix_through_the_sdk(directory, make_vault, conn, matrix_cells):
    vault = make_vault()
    officer = directory.create("sdk-officer")
    directory.must_assign(vault.id, "Key Vault Crypto Officer", officer)
    officer_cred = harness.credential(conn, harness.Principal(officer.client_id, officer.secret, officer.object_id))
    key = harness.key_client(conn, vault.name, officer_cred).create_rsa_key("sdk-matrix", size=2048)
    ciphertext = access.rsa_oaep256_encrypt({"n": access.b64url(key.key.n), "e": access.b64url(key.key.e)}, b"s" * 32)
    failures, cells = [], 0
    for role in ["(no role)", *access.ROLES]:
        who = directory.create(f"sdk-{role}")
        if role != "(no role)":
            directory.must_assign(vault.id, role, who)
        cred = harness.credential(conn, harness.Principal(who.client_id, who.secret, who.object_id))
        for name, action in SDK_OPERATIONS.items():
            want = "allow" if role in access.ROLE_KEY_ACTIONS and action in access.ROLE_KEY_ACTIONS[role] else "deny"
            try:
                sdk_call(conn, cred, vault.url, key, name, ciphertext)
                outcome = "allow"
            except HttpResponseError as error:
                assert error.status_code == 403, f"{role} x {name}: {error}"
                assert harness.sdk_error_codes(error) == ("Forbidden", "ForbiddenByRbac"), f"{role} x {name}"
                outcome = "deny"
            cells += 1
            if outcome != want:
                failures.append(f"{role} x {name}: expected {want}, got {outcome}")
    matrix_cells["sdk role x operation"] = cells
    assert cells == 17 * len(SDK_OPERATIONS)
    assert failures == [], "\n".join(failures)
