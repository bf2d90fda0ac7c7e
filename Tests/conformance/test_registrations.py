"""Data Connect app registrations and admin approval against the real emulator.

Each approval state and each of the eight run checks fails a run on its own, with its code, both
through the agent (exit 6, nothing written) and through the REST API (403 with the code). The
Global Administrator's literal refusals come from Microsoft's documentation. Tests that move the
emulator clock or grant roles to the application start their own emulator.
"""

from __future__ import annotations

import json
import subprocess
import uuid
from pathlib import Path

import pytest

import harness

DATASET = harness.MESSAGE_DATASET
OTHER_TENANT = "5f0e0000-0000-4000-8000-000000000009"
GROUP_A = "7d0c5a52-1111-4f4f-9a9a-00000000000a"
FILTER = "https://graph.microsoft.com/v1.0/users?$filter=Department eq 'Finance'"


def agent_binary() -> Path:
    return harness.emulator_binary().parent / "dataconnect-agent"


def cli(conn_path: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(harness.emulator_binary()), "dataconnect", *args, "--connection", conn_path],
                          capture_output=True, text=True, timeout=60)


def run_agent(conn_path: str, app_id: str, *extra: str) -> subprocess.CompletedProcess:
    """A small run (12 rows, 2 files, seed 3 unless `extra` says otherwise)."""
    defaults = [arg for name, value in (("--rows", "12"), ("--files", "2"), ("--seed", "3")) if name not in extra
                for arg in (name, value)]
    return subprocess.run([str(agent_binary()), "run", "--connection", conn_path, "--app", app_id, "--dataset", DATASET,
                           *defaults, *extra], capture_output=True, text=True, timeout=120)


def drop_of(result: subprocess.CompletedProcess) -> Path:
    return Path(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def session(emulator, registrations):
    """(connection.json path, registrations) of the session emulator, starting from no registration."""
    registrations.tenant_call("DELETE")
    return str(Path(emulator.data_dir) / "connection.json"), registrations


def assert_refused(result: subprocess.CompletedProcess, code: str, destination: Path | None = None):
    assert result.returncode == 6, result.stdout + result.stderr
    assert result.stderr.startswith(f"dataconnect-agent: {code}: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    if destination is not None:
        assert not destination.exists(), "a refused run writes nothing"


# --------------------------------------------------------------------------- the whole path by the CLI


def test_register_approve_run_and_decrypt_with_the_cli_and_the_agent(session, conn, make_vault, assign_role,
                                                                      key_client_for, admin_cred, tmp_path):
    conn_path, registrations = session
    vault = make_vault()
    assign_role(vault.id, harness.KEY_VAULT_CRYPTO_OFFICER, conn.admin.object_id)
    assign_role(vault.id, harness.KEY_VAULT_CRYPTO_USER, conn.data_connect_app.object_id)
    key_client_for(vault.name, admin_cred).create_rsa_key(conn.tenant_id, size=2048, expires_on=_in_days(90))
    app = conn.data_connect_app.client_id

    registered = cli(conn_path, "register", "--app", app, "--resource-group", registrations.resource_group,
                     "--storage-account", "lake1", "--container", "mgdc", "--dataset", DATASET, "--vault", vault.name,
                     "--description", "CLI pipeline")
    assert registered.returncode == 0, registered.stderr
    resource = json.loads(registered.stdout)
    assert resource["properties"]["authorization"]["status"] == "Pending"
    assert resource["properties"]["encryption"]["keyVaultUri"] == conn.vault_url(vault.name) + "/"

    pending = run_agent(conn_path, app)
    assert_refused(pending, "AuthorizationPending")

    own_approval = cli(conn_path, "approve", "--app", app, "--as", "admin")
    assert own_approval.returncode == 1
    assert "NotGlobalAdministrator" in own_approval.stderr
    approved = cli(conn_path, "approve", "--app", app)
    assert approved.returncode == 0, approved.stderr
    assert json.loads(approved.stdout)["properties"]["authorization"]["status"] == "Approved"

    run = run_agent(conn_path, app, "--require-encryption")
    assert run.returncode == 0, run.stdout + run.stderr
    drop = drop_of(run)
    assert drop.parent == registrations.container().resolve()
    report = json.loads((drop / "metadata" / "run.json").read_text())
    assert report["encrypted"] is True
    assert report["registration"]["revision"] == 1

    decrypted = subprocess.run([str(agent_binary()), "decrypt", "--connection", conn_path, "--drop", str(drop),
                                "--output", str(tmp_path / "clear")], capture_output=True, text=True, timeout=120)
    assert decrypted.returncode == 0, decrypted.stderr
    assert decrypted.stdout.strip().endswith("verified 2 files, 12 rows")

    listed = json.loads(cli(conn_path, "list").stdout)
    assert [r["name"] for r in listed["value"]] == [app]
    deleted = cli(conn_path, "delete", "--app", app)
    assert deleted.returncode == 0, deleted.stderr
    assert_refused(run_agent(conn_path, app), "AppNotAuthorized")


# --------------------------------------------------------------------------- approval states


def test_pending_and_denied_registrations_fail_runs(session):
    conn_path, registrations = session
    app = registrations.app_id
    registrations.register()
    assert registrations.status() == "Pending"
    destination = registrations.container() / f"pending-{uuid.uuid4().hex[:8]}"
    assert_refused(run_agent(conn_path, app, "--destination", str(destination)), "AuthorizationPending", destination)

    registrations.approve()
    registrations.deny("scope too wide")
    assert registrations.status() == "Denied"
    denied = run_agent(conn_path, app, "--destination", str(destination))
    assert_refused(denied, "AuthorizationDenied", destination)
    assert "(reason: scope too wide)" in denied.stderr

    # A change after a denial is a new request: Pending again.
    registrations.register(container="other")
    assert registrations.status() == "Pending"


def test_update_available_runs_on_the_approved_definition_until_re_approved(session):
    conn_path, registrations = session
    app = registrations.app_id
    registrations.register_and_approve()                 # container mgdc
    registrations.register(container="newplace")         # changes the destination
    assert registrations.status() == "UpdateAvailable"

    old = run_agent(conn_path, app, "--destination", str(registrations.container() / "still-here"))
    assert old.returncode == 0, old.stderr
    report = json.loads((drop_of(old) / "metadata" / "run.json").read_text())
    assert report["registration"]["status"] == "UpdateAvailable"
    assert report["registration"]["revision"] == 1
    assert report["encrypted"] is False and report["status"] == "Succeeded"

    new_place = registrations.container(container="newplace") / "runs"
    assert_refused(run_agent(conn_path, app, "--destination", str(new_place)), "DestinationNotAuthorized", new_place)
    registrations.approve()
    assert run_agent(conn_path, app, "--destination", str(new_place)).returncode == 0


# --------------------------------------------------------------------------- the eight checks, each alone


CHECKS = [
    # (code, registration properties, agent options, REST body changes)
    ("AppNotAuthorized", None, [], {}),
    ("ApplicationTenantMismatch", {"publishType": "MultiTenant", "applicationTenantId": OTHER_TENANT}, [], {}),
    ("DatasetNotAuthorized", {"datasets": [{"name": "BasicDataSet_v0.User_v1"}]}, [], {}),
    ("ColumnsNotAuthorized", {"datasets": [{"name": DATASET, "columns": ["subject", "sender"]}]}, [], {"columns": ["subject", "body"]}),
    ("DestinationTenantMismatch", {}, ["--destination-tenant", OTHER_TENANT], {"destination": {"tenantId": OTHER_TENANT}}),
    ("DestinationNotAuthorized", {}, ["--destination", "/tmp/outside-{unique}"], {"destination": {"path": "/tmp"}}),
    ("ScopeNotAuthorized", {"datasets": [{"name": DATASET, "scope": {"type": "Groups", "groups": [GROUP_A]}}]}, [], {}),
    ("ScopeNotAuthorized", {"datasets": [{"name": DATASET, "scope": {"type": "Filter", "filterUri": FILTER}}]},
     ["--scope-filter", FILTER + " and City eq 'Oslo'"], {"scope": {"type": "Filter", "filterUri": FILTER + " "}}),
]


@pytest.mark.parametrize("code, properties, options, rest", CHECKS, ids=[f"{c[0]}-{i}" for i, c in enumerate(CHECKS)])
def test_each_run_check_fails_alone_with_its_code(session, code, properties, options, rest):
    conn_path, registrations = session
    if properties is not None:
        registrations.register(**properties)
        registrations.approve()
    unique = uuid.uuid4().hex[:8]
    options = [option.replace("{unique}", unique) for option in options]
    destination = Path(options[options.index("--destination") + 1]) if "--destination" in options \
        else registrations.container() / f"check-{unique}"
    if "--destination" not in options:
        options += ["--destination", str(destination)]
    assert_refused(run_agent(conn_path, registrations.app_id, *options), code, destination)

    body = {"dataset": DATASET, "columns": ["subject"], **rest}
    response = registrations.authorize_run(body)
    harness.assert_azure_error(response, 403, code)


def test_scopes_that_match_pass(session):
    conn_path, registrations = session
    registrations.register(datasets=[{"name": DATASET, "scope": {"type": "Filter", "filterUri": FILTER}},
                                     {"name": "BasicDataSet_v0.User_v1", "scope": {"type": "Groups", "groups": [GROUP_A]}}])
    registrations.approve()
    exact = run_agent(conn_path, registrations.app_id, "--scope-filter", FILTER)
    assert exact.returncode == 0, exact.stderr
    response = registrations.authorize_run({"dataset": "BasicDataSet_v0.User_v1", "columns": ["id"],
                                            "scope": {"type": "Groups", "groups": [GROUP_A.upper()]}})
    assert response.status_code == 200, response.text
    assert response.json()["dataset"]["scope"] == {"type": "Groups", "groups": [GROUP_A]}


def test_runs_inside_the_container_pass_and_land_there(session):
    conn_path, registrations = session
    registrations.register_and_approve()
    result = run_agent(conn_path, registrations.app_id)     # no --destination: the container itself
    assert result.returncode == 0, result.stderr
    assert drop_of(result).parent == registrations.container().resolve()
    nested = registrations.container() / "a" / ".." / "b"
    assert run_agent(conn_path, registrations.app_id, "--destination", str(nested)).returncode == 0


# --------------------------------------------------------------------------- the admin center's rules


def test_the_global_administrators_literal_refusals(session, conn):
    _, registrations = session
    registrations.register(owners=[conn.global_admin.object_id])
    as_owner = registrations.tenant_call("POST", "/approve", cred=registrations.approver, json={})
    assert harness.assert_azure_error(as_owner, 403, "ApproverIsOwner") == "App approver and owner cannot be the same user."

    by_developer = registrations.tenant_call("POST", "/approve", cred=registrations.developer, json={})
    harness.assert_azure_error(by_developer, 403, "NotGlobalAdministrator")
    by_app = registrations.tenant_call("POST", "/deny", cred=registrations.app, json={})
    harness.assert_azure_error(by_app, 403, "NotGlobalAdministrator")

    assert registrations.tenant_call("DELETE").status_code == 200
    gone = registrations.tenant_call("POST", "/approve", cred=registrations.approver, json={})
    assert harness.assert_azure_error(gone, 404, "AppRegistrationNotFound") == \
        "App registration not found. It is possible someone deleted this app."


def test_a_stale_review_is_refused(session):
    _, registrations = session
    registrations.register()
    registrations.register(container="elsewhere")
    stale = registrations.tenant_call("POST", "/approve", cred=registrations.approver, json={"revision": 1})
    harness.assert_azure_error(stale, 409, "RegistrationChanged")
    assert registrations.approve(json={"revision": 2})["properties"]["authorization"]["approvedRevision"] == 2


def test_validation_errors_name_the_property(session, conn):
    _, registrations = session
    bad = registrations.put(harness.registration_body(conn, account="Not_Valid"))
    message = harness.assert_azure_error(bad, 400, "BadRequest")
    assert message == "The storage account name 'Not_Valid' is invalid: use 3-24 lower-case letters and digits."
    missing_vault = registrations.put(harness.registration_body(conn, vault_name="nosuchvault123"))
    harness.assert_azure_error(missing_vault, 400, "KeyVaultNotFound")
    unknown_app = registrations.put(harness.registration_body(conn), app_id=str(uuid.uuid4()))
    harness.assert_azure_error(unknown_app, 400, "ApplicationNotFound")


# --------------------------------------------------------------------------- an emulator of our own


@pytest.fixture
def own(tmp_path):
    """A fresh emulator (its clock and roles may change), with a resource group for registrations."""
    process = harness.EmulatorProcess(tmp_path / "data")
    try:
        conn = process.start()
    except harness.EmulatorStartError as error:
        pytest.fail(str(error), pytrace=False)
    raw = harness.Raw(conn)
    registrations = harness.Registrations(conn, raw, process.data_dir, "rg-own")
    token = registrations.token(registrations.developer)
    created = raw.management("PUT", f"/subscriptions/{conn.subscription_id}/resourcegroups/rg-own", token=token,
                             api_version="2022-09-01", json={"location": "westus"})
    assert created.status_code in (200, 201), created.text
    yield conn, registrations, str(process.connection_path)
    assert process.stop() == 0


def test_approvals_expire_after_180_days_on_the_emulator_clock(own):
    conn, registrations, conn_path = own
    registrations.register_and_approve()
    assert run_agent(conn_path, registrations.app_id).returncode == 0

    admin_token = registrations.token(registrations.developer)
    moved = registrations.raw.request("POST", f"{conn.localhost_url}/admin/clock", token=admin_token,
                                      json={"advanceSeconds": 180 * 86400 - 120})
    assert moved.status_code == 200, moved.text
    fresh = harness.Registrations(conn, registrations.raw, registrations.data_dir, "rg-own")   # tokens from the new time
    assert fresh.status() == "Approved"
    assert run_agent(conn_path, fresh.app_id).returncode == 0

    registrations.raw.request("POST", f"{conn.localhost_url}/admin/clock", token=admin_token, json={"advanceSeconds": 120})
    later = harness.Registrations(conn, registrations.raw, registrations.data_dir, "rg-own")
    assert later.status() == "Expired"
    expired = run_agent(conn_path, later.app_id)
    assert_refused(expired, "AuthorizationExpired")
    assert "approvals last 180 days" in expired.stderr

    later.approve()                                        # renewal
    assert later.status() == "Approved"
    assert run_agent(conn_path, later.app_id).returncode == 0


def test_only_owners_or_the_global_administrator_change_a_registration(own):
    conn, registrations, _ = own
    registrations.register()
    # The application gets Contributor on the resource group: ARM lets it write, ownership does not.
    group = f"/subscriptions/{conn.subscription_id}/resourceGroups/rg-own"
    contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c"
    assigned = registrations.raw.management(
        "PUT", f"{group}/providers/Microsoft.Authorization/roleAssignments/{uuid.uuid4()}",
        token=registrations.token(registrations.developer), api_version="2022-04-01",
        json={"properties": {"roleDefinitionId": harness.role_definition_id(conn, contributor),
                             "principalId": conn.data_connect_app.object_id, "principalType": "ServicePrincipal"}})
    assert assigned.status_code == 201, assigned.text
    change = registrations.put(harness.registration_body(conn, container="takeover"), cred=registrations.app)
    message = harness.assert_azure_error(change, 403, "NotApplicationOwner")
    assert message == (f"Only the owners of application '{registrations.app_id}' or a Global Administrator can change "
                       "its Microsoft Graph Data Connect registration.")
    delete = registrations.raw.management("DELETE", harness.registration_path(conn, "rg-own", registrations.app_id),
                                          token=registrations.token(registrations.app), api_version=harness.REGISTRATIONS_API_VERSION)
    harness.assert_azure_error(delete, 403, "NotApplicationOwner")
    # The application still reads its own registration; the Global Administrator deletes it.
    assert registrations.tenant_call("GET", cred=registrations.app).status_code == 200
    assert registrations.tenant_call("DELETE", cred=registrations.approver).status_code == 200


def _in_days(days: int):
    import datetime
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)


# --------------------------------------------------------------------------- what the registration allows is what is delivered


def read_rows(drop: Path) -> list[dict]:
    report = json.loads((drop / "metadata" / "run.json").read_text())
    assert report["encrypted"] is False
    return [json.loads(line) for entry in report["files"] for line in (drop / entry["name"]).read_text().splitlines()]


def test_authorized_columns_and_group_scope_are_what_the_drop_holds(session):
    conn_path, registrations = session
    columns = ["subject", "sender", "receivedDateTime"]
    # The identity columns every row carries (puser, ptenant) need not be listed.
    registrations.register(datasets=[{"name": DATASET, "columns": columns,
                                      "scope": {"type": "Groups", "groups": ["finance", "sales"]}}])
    registrations.approve()
    app = registrations.app_id

    # Asking for more columns, or for all users, is refused; the authorized subset passes.
    assert_refused(run_agent(conn_path, app, "--scope-groups", "finance"), "ColumnsNotAuthorized")
    assert_refused(run_agent(conn_path, app, "--columns", ",".join(columns)), "ScopeNotAuthorized")
    assert_refused(run_agent(conn_path, app, "--columns", ",".join(columns), "--scope-groups", "finance,people"), "ScopeNotAuthorized")

    scoped = run_agent(conn_path, app, "--columns", ",".join(columns), "--scope-groups", "FINANCE", "--seed", "5",
                       "--rows", "200", "--files", "4")
    assert scoped.returncode == 0, scoped.stderr
    rows = read_rows(drop_of(scoped))
    report = json.loads((drop_of(scoped) / "metadata" / "run.json").read_text())
    assert report["columns"] == ["receivedDateTime", "subject", "sender", "puser", "ptenant"]
    assert all(list(row)[:5] == report["columns"] for row in rows)
    assert all(set(row) == set(report["columns"] + report["systemColumns"]) for row in rows)

    # The scope is honoured: the finance group's 4 mailboxes, a strict subset of the whole tenant's.
    registrations.register(datasets=[{"name": DATASET, "columns": columns}])
    registrations.approve()
    everyone = run_agent(conn_path, app, "--columns", ",".join(columns), "--seed", "5", "--rows", "200", "--files", "4")
    assert everyone.returncode == 0, everyone.stderr
    all_users = {row["puser"] for row in read_rows(drop_of(everyone))}
    finance = {row["puser"] for row in rows}
    assert len(finance) <= 4 and finance < all_users
