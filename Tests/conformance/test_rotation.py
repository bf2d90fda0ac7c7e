"""rotate_key and the key rotation policy through azure-keyvault-keys, and a scheduled rotation
made due by the emulator clock."""

from datetime import timedelta

import pytest
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.keyvault.keys import KeyRotationLifetimeAction, KeyRotationPolicy, KeyRotationPolicyAction

import harness

DAY = 86400


def actions(policy) -> list:
    return [(getattr(a.action, "value", a.action), a.time_after_create, a.time_before_expiry)
            for a in policy.lifetime_actions]


def test_rotate_makes_a_new_version_like_the_current_one(admin_keys, key_name):
    created = admin_keys.create_rsa_key(key_name, size=3072, key_operations=["sign", "verify"], tags={"t": "1"})
    rotated = admin_keys.rotate_key(key_name)
    assert rotated.name == key_name
    assert rotated.properties.version != created.properties.version
    assert rotated.key.n != created.key.n and len(rotated.key.n) == 384
    assert {getattr(op, "value", op) for op in rotated.key_operations} == {"sign", "verify"}
    assert rotated.properties.tags == {"t": "1"}
    assert rotated.properties.expires_on is None
    assert admin_keys.get_key(key_name).id == rotated.id
    with pytest.raises(ResourceNotFoundError):
        admin_keys.rotate_key(key_name + "-missing")


def test_a_key_without_a_policy_has_the_empty_default(admin_keys, officer_vault, admin_cred, raw, key_name):
    admin_keys.create_ec_key(key_name)
    policy = admin_keys.get_key_rotation_policy(key_name)
    assert policy.id is None and policy.lifetime_actions == [] and policy.expires_in is None
    response = raw.vault("GET", officer_vault.name, f"/keys/{key_name}/rotationpolicy", cred=admin_cred)
    assert response.json() == {"lifetimeActions": None, "attributes": None}


def test_update_adds_notify_and_get_returns_the_same(admin_keys, officer_vault, key_name):
    admin_keys.create_ec_key(key_name)
    policy = admin_keys.update_key_rotation_policy(
        key_name, KeyRotationPolicy(),
        lifetime_actions=[KeyRotationLifetimeAction(KeyRotationPolicyAction.rotate, time_after_create="P2M")],
        expires_in="P90D")
    assert policy.id == f"{officer_vault.url}/keys/{key_name}/rotationpolicy"
    assert actions(policy) == [("Rotate", "P2M", None), ("Notify", None, "P30D")]
    assert policy.expires_in == "P90D"
    assert policy.created_on is not None and policy.updated_on is not None

    fetched = admin_keys.get_key_rotation_policy(key_name)
    assert fetched.id == policy.id
    assert actions(fetched) == actions(policy)
    assert fetched.created_on == policy.created_on

    # A policy that has its own Notify action gets nothing added.
    replaced = admin_keys.update_key_rotation_policy(
        key_name, KeyRotationPolicy(),
        lifetime_actions=[KeyRotationLifetimeAction(KeyRotationPolicyAction.notify, time_before_expiry="P10D")])
    assert actions(replaced) == [("Notify", None, "P10D")]
    assert replaced.created_on == policy.created_on


@pytest.mark.parametrize("body,fragment", [
    ({"attributes": {"expiryTime": "P27D"}}, "at least 28 days"),
    ({"lifetimeActions": [{"trigger": {"timeAfterCreate": "P6D"}, "action": {"type": "Rotate"}}]}, "at least 7 days"),
    ({"lifetimeActions": [{"trigger": {"timeAfterCreate": "P7D"}, "action": {"type": "Archive"}}]}, "Archive"),
    ({"lifetimeActions": [{"trigger": {}, "action": {"type": "Rotate"}}]}, "exactly one"),
    ({"lifetimeActions": [{"trigger": {"timeAfterCreate": "soon"}, "action": {"type": "Rotate"}}]}, "ISO 8601"),
    ({"lifetimeActions": [{"trigger": {"timeAfterCreate": "P7D"}, "action": {"type": "Rotate"}},
                          {"trigger": {"timeAfterCreate": "P8D"}, "action": {"type": "rotate"}}]}, "at most one Rotate"),
])
def test_invalid_policies_are_bad_parameter(admin_keys, officer_vault, admin_cred, raw, key_name, body, fragment):
    admin_keys.create_ec_key(key_name)
    response = raw.vault("PUT", officer_vault.name, f"/keys/{key_name}/rotationpolicy", cred=admin_cred, json=body)
    message = harness.assert_azure_error(response, 400, "BadParameter")
    assert message.startswith("The key rotation policy is not valid: ") and fragment in message, message
    assert admin_keys.get_key_rotation_policy(key_name).id is None


def test_action_types_are_case_insensitive_on_the_wire(admin_keys, officer_vault, admin_cred, raw, key_name):
    admin_keys.create_ec_key(key_name)
    body = {"lifetimeActions": [{"trigger": {"timeBeforeExpiry": "P20D"}, "action": {"type": "rotate"}}],
            "attributes": {"expiryTime": "P60D"}}
    response = raw.vault("PUT", officer_vault.name, f"/keys/{key_name}/rotationPolicy", cred=admin_cred, json=body)
    assert response.status_code == 200, response.text
    assert [a["action"]["type"] for a in response.json()["lifetimeActions"]] == ["Rotate", "Notify"]


def test_rotation_under_a_policy_with_expiry_time_sets_expiry(admin_keys, key_name):
    admin_keys.create_ec_key(key_name)
    admin_keys.update_key_rotation_policy(key_name, KeyRotationPolicy(), expires_in="P90D")
    rotated = admin_keys.rotate_key(key_name)
    assert rotated.properties.expires_on - rotated.properties.created_on == timedelta(days=90)


def test_scheduled_rotation_happens_once_the_clock_passes_it(make_officer_vault, key_client_for, conn,
                                                             emulator_clock, key_name):
    vault = make_officer_vault()
    client = key_client_for(vault.name, harness.credential(conn, conn.admin))
    created = client.create_ec_key(key_name)
    client.update_key_rotation_policy(
        key_name, KeyRotationPolicy(),
        lifetime_actions=[KeyRotationLifetimeAction(KeyRotationPolicyAction.rotate, time_after_create="P30D")],
        expires_in="P90D")

    emulator_clock(30 * DAY - 3600)
    before = key_client_for(vault.name, harness.credential(conn, conn.admin))
    assert before.get_key(key_name).id == created.id

    emulator_clock(30 * DAY + 3600)
    after = key_client_for(vault.name, harness.credential(conn, conn.admin))
    rotated = after.get_key(key_name)
    assert rotated.id != created.id
    assert rotated.properties.expires_on - rotated.properties.created_on == timedelta(days=90)
    assert len(list(after.list_properties_of_key_versions(key_name))) == 2
