"""Key management through azure-keyvault-keys: create, get, list, versions, update."""

import re
from datetime import datetime, timedelta, timezone

import pytest
from azure.core.exceptions import ResourceNotFoundError
from azure.keyvault.keys import KeyOperation

import harness

ALL_RSA_OPERATIONS = {"encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"}


def operations(key) -> set:
    """key_ops as plain strings (the SDK may hand back str-valued enum members)."""
    return {getattr(op, "value", op) for op in key.key_operations}


def utc_seconds(delta: timedelta) -> datetime:
    return (datetime.now(timezone.utc) + delta).replace(microsecond=0)


@pytest.mark.parametrize("size", [2048, 3072, 4096])
def test_create_rsa_with_attributes(admin_keys, officer_vault, key_name, size):
    not_before = utc_seconds(timedelta(minutes=-5))
    expires = utc_seconds(timedelta(days=30))
    key = admin_keys.create_rsa_key(
        key_name, size=size, not_before=not_before, expires_on=expires,
        key_operations=[KeyOperation.sign, KeyOperation.verify, KeyOperation.decrypt],
        tags={"purpose": "conformance", "size": str(size)})

    assert key.name == key_name
    assert key.key_type == "RSA"
    assert len(key.key.n) == size // 8 and key.key.n[0] != 0
    assert key.key.e == b"\x01\x00\x01"
    assert operations(key) == {"sign", "verify", "decrypt"}
    assert key.properties.tags == {"purpose": "conformance", "size": str(size)}
    assert key.properties.not_before == not_before
    assert key.properties.expires_on == expires
    assert key.properties.enabled is True
    assert key.properties.created_on is not None and key.properties.updated_on is not None
    assert re.fullmatch(r"[0-9a-f]{32}", key.properties.version)
    assert key.id == f"{officer_vault.url}/keys/{key_name}/{key.properties.version}"
    # The private parts never leave the vault.
    assert key.key.d is None and key.key.p is None and key.key.q is None


def test_create_defaults(admin_keys, key_name):
    key = admin_keys.create_rsa_key(key_name)
    assert len(key.key.n) == 256, "default size is 2048"
    assert operations(key) == ALL_RSA_OPERATIONS
    assert key.properties.expires_on is None and key.properties.not_before is None
    assert not key.properties.tags


def test_recovery_attributes(admin_keys, key_name):
    # A new vault has soft delete on with 90 days retention and no purge protection
    # (keyvault-spec.md §2.8).
    key = admin_keys.create_rsa_key(key_name)
    assert key.properties.recovery_level == "Recoverable+Purgeable"
    assert key.properties.recoverable_days == 90


def test_get_latest_by_version_and_trailing_slash(admin_keys, officer_vault, admin_cred, raw, key_name):
    first = admin_keys.create_rsa_key(key_name, tags={"v": "1"})
    second = admin_keys.create_rsa_key(key_name, tags={"v": "2"})
    assert first.properties.version != second.properties.version

    # get_key(name) sends GET /keys/{name}/ (trailing slash, empty version): the latest.
    latest = admin_keys.get_key(key_name)
    assert latest.id == second.id
    assert latest.properties.tags == {"v": "2"}

    older = admin_keys.get_key(key_name, first.properties.version)
    assert older.id == first.id
    assert older.key.n == first.key.n
    assert older.properties.tags == {"v": "1"}

    # Without the trailing slash, the same.
    for path in (f"/keys/{key_name}", f"/keys/{key_name}/"):
        response = raw.vault("GET", officer_vault.name, path, cred=admin_cred)
        assert response.status_code == 200, response.text
        assert response.json()["key"]["kid"] == second.id


def test_get_unknown_key_and_version(admin_keys, key_name):
    with pytest.raises(ResourceNotFoundError) as missing:
        admin_keys.get_key(key_name)
    assert missing.value.error.code == "KeyNotFound"

    admin_keys.create_rsa_key(key_name)
    with pytest.raises(ResourceNotFoundError) as missing_version:
        admin_keys.get_key(key_name, "0" * 32)
    assert missing_version.value.error.code == "KeyNotFound"


def test_names_are_case_insensitive(admin_keys, key_name):
    created = admin_keys.create_rsa_key(key_name)
    fetched = admin_keys.get_key(key_name.upper())
    assert fetched.properties.version == created.properties.version
    assert fetched.name == key_name, "the first casing is kept"


def test_list_keys(admin_keys, officer_vault, key_name):
    names = [f"{key_name}-{i}" for i in range(3)]
    for name in names:
        admin_keys.create_rsa_key(name, tags={"list": key_name})
    admin_keys.create_rsa_key(names[0])  # a second version must not add a second item

    # max_page_size=1 makes the SDK follow nextLink.
    items = [p for p in admin_keys.list_properties_of_keys(max_page_size=1) if p.name in names]
    assert sorted(p.name for p in items) == sorted(names)
    for item in items:
        # List items carry the base key id (no version) and the current version's attributes.
        assert item.id == f"{officer_vault.url}/keys/{item.name}"
        assert item.version is None
        assert item.enabled is True


def test_list_next_link_is_absolute_on_the_vault_host(admin_keys, officer_vault, admin_cred, raw, key_name):
    for i in range(2):
        admin_keys.create_rsa_key(f"{key_name}-{i}")
    page = raw.vault("GET", officer_vault.name, "/keys", cred=admin_cred, params={"maxresults": "1"})
    assert page.status_code == 200, page.text
    body = page.json()
    assert len(body["value"]) == 1
    assert body["nextLink"].startswith(f"{officer_vault.url}/keys?"), body["nextLink"]


def test_list_versions(admin_keys, officer_vault, key_name):
    created = [admin_keys.create_rsa_key(key_name) for _ in range(3)]
    versions = list(admin_keys.list_properties_of_key_versions(key_name))
    assert sorted(v.version for v in versions) == sorted(k.properties.version for k in created)
    for item in versions:
        assert item.id == f"{officer_vault.url}/keys/{key_name}/{item.version}"
        assert item.name == key_name


def test_update_enable_tags_expiry(admin_keys, key_name):
    created = admin_keys.create_rsa_key(key_name, tags={"a": "1"})
    expires = utc_seconds(timedelta(days=90))

    updated = admin_keys.update_key_properties(key_name, enabled=False, tags={"b": "2"},
                                               expires_on=expires)
    assert updated.properties.version == created.properties.version
    assert updated.properties.enabled is False
    assert updated.properties.tags == {"b": "2"}, "tags are replaced, not merged"
    assert updated.properties.expires_on == expires
    assert updated.properties.updated_on >= created.properties.updated_on

    # A disabled key is still readable (200, enabled false).
    fetched = admin_keys.get_key(key_name)
    assert fetched.properties.enabled is False
    assert fetched.properties.expires_on == expires

    # Attributes merge: enabling again keeps exp and tags when they are not sent.
    again = admin_keys.update_key_properties(key_name, enabled=True)
    assert again.properties.enabled is True
    assert again.properties.expires_on == expires
    assert again.properties.tags == {"b": "2"}


def test_update_specific_version(admin_keys, key_name):
    first = admin_keys.create_rsa_key(key_name)
    second = admin_keys.create_rsa_key(key_name)
    admin_keys.update_key_properties(key_name, first.properties.version, enabled=False)
    assert admin_keys.get_key(key_name, first.properties.version).properties.enabled is False
    assert admin_keys.get_key(key_name, second.properties.version).properties.enabled is True


def test_update_key_operations(admin_keys, key_name):
    admin_keys.create_rsa_key(key_name)
    updated = admin_keys.update_key_properties(key_name, key_operations=[KeyOperation.verify])
    assert operations(updated) == {"verify"}
    assert operations(admin_keys.get_key(key_name)) == {"verify"}
