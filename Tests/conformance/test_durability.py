"""The process: health, the connection file, graceful stop, and acknowledged writes surviving
kill -9. Tests here that restart or kill start their own emulator."""

import json
from pathlib import Path

import pytest

import harness


def test_health(raw, conn):
    response = raw.request("GET", f"{conn.localhost_url}/health")
    assert response.status_code == 200, response.text


def test_connection_file(emulator):
    conn = emulator.conn
    document = json.loads((Path(emulator.data_dir) / "connection.json").read_text())
    # DESIGN.md §3: these fields, exactly these names.
    for field in harness.Connection.REQUIRED:
        assert field in document, field
    for who in ("admin", "dataConnectApp"):
        assert set(harness.Connection.PRINCIPAL_FIELDS) <= set(document[who]), who
    port = conn.port
    assert isinstance(port, int) and port > 0, "--port 0 reports the port actually bound"
    assert Path(conn.ca_cert_file).is_absolute()
    assert Path(conn.ca_cert_file).resolve() == (Path(emulator.data_dir) / "tls" / "ca.pem").resolve()
    assert Path(conn.ca_cert_file).read_text().startswith("-----BEGIN CERTIFICATE-----")
    assert conn.authority_host == f"https://login.localhost:{port}"
    assert conn.management_endpoint == f"https://management.localhost:{port}"
    assert conn.vault_dns_suffix == f"vault.localhost:{port}"
    assert conn.portal_url == f"https://portal.localhost:{port}"
    assert conn.admin.object_id != conn.data_connect_app.object_id


def start_own(tmp_path) -> tuple[harness.EmulatorProcess, harness.Connection]:
    process = harness.EmulatorProcess(tmp_path / "data")
    try:
        return process, process.start()
    except harness.EmulatorStartError as error:
        pytest.fail(str(error), pytrace=False)


def seed_vault_with_key(conn, key_name):
    """Through the SDKs: resource group, RBAC vault, Crypto Officer for the admin, one key."""
    from azure.mgmt.authorization.v2022_04_01.models import RoleAssignmentCreateParameters
    import uuid

    cred = harness.credential(conn, conn.admin)
    harness.resource_management_client(conn, cred).resource_groups.create_or_update(
        "rg-durable", {"location": "westus"})
    name = harness.unique_vault_name("dur")
    vault = harness.keyvault_management_client(conn, cred).vaults.begin_create_or_update(
        "rg-durable", name, {"location": "westus", "properties": {
            "tenantId": conn.tenant_id, "sku": {"family": "A", "name": "standard"},
            "enableRbacAuthorization": True, "publicNetworkAccess": "Enabled",
            "accessPolicies": []}}).result()
    harness.authorization_management_client(conn, cred).role_assignments.create(
        vault.id, str(uuid.uuid4()), RoleAssignmentCreateParameters(
            role_definition_id=harness.role_definition_id(conn, harness.KEY_VAULT_CRYPTO_OFFICER),
            principal_id=conn.admin.object_id, principal_type="ServicePrincipal"))
    key = harness.key_client(conn, name, cred).create_rsa_key(key_name, size=2048)
    return name, key


def test_graceful_stop_exits_zero(tmp_path):
    process, conn = start_own(tmp_path)
    assert harness.Raw(conn).request("GET", f"{conn.localhost_url}/health").status_code == 200
    code = process.stop()
    assert code == 0, f"exit code {code} after SIGTERM\n{process.log_tail()}"


def test_acknowledged_writes_survive_kill_9(tmp_path):
    process, conn = start_own(tmp_path)
    try:
        vault_name, key = seed_vault_with_key(conn, "durable-key")
    finally:
        process.kill()  # kill -9 right after the 200: no shutdown path runs

    restarted = harness.EmulatorProcess(tmp_path / "data")
    try:
        conn2 = restarted.start()
    except harness.EmulatorStartError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        # Same bootstrap identities and CA on the same data directory; the port may differ.
        assert conn2.tenant_id == conn.tenant_id
        assert conn2.admin == conn.admin
        assert Path(conn2.ca_cert_file).read_bytes() == Path(conn.ca_cert_file).read_bytes()

        cred = harness.credential(conn2, conn2.admin)
        again = harness.key_client(conn2, vault_name, cred).get_key("durable-key")
        assert again.properties.version == key.properties.version
        assert again.key.n == key.key.n
        assert again.id == f"{conn2.vault_url(vault_name)}/keys/durable-key/{key.properties.version}"
    finally:
        code = restarted.stop()
    assert code == 0, f"exit code {code} after SIGTERM\n{restarted.log_tail()}"
