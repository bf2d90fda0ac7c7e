"""The seed's portal walkthrough ("Use encryption with Microsoft Graph Data Connect") made real
through Microsoft's SDKs: create the vault, grant the roles, generate the key named after the
tenant id, then use it as the Data Connect application would."""

from datetime import datetime, timedelta, timezone

import pytest
from azure.core.exceptions import HttpResponseError
from azure.keyvault.keys.crypto import EncryptionAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

import harness


def test_portal_walkthrough(conn, mgmt, resource_group, vault_properties, assign_role,
                            key_client_for, admin_cred, app_cred, raw):
    # "Setting up Azure Key Vault", steps 2-5: permission model "Azure role-based access
    # control", public access enabled, Review + Create.
    name = harness.unique_vault_name("lob")
    vault = mgmt.keyvault.vaults.begin_create_or_update(
        resource_group, name,
        {"location": "westus", "properties": vault_properties(rbac=True, public=True)}).result()
    assert vault.name == name
    assert vault.properties.enable_rbac_authorization is True
    assert vault.properties.public_network_access == "Enabled"
    assert vault.properties.provisioning_state == "Succeeded"
    assert vault.properties.vault_uri == f"https://{name}.{conn.vault_dns_suffix}/"
    assert vault.id.lower() == (f"/subscriptions/{conn.subscription_id}/resourceGroups/"
                                f"{resource_group}/providers/Microsoft.KeyVault/vaults/{name}").lower()

    # "Using your existing Azure Key Vault", steps 3-7: Access control (IAM) -> Add role
    # assignment -> Key Vault Crypto User -> the Data Connect application's service principal.
    user = assign_role(vault.id, harness.KEY_VAULT_CRYPTO_USER, conn.data_connect_app.object_id)
    assert user.principal_id == conn.data_connect_app.object_id
    assert user.role_definition_id.lower().endswith(harness.KEY_VAULT_CRYPTO_USER)
    assert user.scope.lower() == vault.id.lower()
    assert user.principal_type == "ServicePrincipal"

    # The person generating the key needs a data role of its own: the subscription Owner has no
    # data actions on an RBAC vault. In the portal that person is Key Vault Crypto Officer.
    assign_role(vault.id, harness.KEY_VAULT_CRYPTO_OFFICER, conn.admin.object_id)

    # "Generating RSA keys", steps 3-5: RSA, 2048 bits, named after the tenant id, with an
    # expiration date.
    expires = (datetime.now(timezone.utc) + timedelta(days=365)).replace(microsecond=0)
    created = key_client_for(name, admin_cred).create_rsa_key(conn.tenant_id, size=2048,
                                                              expires_on=expires)
    assert created.name == conn.tenant_id
    assert created.key_type == "RSA"
    assert created.properties.expires_on == expires
    assert created.properties.enabled is True
    assert created.id == f"{conn.vault_url(name)}/keys/{conn.tenant_id}/{created.properties.version}"

    # As the Data Connect application (Crypto User): read the public key.
    app_keys = key_client_for(name, app_cred)
    key = app_keys.get_key(conn.tenant_id)
    assert key.id == created.id
    assert key.key_type == "RSA"
    assert len(key.key.n) == 256 and key.key.n[0] != 0, "2048-bit modulus, no leading zero byte"
    assert key.key.e == b"\x01\x00\x01"
    assert key.properties.expires_on == expires

    # The same key on the wire: base64url without padding, e exactly "AQAB".
    wire = raw.vault("GET", name, f"/keys/{conn.tenant_id}", cred=app_cred)
    assert wire.status_code == 200, wire.text
    jwk = wire.json()["key"]
    assert jwk["kty"] == "RSA"
    assert jwk["e"] == "AQAB"
    assert "=" not in jwk["n"] and "+" not in jwk["n"] and "/" not in jwk["n"]
    assert harness.b64url_decode(jwk["n"]) == key.key.n
    assert wire.json()["attributes"]["exp"] == int(expires.timestamp())

    # Crypto User cannot create keys: 403 Forbidden / ForbiddenByRbac.
    with pytest.raises(HttpResponseError) as denied:
        app_keys.create_rsa_key("created-by-app", size=2048)
    assert denied.value.status_code == 403
    assert denied.value.error.code == "Forbidden"
    assert harness.sdk_error_codes(denied.value) == ("Forbidden", "ForbiddenByRbac")

    # A delivery: the data's AES key encrypted locally with the public key (RSA-OAEP-256),
    # decrypted by the vault for the customer's side (Crypto User may decrypt).
    aes_key = bytes(range(32))
    wrapped = harness.rsa_public_key(key.key.n, key.key.e).encrypt(
        aes_key, padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None))
    result = harness.crypto_client(conn, key.id, app_cred).decrypt(
        EncryptionAlgorithm.rsa_oaep_256, wrapped)
    assert result.plaintext == aes_key
    assert result.key_id == key.id
