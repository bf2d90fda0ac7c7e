"""Vault networking (keyvault-spec.md §5): public network access, the firewall's IP rules, the
trusted-service bypass and the private-endpoint listener, as a matrix of network state x
identity x listener, plus the exact deny bodies. ARM is never blocked by vault networking.

The client address of every request here is loopback (127.0.0.1, or ::1 which the emulator
counts as 127.0.0.1): a rule 127.0.0.1/32 lets it in, 203.0.113.0/24 (TEST-NET-3) does not.
"""

from __future__ import annotations

import uuid

import pytest
from azure.core.exceptions import HttpResponseError

import access
import harness

LOOPBACK = "127.0.0.1/32"
ELSEWHERE = "203.0.113.0/24"
SUBNET = ("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/"
          "Microsoft.Network/virtualNetworks/vnet/subnets/default")

# name -> (publicNetworkAccess, networkAcls or None)
STATES = {
    "enabled, no acls": ("Enabled", None),
    "enabled, allow, rules ignored": ("Enabled", {"defaultAction": "Allow", "bypass": "None", "ipRules": [{"value": ELSEWHERE}]}),
    "deny, no rules, bypass none": ("Enabled", {"defaultAction": "Deny", "bypass": "None"}),
    "deny, loopback rule": ("Enabled", {"defaultAction": "Deny", "bypass": "None", "ipRules": [{"value": "127.0.0.1"}]}),
    "deny, other rule, bypass none": ("Enabled", {"defaultAction": "Deny", "bypass": "None", "ipRules": [{"value": ELSEWHERE}]}),
    "deny, other rule, bypass azure": ("Enabled", {"defaultAction": "Deny", "bypass": "AzureServices", "ipRules": [{"value": ELSEWHERE}]}),
    "deny, subnet rule only": ("Enabled", {"defaultAction": "Deny", "bypass": "None",
                                           "virtualNetworkRules": [{"id": SUBNET}]}),
    "disabled, bypass azure": ("Disabled", {"defaultAction": "Allow", "bypass": "AzureServices"}),
    "disabled, bypass none": ("Disabled", {"defaultAction": "Allow", "bypass": "None"}),
    "disabled, loopback rule": ("Disabled", {"defaultAction": "Deny", "bypass": "None", "ipRules": [{"value": LOOPBACK}]}),
}


def expected(public: str, acls, trusted: bool, private: bool) -> str:
    """allow / ForbiddenByConnection / ForbiddenByFirewall, from the rules of §5."""
    bypass = (acls or {}).get("bypass", "AzureServices") == "AzureServices" and trusted
    if public == "Disabled":
        return "allow" if private or bypass else "ForbiddenByConnection"
    if acls is None or acls.get("defaultAction") == "Allow":
        return "allow"
    if private or bypass:
        return "allow"
    rules = [rule["value"] for rule in acls.get("ipRules", [])]
    return "allow" if any(rule.split("/")[0] == "127.0.0.1" for rule in rules) else "ForbiddenByFirewall"


@pytest.fixture(scope="module")
def network_world(directory, resource_group, conn):
    """One vault per state; a plain principal and the bootstrap trusted service hold Crypto User on each."""
    plain = directory.create("network-plain")
    trusted = directory.well_known("trustedService")
    vaults = {}
    for state, (public, acls) in STATES.items():
        name = harness.unique_vault_name("net")
        properties = {"enableRbacAuthorization": True, "publicNetworkAccess": public}
        if acls is not None:
            properties["networkAcls"] = acls
        response = access.put_vault(directory, resource_group, name, properties)
        assert response.status_code in (200, 201), response.text
        scope = access.vault_id(conn, resource_group, name)
        for who in (plain, trusted, directory.admin):
            directory.must_assign(scope, "Key Vault Crypto Officer" if who is directory.admin else "Key Vault Crypto User", who)
        # The key is made through the private endpoint, which every state lets in.
        made = access.data_call(directory, directory.admin, name, "POST", "/keys/net/create",
                                port=conn.raw["privateEndpointPort"], json={"kty": "EC", "crv": "P-256"})
        assert made.status_code == 200, made.text
        vaults[state] = name
    return vaults, plain, trusted


def test_network_state_times_identity_times_listener(network_world, directory, conn, matrix_cells):
    vaults, plain, trusted = network_world
    failures, cells = [], 0
    for state, (public, acls) in STATES.items():
        for who, is_trusted in ((plain, False), (trusted, True)):
            for private in (False, True):
                port = conn.raw["privateEndpointPort"] if private else None
                response = access.data_call(directory, who, vaults[state], "GET", "/keys/net", port=port)
                if response.status_code == 200:
                    outcome = "allow"
                else:
                    code, inner, _ = harness.azure_error(response)
                    assert (response.status_code, code) == (403, "Forbidden"), response.text
                    outcome = inner
                want = expected(public, acls, is_trusted, private)
                cells += 1
                if outcome != want:
                    failures.append(f"{state} x {'trusted' if is_trusted else 'plain'} x "
                                    f"{'private' if private else 'public'}: expected {want}, got {outcome}")
    matrix_cells["network state x identity x listener"] = cells
    assert cells == len(STATES) * 4
    assert failures == [], "\n".join(failures)


def test_firewall_denial_names_the_client_address(network_world, directory, conn):
    vaults, plain, _ = network_world
    response = access.data_call(directory, plain, vaults["deny, no rules, bypass none"], "GET", "/keys/net")
    message = harness.assert_azure_error(response, 403, "Forbidden", "ForbiddenByFirewall")
    lines = message.split("\r\n")
    assert lines[0] == "Client address is not authorized and caller is not a trusted service."
    assert lines[1] in ("Client address: 127.0.0.1", "Client address: ::1"), lines[1]
    assert lines[2] == f"Caller: appid={plain.client_id};oid={plain.object_id};iss=https://sts.windows.net/{conn.tenant_id}/"
    assert lines[3] == f"Vault: {vaults['deny, no rules, bypass none']};location=westus"


def test_public_access_disabled_message(network_world, directory, conn):
    vaults, plain, _ = network_world
    name = vaults["disabled, bypass none"]
    response = access.data_call(directory, plain, name, "GET", "/keys/net")
    message = harness.assert_azure_error(response, 403, "Forbidden", "ForbiddenByConnection")
    assert message == ("Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\n"
                       f"Caller: appid={plain.client_id};oid={plain.object_id};iss=https://sts.windows.net/{conn.tenant_id}/\r\n"
                       f"Vault: {name};location=westus")


def test_network_check_comes_after_the_token_and_before_authorization(network_world, directory, conn):
    vaults, _, _ = network_world
    name = vaults["disabled, bypass none"]
    # No token: the challenge, not the firewall.
    response = directory.raw.vault("GET", name, "/keys/net")
    assert response.status_code == 401
    # A principal without any role is stopped by the network first.
    nobody = directory.create("network-nobody")
    response = access.data_call(directory, nobody, name, "GET", "/keys/net")
    harness.assert_azure_error(response, 403, "Forbidden", "ForbiddenByConnection")


def test_arm_is_never_blocked_by_vault_networking(network_world, mgmt, resource_group):
    vaults, _, _ = network_world
    for name in (vaults["disabled, bypass none"], vaults["deny, no rules, bypass none"]):
        vault = mgmt.keyvault.vaults.get(resource_group, name)
        assert vault.name == name


def test_arm_stores_normalized_rules(network_world, mgmt, resource_group):
    vaults, _, _ = network_world
    acls = mgmt.keyvault.vaults.get(resource_group, vaults["deny, loopback rule"]).properties.network_acls
    assert [rule.value for rule in acls.ip_rules] == ["127.0.0.1/32"], "a single address gains /32"
    subnet = mgmt.keyvault.vaults.get(resource_group, vaults["deny, subnet rule only"]).properties.network_acls
    assert [rule.id for rule in subnet.virtual_network_rules] == [SUBNET.lower()]


def test_sdk_through_the_private_endpoint(network_world, directory, conn):
    """A KeyClient pointed at the private-endpoint listener works on a vault closed to the public:
    the challenge names that listener's resource and its tokens are accepted."""
    vaults, plain, _ = network_world
    name = vaults["disabled, bypass none"]
    cred = harness.credential(conn, harness.Principal(plain.client_id, plain.secret, plain.object_id))
    from azure.keyvault.keys import KeyClient
    private = KeyClient(f"https://{name}.vault.localhost:{conn.raw['privateEndpointPort']}", cred, **conn.client_options())
    assert private.get_key("net").name == "net"
    public = KeyClient(conn.vault_url(name), cred, **conn.client_options())
    with pytest.raises(HttpResponseError) as denied:
        public.get_key("net")
    assert harness.sdk_error_codes(denied.value) == ("Forbidden", "ForbiddenByConnection")


def test_opening_the_firewall_applies_at_once(directory, resource_group, conn, mgmt):
    name = harness.unique_vault_name("fw")
    response = access.put_vault(directory, resource_group, name, {
        "enableRbacAuthorization": True, "networkAcls": {"defaultAction": "Deny", "bypass": "None", "ipRules": [{"value": ELSEWHERE}]}})
    assert response.status_code in (200, 201), response.text
    user = directory.create("fw-user")
    directory.must_assign(access.vault_id(conn, resource_group, name), "Key Vault Crypto Officer", user)
    denied = access.data_call(directory, user, name, "POST", "/keys/fw/create", json={"kty": "EC", "crv": "P-256"})
    harness.assert_azure_error(denied, 403, "Forbidden", "ForbiddenByFirewall")
    mgmt.keyvault.vaults.update(resource_group, name, {"properties": {"networkAcls": {
        "defaultAction": "Deny", "bypass": "None", "ipRules": [{"value": ELSEWHERE}, {"value": LOOPBACK}]}}})
    allowed = access.data_call(directory, user, name, "POST", "/keys/fw/create", json={"kty": "EC", "crv": "P-256"})
    assert allowed.status_code == 200, allowed.text


def test_invalid_ip_rule_is_refused(directory, resource_group):
    response = access.put_vault(directory, resource_group, harness.unique_vault_name("badip"), {
        "networkAcls": {"defaultAction": "Deny", "ipRules": [{"value": "300.1.2.3"}]}})
    harness.assert_azure_error(response, 400, "BadRequest")
