"""Fixtures of the conformance suite: one emulator for the session, credentials, SDK clients.

Tests that restart or kill the emulator start their own (test_durability.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Optional

import pytest

import harness

# The suite must see only what it sets itself (make test blanks these too).
harness.scrub_environment()


def pytest_sessionstart(session):
    """No binary is a failure with one clear message, never a silent skip."""
    if session.config.option.collectonly:
        return
    binary = harness.emulator_binary()
    if not binary.is_file():
        pytest.exit(harness.missing_binary_message(binary), returncode=1)


@dataclass(frozen=True)
class Emulator:
    conn: harness.Connection
    data_dir: object
    process: harness.EmulatorProcess


@dataclass(frozen=True)
class Vault:
    name: str
    resource_group: str
    id: str
    url: str


@pytest.fixture(scope="session")
def emulator(tmp_path_factory):
    """The session's emulator: started on port 0 in a fresh data directory, stopped with SIGTERM.

    It also runs the private-endpoint listener (any free port, in connection.json), which the
    network tests use as the approved private link.
    """
    process = harness.EmulatorProcess(tmp_path_factory.mktemp("emulator") / "data",
                                      extra_args=("--private-endpoint-port", "0"))
    try:
        conn = process.start()
    except harness.EmulatorStartError as error:
        # Every test needs it: stop the run with one message rather than an error per test.
        pytest.exit(f"the session emulator did not start: {error}", returncode=1)
    yield Emulator(conn=conn, data_dir=process.data_dir, process=process)
    code = process.stop()
    assert code == 0, f"emulator exited with {code} after SIGTERM (expected 0)\n{process.log_tail()}"


@pytest.fixture(scope="session")
def conn(emulator) -> harness.Connection:
    return emulator.conn


@pytest.fixture(scope="session")
def admin_cred(conn):
    """The bootstrap admin: Owner of the subscription, no data actions until a role is assigned."""
    return harness.credential(conn, conn.admin)


@pytest.fixture(scope="session")
def app_cred(conn):
    """The Data Connect application's service principal: no roles at start."""
    return harness.credential(conn, conn.data_connect_app)


@pytest.fixture(scope="session")
def mgmt(conn, admin_cred):
    """ARM clients acting as the admin."""
    return SimpleNamespace(
        keyvault=harness.keyvault_management_client(conn, admin_cred),
        authorization=harness.authorization_management_client(conn, admin_cred),
        resources=harness.resource_management_client(conn, admin_cred),
    )


@pytest.fixture(scope="session")
def resource_group(mgmt) -> str:
    name = "rg-test"
    mgmt.resources.resource_groups.create_or_update(name, {"location": "westus"})
    return name


@pytest.fixture(scope="session")
def vault_properties(conn):
    """The `properties` of a vault created the way the seed's portal steps create it."""

    def build(rbac: bool = True, public: bool = True) -> dict:
        return {
            "tenantId": conn.tenant_id,
            "sku": {"family": "A", "name": "standard"},
            "enableRbacAuthorization": rbac,
            "publicNetworkAccess": "Enabled" if public else "Disabled",
            "accessPolicies": [],
        }

    return build


@pytest.fixture(scope="session")
def make_vault(conn, mgmt, resource_group, vault_properties):
    """make_vault(name=None, rbac=True, public=True, **properties) -> Vault, created through the
    ARM SDK (LRO)."""

    def create(name: Optional[str] = None, rbac: bool = True, public: bool = True,
               **properties) -> Vault:
        """Extra keyword arguments are vault properties (sku, softDeleteRetentionInDays, ...)."""
        name = name or harness.unique_vault_name()
        poller = mgmt.keyvault.vaults.begin_create_or_update(
            resource_group, name,
            {"location": "westus",
             "properties": {**vault_properties(rbac=rbac, public=public), **properties}})
        vault = poller.result()
        return Vault(name=name, resource_group=resource_group, id=vault.id, url=conn.vault_url(name))

    return create


@pytest.fixture(scope="session")
def assign_role(conn, mgmt):
    """assign_role(scope, role_guid, principal_object_id) -> RoleAssignment (fresh uuid4 name)."""
    from azure.mgmt.authorization.v2022_04_01.models import RoleAssignmentCreateParameters
    import uuid

    def assign(scope: str, role_guid: str, principal_object_id: str):
        return mgmt.authorization.role_assignments.create(
            scope, str(uuid.uuid4()),
            RoleAssignmentCreateParameters(
                role_definition_id=harness.role_definition_id(conn, role_guid),
                principal_id=principal_object_id, principal_type="ServicePrincipal"))

    return assign


@pytest.fixture(scope="session")
def key_client_for(conn):
    """key_client_for(vault_name, cred) -> KeyClient."""
    return lambda vault_name, cred: harness.key_client(conn, vault_name, cred)


@pytest.fixture(scope="session")
def raw(conn) -> harness.Raw:
    return harness.Raw(conn)


@pytest.fixture(scope="session")
def officer_vault(make_vault, assign_role, conn) -> Vault:
    """An RBAC vault on which the admin is Key Vault Crypto Officer (may create and use keys)."""
    vault = make_vault()
    assign_role(vault.id, harness.KEY_VAULT_CRYPTO_OFFICER, conn.admin.object_id)
    return vault


@pytest.fixture(scope="session")
def admin_keys(officer_vault, key_client_for, admin_cred):
    """KeyClient of the admin on officer_vault."""
    return key_client_for(officer_vault.name, admin_cred)


@pytest.fixture
def key_name(request) -> str:
    """A key name unique to the test (letters, digits and '-')."""
    import re
    import uuid
    return f"k-{re.sub(r'[^0-9A-Za-z-]', '-', request.node.name[:40])}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def emulator_clock(conn, raw):
    """emulator_clock(offset_seconds): shifts the session emulator's clock through the admin API
    (`POST /admin/clock {"offsetSeconds": N}`); always reset to 0 when the test ends. Tokens cached
    by the session credentials expire in the emulator's eyes while it is shifted: use fresh
    credentials (harness.credential) inside the shift."""

    def set_offset(seconds: float) -> dict:
        token = harness.credential(conn, conn.admin).get_token(conn.management_scope).token
        response = raw.request("POST", f"{conn.localhost_url}/admin/clock", token=token,
                               json={"offsetSeconds": seconds})
        assert response.status_code == 200, response.text
        return response.json()

    yield set_offset
    set_offset(0)


@pytest.fixture(scope="session")
def make_officer_vault(make_vault, assign_role, conn):
    """make_officer_vault(**properties) -> Vault on which the admin is Key Vault Crypto Officer."""

    def create(**properties) -> Vault:
        vault = make_vault(**properties)
        assign_role(vault.id, harness.KEY_VAULT_CRYPTO_OFFICER, conn.admin.object_id)
        return vault

    return create


@pytest.fixture(scope="session")
def registrations(conn, raw, emulator, resource_group) -> harness.Registrations:
    """The Data Connect registration API of the session emulator (developer = admin, approver =
    the Global Administrator)."""
    return harness.Registrations(conn, raw, emulator.data_dir, resource_group)


@pytest.fixture(scope="session")
def directory(conn, raw):
    """The emulator's directory through the admin API, plus raw tokens and ARM calls (access.py)."""
    import access
    return access.Directory(conn, raw)


# Cells of the permission matrices (test_permission_matrix.py, test_network.py), by matrix.
MATRIX_CELLS: dict = {}


@pytest.fixture(scope="session")
def matrix_cells() -> dict:
    return MATRIX_CELLS


def pytest_terminal_summary(terminalreporter):
    """One line with the size of every matrix that ran; each matrix test fails on any unexpected
    allow or denial, so a passing run means zero of either."""
    if MATRIX_CELLS:
        parts = ", ".join(f"{name} {count}" for name, count in MATRIX_CELLS.items())
        terminalreporter.write_line(f"permission matrix: {sum(MATRIX_CELLS.values())} cells ({parts})")
