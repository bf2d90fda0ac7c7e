"""`dataconnect-agent doctor` against the real emulator: each missing portal step (keyvault-spec.md §7,
MG1-MG7) is found by the doctor, on its own, with the step that fixes it, and the agent's run names
the same step when it falls back to a clear delivery.
"""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

import pytest

import harness

DATASET = harness.MESSAGE_DATASET


def agent(*args: str) -> subprocess.CompletedProcess:
    binary = harness.emulator_binary().parent / "dataconnect-agent"
    return subprocess.run([str(binary), *args], capture_output=True, text=True, timeout=120)


def _in_days(days: int):
    import datetime
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)


@pytest.fixture
def tenant_setup(conn, make_vault, assign_role, key_client_for, admin_cred, mgmt, raw, registrations, resource_group):
    """make(broken) -> vault name: the walkthrough's setup with one requirement broken, linked in the
    approved registration."""

    def make(broken: str | None = None) -> str:
        if broken == "MG5":
            # Access policies: the admin may manage keys, the application has nothing.
            name = harness.unique_vault_name("pol")
            token = registrations.token(registrations.developer)
            policy = {"tenantId": conn.tenant_id, "objectId": conn.admin.object_id,
                      "permissions": {"keys": ["get", "list", "create", "update", "decrypt"]}}
            created = raw.management(
                "PUT", f"/subscriptions/{conn.subscription_id}/resourceGroups/{resource_group}/providers/Microsoft.KeyVault/vaults/{name}",
                token=token, api_version="2023-07-01",
                json={"location": "westus", "properties": {"tenantId": conn.tenant_id, "sku": {"family": "A", "name": "standard"},
                                                           "enableRbacAuthorization": False, "accessPolicies": [policy]}})
            assert created.status_code in (200, 201), created.text
            vault_id = created.json()["id"]
            # MG7 as the walkthrough leaves it (an assignment that an access-policy vault ignores).
            assign_role(vault_id, harness.KEY_VAULT_CRYPTO_USER, conn.data_connect_app.object_id)
        else:
            vault = make_vault()
            name, vault_id = vault.name, vault.id
            assign_role(vault_id, harness.KEY_VAULT_CRYPTO_OFFICER, conn.admin.object_id)
            if broken != "MG7":
                assign_role(vault_id, harness.KEY_VAULT_CRYPTO_USER, conn.data_connect_app.object_id)
        keys = key_client_for(name, admin_cred)
        if broken == "MG1":
            keys.create_ec_key(conn.tenant_id, curve="P-256", expires_on=_in_days(90))
        elif broken == "MG2":
            keys.create_rsa_key(conn.tenant_id, size=3072, expires_on=_in_days(90))
        elif broken == "MG3":
            keys.create_rsa_key(conn.tenant_id, size=2048)
        elif broken != "MG4":
            keys.create_rsa_key(conn.tenant_id, size=2048, expires_on=_in_days(90))
        if broken in ("MG6-disabled", "MG6-firewall"):
            from azure.mgmt.keyvault.models import NetworkRuleSet, VaultPatchParameters, VaultPatchProperties
            properties = (VaultPatchProperties(public_network_access="Disabled") if broken == "MG6-disabled"
                          else VaultPatchProperties(network_acls=NetworkRuleSet(default_action="Deny", bypass="None")))
            mgmt.keyvault.vaults.update(resource_group, name, VaultPatchParameters(properties=properties))
        registrations.register_and_approve(vault_name=name)
        return name

    return make


def doctor(emulator) -> subprocess.CompletedProcess:
    return agent("doctor", "--connection", str(Path(emulator.data_dir) / "connection.json"),
                 "--app", emulator.conn.data_connect_app.client_id)


def verdicts(output: str) -> dict[str, str]:
    found = {}
    for line in output.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[0] in ("PASS", "FAIL", "SKIP") and parts[1].startswith("MG"):
            found[parts[1]] = parts[0]
    return found


def test_the_walkthrough_setup_passes_every_requirement(emulator, tenant_setup):
    tenant_setup()
    result = doctor(emulator)
    assert result.returncode == 0, result.stdout + result.stderr
    assert verdicts(result.stdout) == {f"MG{i}": "PASS" for i in range(1, 9)}
    assert result.stdout.strip().endswith("all 8 requirements pass")


# (broken requirement, the step the doctor and the run name, requirements the doctor cannot check then)
CASES = [
    ("MG1", "Generating RSA keys with your Azure Key Vault, step 4 note", {"MG2"}),
    ("MG2", "Generating RSA keys with your Azure Key Vault, step 4 note", set()),
    ("MG3", "Generating RSA keys with your Azure Key Vault, step 4 note", set()),
    ("MG4", "Generating RSA keys with your Azure Key Vault, step 4: generate an RSA key named after the tenant id", {"MG1", "MG2", "MG3"}),
    ("MG5", "Setting up Azure Key Vault, step 3: choose the Azure role-based access control permission model", set()),
    ("MG6-disabled", "Setting up Azure Key Vault, step 4: enable public access", {"MG1", "MG2", "MG3", "MG4"}),
    ("MG6-firewall", "Setting up Azure Key Vault, step 4: enable public access", {"MG1", "MG2", "MG3", "MG4"}),
    ("MG7", "Using your existing Azure Key Vault, steps 3-7: add the role assignment Key Vault Crypto User", set()),
]


@pytest.mark.parametrize("broken, step, unchecked", CASES, ids=[c[0] for c in CASES])
def test_each_missing_portal_step_is_found_by_the_doctor_and_by_the_run(emulator, tenant_setup, registrations,
                                                                           broken, step, unchecked):
    tenant_setup(broken)
    requirement = broken.split("-")[0]

    result = doctor(emulator)
    assert result.returncode == 3, result.stdout + result.stderr
    found = verdicts(result.stdout)
    assert {k for k, v in found.items() if v == "FAIL"} == {requirement}, result.stdout
    assert {k for k, v in found.items() if v == "SKIP"} == unchecked, result.stdout
    lines = result.stdout.splitlines()
    failing = next(i for i, line in enumerate(lines) if line.startswith(f"FAIL {requirement} "))
    assert lines[failing + 1].startswith(f"     fix: {step}"), lines[failing + 1]
    assert lines[failing + 2].startswith("     in the portal: \""), lines[failing + 2]

    destination = registrations.container() / f"doctor-{uuid.uuid4().hex[:8]}"
    run = agent("run", "--connection", str(Path(emulator.data_dir) / "connection.json"),
                "--app", emulator.conn.data_connect_app.client_id, "--dataset", DATASET, "--destination", str(destination),
                "--rows", "4", "--files", "1")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stderr.startswith("warning: encryption is not set up, so the data is delivered UNENCRYPTED"), run.stderr
    assert step in run.stderr, run.stderr


def test_a_registration_without_encryption_fails_mg8(emulator, registrations, tenant_setup):
    name = tenant_setup()
    registrations.register_and_approve()                       # encryption off
    result = doctor(emulator)
    assert result.returncode == 3
    assert {k for k, v in verdicts(result.stdout).items() if v != "PASS"} == {"MG1", "MG2", "MG3", "MG4", "MG5", "MG6", "MG7", "MG8"}
    assert "FAIL MG8 vault selected in the app registration: the registration does not enable encryption" in result.stdout
    with_vault = agent("doctor", "--connection", str(Path(emulator.data_dir) / "connection.json"),
                       "--app", emulator.conn.data_connect_app.client_id, "--vault", emulator.conn.vault_url(name))
    assert {k for k, v in verdicts(with_vault.stdout).items() if v != "PASS"} == {"MG8"}, with_vault.stdout
