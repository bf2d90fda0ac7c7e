"""Soft delete through azure-keyvault-keys: delete and recover pollers, deleted keys, purge,
reuse conflicts, purge protection and the scheduled purge moved by the emulator clock."""

import time
from datetime import timedelta

import pytest
from azure.core.exceptions import HttpResponseError, ResourceExistsError, ResourceNotFoundError

import harness

DAY = 86400


def test_delete_and_recover_with_the_sdk_pollers(admin_keys, officer_vault, key_name):
    first = admin_keys.create_rsa_key(key_name, tags={"v": "1"})
    second = admin_keys.create_rsa_key(key_name, tags={"v": "2"})

    started = time.monotonic()
    deleted = admin_keys.begin_delete_key(key_name).result()
    # Deletion is visible at once: the poller's first GET /deletedkeys/{name} succeeds (no 2 s wait).
    assert time.monotonic() - started < 1.5
    assert deleted.name == key_name
    assert deleted.id == second.id
    assert deleted.recovery_id == f"{officer_vault.url}/deletedkeys/{key_name}"
    assert deleted.scheduled_purge_date - deleted.deleted_date == timedelta(days=90)
    assert deleted.properties.tags == {"v": "2"}
    assert deleted.key.n == second.key.n

    with pytest.raises(ResourceNotFoundError) as gone:
        admin_keys.get_key(key_name)
    assert gone.value.error.code == "KeyNotFound"
    fetched = admin_keys.get_deleted_key(key_name)
    assert fetched.recovery_id == deleted.recovery_id
    assert fetched.deleted_date == deleted.deleted_date
    assert key_name in [d.name for d in admin_keys.list_deleted_keys()]
    assert key_name not in [p.name for p in admin_keys.list_properties_of_keys()]

    started = time.monotonic()
    recovered = admin_keys.begin_recover_deleted_key(key_name).result()
    assert time.monotonic() - started < 1.5
    assert recovered.id == second.id
    versions = {p.version for p in admin_keys.list_properties_of_key_versions(key_name)}
    assert versions == {first.properties.version, second.properties.version}
    with pytest.raises(ResourceNotFoundError) as not_deleted:
        admin_keys.get_deleted_key(key_name)
    assert not_deleted.value.error.message == f"Deleted Key not found: {key_name}"


def test_a_deleted_name_cannot_be_reused(admin_keys, key_name):
    admin_keys.create_ec_key(key_name)
    admin_keys.begin_delete_key(key_name).result()
    with pytest.raises(ResourceExistsError) as conflict:
        admin_keys.create_ec_key(key_name)
    assert harness.sdk_error_codes(conflict.value) == ("Conflict", "ObjectIsDeletedButRecoverable")
    assert conflict.value.status_code == 409
    assert conflict.value.error.message == (
        f"Key {key_name} is currently in a deleted but recoverable state, and its name cannot be "
        "reused; in this state, the key can only be recovered or purged.")


def test_purge_removes_the_key_and_frees_the_name(admin_keys, key_name):
    admin_keys.create_ec_key(key_name)
    admin_keys.begin_delete_key(key_name).result()
    assert admin_keys.purge_deleted_key(key_name) is None
    with pytest.raises(ResourceNotFoundError):
        admin_keys.get_deleted_key(key_name)
    with pytest.raises(ResourceNotFoundError):
        admin_keys.purge_deleted_key(key_name)
    again = admin_keys.create_ec_key(key_name)
    assert [p.version for p in admin_keys.list_properties_of_key_versions(key_name)] == [again.properties.version]


def test_purge_answers_204(admin_keys, officer_vault, admin_cred, raw, key_name):
    admin_keys.create_ec_key(key_name)
    admin_keys.begin_delete_key(key_name).result()
    response = raw.vault("DELETE", officer_vault.name, f"/deletedkeys/{key_name}", cred=admin_cred)
    assert response.status_code == 204, response.text
    assert response.content == b""


def test_delete_of_an_unknown_key_is_not_found(admin_keys, key_name):
    with pytest.raises(ResourceNotFoundError) as missing:
        admin_keys.begin_delete_key(key_name)
    assert missing.value.error.code == "KeyNotFound"


def test_deleted_keys_are_listed_once_each_across_pages(make_officer_vault, key_client_for, admin_cred,
                                                        raw, key_name):
    vault = make_officer_vault()
    client = key_client_for(vault.name, admin_cred)
    names = [f"{key_name}-{i}" for i in range(4)]
    for name in names:
        client.create_ec_key(name)
        client.begin_delete_key(name).result()
    client.create_ec_key(f"{key_name}-active")

    listed = [d.name for d in client.list_deleted_keys(max_page_size=1)]
    assert sorted(listed) == sorted(names)
    for deleted in client.list_deleted_keys():
        assert deleted.recovery_id == f"{vault.url}/deletedkeys/{deleted.name}"
        assert deleted.id == f"{vault.url}/keys/{deleted.name}"

    page = raw.vault("GET", vault.name, "/deletedkeys", cred=admin_cred, params={"maxresults": "2"}).json()
    assert len(page["value"]) == 2
    assert page["nextLink"].startswith(f"{vault.url}/deletedkeys?"), page["nextLink"]
    assert set(page["value"][0]) == {"recoveryId", "deletedDate", "scheduledPurgeDate", "kid", "attributes"}


def test_purge_protection_refuses_purge(make_officer_vault, key_client_for, admin_cred, key_name):
    vault = make_officer_vault(enablePurgeProtection=True, softDeleteRetentionInDays=7)
    client = key_client_for(vault.name, admin_cred)
    key = client.create_ec_key(key_name)
    assert key.properties.recovery_level == "CustomizedRecoverable"
    assert key.properties.recoverable_days == 7
    deleted = client.begin_delete_key(key_name).result()
    assert deleted.scheduled_purge_date - deleted.deleted_date == timedelta(days=7)

    with pytest.raises(HttpResponseError) as refused:
        client.purge_deleted_key(key_name)
    assert refused.value.status_code == 403
    assert harness.sdk_error_codes(refused.value) == ("Forbidden", None)
    assert refused.value.error.message == (
        'Operation "purge" is not allowed because purge protection is enabled for this vault. Key '
        "Vault service will automatically purge it after the retention period has passed.\r\n"
        f"Vault: {vault.name};location=westus")
    assert client.get_deleted_key(key_name).name == key_name


def test_scheduled_purge_follows_the_emulator_clock(make_officer_vault, key_client_for, conn,
                                                    emulator_clock, key_name):
    vault = make_officer_vault(softDeleteRetentionInDays=7)
    client = key_client_for(vault.name, harness.credential(conn, conn.admin))
    assert client.create_ec_key(key_name).properties.recovery_level == "CustomizedRecoverable+Purgeable"
    client.begin_delete_key(key_name).result()

    emulator_clock(7 * DAY - 3600)
    shifted = key_client_for(vault.name, harness.credential(conn, conn.admin))
    assert shifted.get_deleted_key(key_name).name == key_name
    with pytest.raises(ResourceExistsError):
        shifted.create_ec_key(key_name)

    emulator_clock(7 * DAY + 3600)
    later = key_client_for(vault.name, harness.credential(conn, conn.admin))
    with pytest.raises(ResourceNotFoundError):
        later.get_deleted_key(key_name)
    assert key_name not in [d.name for d in later.list_deleted_keys()]
    assert later.create_ec_key(key_name).name == key_name
