"""backup_key / restore_key_backup: an opaque blob that restores the whole key, with its name and
versions, into another vault of the subscription; conflicts and altered blobs are refused."""

import os

import pytest
from azure.core.exceptions import HttpResponseError, ResourceExistsError
from azure.keyvault.keys.crypto import EncryptionAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

import harness


@pytest.fixture(scope="module")
def second_vault(make_officer_vault):
    return make_officer_vault()


def test_restore_into_another_vault_keeps_name_versions_and_material(
        admin_keys, second_vault, key_client_for, admin_cred, conn, key_name):
    first = admin_keys.create_rsa_key(key_name, tags={"v": "1"})
    second = admin_keys.create_rsa_key(key_name, tags={"v": "2"}, key_operations=["decrypt", "sign"])
    blob = admin_keys.backup_key(key_name)
    assert isinstance(blob, bytes) and len(blob) > 0
    # Opaque: the public modulus is not even visible (the content is encrypted).
    assert second.key.n not in blob and first.key.n not in blob

    target = key_client_for(second_vault.name, admin_cred)
    restored = target.restore_key_backup(blob)
    assert restored.name == key_name
    assert restored.properties.version == second.properties.version
    assert restored.id == f"{second_vault.url}/keys/{key_name}/{second.properties.version}"
    assert restored.key.n == second.key.n
    assert restored.properties.tags == {"v": "2"}
    assert set(restored.key_operations) == {"decrypt", "sign"}
    assert restored.properties.created_on == second.properties.created_on
    versions = {p.version for p in target.list_properties_of_key_versions(key_name)}
    assert versions == {first.properties.version, second.properties.version}
    assert target.get_key(key_name, first.properties.version).key.n == first.key.n

    # The restored private key is the original: it decrypts what the original's public key encrypted.
    plaintext = os.urandom(32)
    public = harness.rsa_public_key(second.key.n, second.key.e)
    ciphertext = public.encrypt(plaintext, padding.OAEP(mgf=padding.MGF1(hashes.SHA256()),
                                                        algorithm=hashes.SHA256(), label=None))
    crypto = harness.crypto_client(conn, restored.id, admin_cred)
    assert crypto.decrypt(EncryptionAlgorithm.rsa_oaep_256, ciphertext).plaintext == plaintext


def test_restore_onto_an_existing_or_deleted_name_conflicts(admin_keys, key_name):
    admin_keys.create_ec_key(key_name)
    blob = admin_keys.backup_key(key_name)
    with pytest.raises(ResourceExistsError) as active:
        admin_keys.restore_key_backup(blob)
    assert active.value.status_code == 409
    assert harness.sdk_error_codes(active.value)[0] == "Conflict"

    admin_keys.begin_delete_key(key_name).result()
    with pytest.raises(ResourceExistsError) as deleted:
        admin_keys.restore_key_backup(blob)
    assert harness.sdk_error_codes(deleted.value) == ("Conflict", "ObjectIsDeletedButRecoverable")

    admin_keys.purge_deleted_key(key_name)
    assert admin_keys.restore_key_backup(blob).name == key_name


def test_altered_or_foreign_blobs_are_bad_parameter(admin_keys, officer_vault, admin_cred, raw, key_name):
    admin_keys.create_ec_key(key_name)
    blob = bytearray(admin_keys.backup_key(key_name))
    admin_keys.begin_delete_key(key_name).result()
    admin_keys.purge_deleted_key(key_name)

    blob[-5] ^= 0x01
    with pytest.raises(HttpResponseError) as altered:
        admin_keys.restore_key_backup(bytes(blob))
    assert altered.value.status_code == 400
    assert harness.sdk_error_codes(altered.value)[0] == "BadParameter"
    assert "invalid or corrupted" in altered.value.error.message

    for value in ["AAAA", "", "***"]:
        response = raw.vault("POST", officer_vault.name, "/keys/restore", cred=admin_cred, json={"value": value})
        harness.assert_azure_error(response, 400, "BadParameter")
    response = raw.vault("POST", officer_vault.name, "/keys/restore", cred=admin_cred, json={})
    harness.assert_azure_error(response, 400, "BadParameter")
    assert key_name not in [p.name for p in admin_keys.list_properties_of_keys()]


def test_backup_wire_value_is_base64url_without_padding(admin_keys, officer_vault, admin_cred, raw, key_name):
    admin_keys.create_ec_key(key_name)
    response = raw.vault("POST", officer_vault.name, f"/keys/{key_name}/backup", cred=admin_cred)
    assert response.status_code == 200, response.text
    value = response.json()["value"]
    assert set(response.json()) == {"value"}
    assert "=" not in value and "+" not in value and "/" not in value
    # Padded input is accepted back.
    admin_keys.begin_delete_key(key_name).result()
    admin_keys.purge_deleted_key(key_name)
    padded = value + "=" * (-len(value) % 4)
    restored = raw.vault("POST", officer_vault.name, "/keys/restore", cred=admin_cred, json={"value": padded})
    assert restored.status_code == 200, restored.text
