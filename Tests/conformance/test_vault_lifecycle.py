"""Vault lifecycle through azure-mgmt-keyvault (keyvault-spec.md §6.2): soft delete with
retention, deleted vaults get/list/purge, recovery (role assignments do not come back, keys do),
purge protection, the irreversible settings, name rules and conflicts, the RBAC default by
api-version, and the purge that happens when the retention passes on the emulator clock."""

from __future__ import annotations

import datetime
import uuid

import pytest
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError

import access
import harness


@pytest.fixture
def lifecycle(mgmt, resource_group, vault_properties, directory, conn):
    """make(**properties) -> (name, officer): an RBAC vault with one key 'k1', its officer a fresh SP."""

    def make(**extra):
        name = harness.unique_vault_name("life")
        properties = vault_properties()
        properties.update(extra)
        mgmt.keyvault.vaults.begin_create_or_update(resource_group, name, {"location": "westus", "properties": properties}).result()
        officer = directory.create(f"officer-{name}")
        directory.must_assign(access.vault_id(conn, resource_group, name), "Key Vault Crypto Officer", officer)
        made = access.data_call(directory, officer, name, "POST", "/keys/k1/create", json={"kty": "EC", "crv": "P-256"})
        assert made.status_code == 200, made.text
        return name, officer

    return make


def test_delete_moves_the_vault_to_deleted_state(lifecycle, mgmt, resource_group, conn, directory):
    name, officer = lifecycle(softDeleteRetentionInDays=7)
    before = datetime.datetime.now(datetime.timezone.utc)
    mgmt.keyvault.vaults.delete(resource_group, name)

    with pytest.raises(ResourceNotFoundError):
        mgmt.keyvault.vaults.get(resource_group, name)
    assert name not in [v.name for v in mgmt.keyvault.vaults.list_by_resource_group(resource_group)]

    deleted = mgmt.keyvault.vaults.get_deleted(name, "westus")
    assert deleted.name == name
    assert deleted.type == "Microsoft.KeyVault/deletedVaults"
    assert deleted.id == f"/subscriptions/{conn.subscription_id}/providers/Microsoft.KeyVault/locations/westus/deletedVaults/{name}"
    assert deleted.properties.vault_id.lower() == access.vault_id(conn, resource_group, name).lower()
    assert deleted.properties.location == "westus"
    assert deleted.properties.purge_protection_enabled is False
    retention = deleted.properties.scheduled_purge_date - deleted.properties.deletion_date
    assert retention == datetime.timedelta(days=7)
    assert abs((deleted.properties.deletion_date - before).total_seconds()) < 60
    assert name in [v.name for v in mgmt.keyvault.vaults.list_deleted()]

    # The data plane no longer reaches it.
    response = access.data_call(directory, officer, name, "GET", "/keys/k1")
    assert response.status_code == 404, response.text


def test_deleted_name_conflicts_until_recovered(lifecycle, mgmt, resource_group, vault_properties, directory, conn):
    name, officer = lifecycle()
    mgmt.keyvault.vaults.delete(resource_group, name)
    with pytest.raises(HttpResponseError) as conflict:
        mgmt.keyvault.vaults.begin_create_or_update(resource_group, name, {"location": "westus", "properties": vault_properties()}).result()
    assert conflict.value.status_code == 409
    assert conflict.value.error.code == "ConflictError"
    assert conflict.value.error.message.startswith("A vault with the same name already exists in deleted state.")

    availability = mgmt.keyvault.vaults.check_name_availability({"name": name, "type": "Microsoft.KeyVault/vaults"})
    assert availability.name_available is False and availability.reason == "AlreadyExists"

    recovered = mgmt.keyvault.vaults.begin_create_or_update(resource_group, name, {
        "location": "westus", "properties": {**vault_properties(), "createMode": "recover"}}).result()
    assert recovered.name == name
    assert recovered.properties.enable_rbac_authorization is True
    with pytest.raises(ResourceNotFoundError):
        mgmt.keyvault.vaults.get_deleted(name, "westus")

    # Role assignments do not come back (keyvault-spec.md §4.1); the keys do.
    denied = access.data_call(directory, officer, name, "GET", "/keys/k1")
    harness.assert_azure_error(denied, 403, "Forbidden", "ForbiddenByRbac")
    directory.must_assign(access.vault_id(conn, resource_group, name), "Key Vault Crypto Officer", officer)
    assert access.data_call(directory, officer, name, "GET", "/keys/k1").status_code == 200


def test_purge_frees_the_name_and_drops_the_keys(lifecycle, mgmt, resource_group, vault_properties, directory, conn):
    name, _ = lifecycle()
    mgmt.keyvault.vaults.delete(resource_group, name)
    mgmt.keyvault.vaults.begin_purge_deleted(name, "westus").result()
    with pytest.raises(ResourceNotFoundError):
        mgmt.keyvault.vaults.get_deleted(name, "westus")
    assert name not in [v.name for v in mgmt.keyvault.vaults.list_deleted()]

    mgmt.keyvault.vaults.begin_create_or_update(resource_group, name, {"location": "westus", "properties": vault_properties()}).result()
    officer = directory.create("purge-new-officer")
    directory.must_assign(access.vault_id(conn, resource_group, name), "Key Vault Crypto Officer", officer)
    listed = access.data_call(directory, officer, name, "GET", "/keys")
    assert listed.status_code == 200 and listed.json()["value"] == [], listed.text


def test_purge_protection_refuses_purge_until_the_retention_ends(lifecycle, mgmt, resource_group, directory):
    name, _ = lifecycle(enablePurgeProtection=True, softDeleteRetentionInDays=7)
    mgmt.keyvault.vaults.delete(resource_group, name)
    assert mgmt.keyvault.vaults.get_deleted(name, "westus").properties.purge_protection_enabled is True
    with pytest.raises(HttpResponseError) as refused:
        mgmt.keyvault.vaults.begin_purge_deleted(name, "westus").result()
    assert refused.value.status_code == 405
    assert refused.value.error.code == "MethodNotAllowed"
    assert refused.value.error.message == "Operation 'DeletedVaultPurge' is not allowed."

    # Past the scheduled purge date on the emulator clock, the next ARM request purges it.
    directory.set_clock_offset(7 * 86400 + 120)
    try:
        fresh = harness.credential(directory.conn, directory.conn.admin)
        late = harness.keyvault_management_client(directory.conn, fresh)
        assert name not in [v.name for v in late.vaults.list_deleted()]
        with pytest.raises(ResourceNotFoundError):
            late.vaults.get_deleted(name, "westus")
    finally:
        directory.set_clock_offset(0)


def test_recover_without_a_deleted_vault(mgmt, resource_group, vault_properties):
    with pytest.raises(HttpResponseError) as missing:
        mgmt.keyvault.vaults.begin_create_or_update(resource_group, harness.unique_vault_name("norec"), {
            "location": "westus", "properties": {**vault_properties(), "createMode": "recover"}}).result()
    assert missing.value.status_code == 400
    assert missing.value.error.code == "SoftDeletedVaultDoesNotExist"


def test_vault_without_soft_delete_goes_at_once(lifecycle, mgmt, resource_group, vault_properties):
    name, _ = lifecycle(enableSoftDelete=False)
    mgmt.keyvault.vaults.delete(resource_group, name)
    with pytest.raises(ResourceNotFoundError):
        mgmt.keyvault.vaults.get_deleted(name, "westus")
    again = mgmt.keyvault.vaults.begin_create_or_update(resource_group, name, {"location": "westus", "properties": vault_properties()}).result()
    assert again.name == name


def test_soft_delete_and_purge_protection_are_irreversible(lifecycle, mgmt, resource_group):
    name, _ = lifecycle(enablePurgeProtection=True)
    with pytest.raises(HttpResponseError) as soft:
        mgmt.keyvault.vaults.update(resource_group, name, {"properties": {"enableSoftDelete": False}})
    assert soft.value.status_code == 400
    assert soft.value.error.message == ('The property "enableSoftDelete" can be set to false only for creating new vault. '
                                        "Enabling the 'soft delete' functionality is an irreversible action.")
    with pytest.raises(HttpResponseError) as purge:
        mgmt.keyvault.vaults.update(resource_group, name, {"properties": {"enablePurgeProtection": False}})
    assert purge.value.status_code == 400
    assert purge.value.error.message == ('The property "enablePurgeProtection" cannot be set to false. '
                                         "Enabling the purge protection for a vault is an irreversible action.")


@pytest.mark.parametrize("name", ["ab", "1vault", "vault--name", "vault-", "a" * 25, "vault_name"])
def test_vault_name_rules(directory, resource_group, name):
    response = access.put_vault(directory, resource_group, name, {})
    message = harness.assert_azure_error(response, 400, "VaultNameNotValid")
    assert message.startswith(f"The vault name '{name}' is invalid.")


def test_check_name_availability(mgmt, make_vault):
    vault = make_vault()
    taken = mgmt.keyvault.vaults.check_name_availability({"name": vault.name, "type": "Microsoft.KeyVault/vaults"})
    assert (taken.name_available, taken.reason) == (False, "AlreadyExists")
    free = mgmt.keyvault.vaults.check_name_availability({"name": harness.unique_vault_name("free"), "type": "Microsoft.KeyVault/vaults"})
    assert free.name_available is True
    invalid = mgmt.keyvault.vaults.check_name_availability({"name": "9bad", "type": "Microsoft.KeyVault/vaults"})
    assert (invalid.name_available, invalid.reason) == (False, "AccountNameInvalid")


@pytest.mark.parametrize("api_version,expected", [("2025-05-01", False), ("2026-02-01", True), ("2026-05-15", True)])
def test_rbac_is_the_default_from_api_version_2026_02_01(directory, resource_group, api_version, expected):
    response = access.put_vault(directory, resource_group, harness.unique_vault_name("def"), {}, api_version=api_version)
    assert response.status_code == 201, response.text
    assert response.json()["properties"]["enableRbacAuthorization"] is expected


def test_deleted_vault_operations_need_their_actions(lifecycle, mgmt, resource_group, directory, conn):
    name, _ = lifecycle()
    mgmt.keyvault.vaults.delete(resource_group, name)
    contributor = directory.create("kv-contributor")
    directory.must_assign(f"/subscriptions/{conn.subscription_id}", "Key Vault Contributor", contributor)
    base = f"/subscriptions/{conn.subscription_id}/providers/Microsoft.KeyVault/locations/westus/deletedVaults/{name}"
    # Key Vault Contributor reads deleted vaults but may not purge them (notActions).
    assert directory.arm("GET", base, who=contributor, api_version="2025-05-01").status_code == 200
    refused = directory.arm("POST", base + "/purge", who=contributor, api_version="2025-05-01")
    message = harness.assert_azure_error(refused, 403, "AuthorizationFailed")
    assert "'Microsoft.KeyVault/locations/deletedVaults/purge/action'" in message
    assert directory.arm("POST", base + "/purge", api_version="2025-05-01").status_code == 200
