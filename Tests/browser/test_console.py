"""The portal console in Chromium: the seed's three tabs walked through the UI, then the state
they leave checked with Microsoft's SDKs, as Tests/conformance/test_portal_steps.py does."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from azure.core.exceptions import HttpResponseError
from azure.keyvault.keys.crypto import EncryptionAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from selenium.webdriver.common.by import By

import harness
from conftest import start_chromium

RESOURCE_GROUP = "dataconnect-rg"
VAULT = "lobencryption-demo"


def sdk(conn):
    admin = harness.credential(conn, conn.admin)
    app = harness.credential(conn, conn.data_connect_app)
    return (admin, app, harness.keyvault_management_client(conn, admin),
            harness.authorization_management_client(conn, admin))


def test_sign_in_keeps_tokens_in_memory_only(browser, conn):
    browser.open()
    browser.shot("sign-in")
    # Placeholders hint at the well-known admin; the fields themselves start empty.
    assert browser.css("#tenant-id").get_attribute("placeholder") == conn.tenant_id
    assert browser.css("#client-id").get_attribute("placeholder") == conn.admin.client_id
    assert browser.css("#tenant-id").get_attribute("value") == ""
    assert browser.css("#client-secret").get_attribute("value") == ""

    browser.sign_in(conn.tenant_id, conn.admin.client_id, conn.admin.client_secret)
    assert browser.css("[data-testid='signed-in-as']").text == "emulator-admin"
    browser.wait_css("[data-testid='tile-keyvaults']")
    browser.shot("home")
    stored = browser.driver.execute_script(
        "return [document.cookie, localStorage.length, sessionStorage.length]")
    assert stored == ["", 0, 0]
    assert browser.driver.get_cookies() == []

    # Signing out forgets the tokens: the next page asks for credentials again.
    browser.click("[data-testid='sign-out']")
    browser.wait_css("#tenant-id")


def test_bad_client_secret_shows_the_authority_error(browser, conn):
    browser.open()
    browser.sign_in(conn.tenant_id, conn.admin.client_id, "not-the-secret", expect_success=False)
    error = browser.error_box()
    browser.shot("bad-secret")
    assert error["title"] == "401 Unauthorized"
    assert error["code"] == "invalid_client"
    assert error["message"].startswith("AADSTS7000215: Invalid client secret provided.")
    assert not browser.all_css("[data-testid='signed-in-as']")


def test_portal_walkthrough_through_the_console(browser, conn):
    browser.open()
    browser.sign_in(conn.tenant_id, conn.admin.client_id, conn.admin.client_secret)

    # "Setting up Azure Key Vault", steps 1-5.
    browser.create_vault(RESOURCE_GROUP, VAULT, "westus", rbac=True, public=True)
    assert browser.css("[data-testid='permission-model']").text == "Azure role-based access control"
    assert browser.css("[data-testid='public-network-access']").text == "Enabled"
    assert browser.css("[data-testid='vault-uri']").text == f"https://{VAULT}.{conn.vault_dns_suffix}/"

    # Readiness before the other tabs: the vault is right, the role and the key are missing.
    before = browser.readiness()
    browser.shot("readiness-before")
    assert before == {"permission-model": "pass", "public-access": "pass", "crypto-user": "fail",
                      "key-exists": "unknown", "key-rsa-2048": "unknown", "key-expiration": "unknown",
                      "summary": "fail"}, before
    # The admin (Owner) has no data action yet, and the page says why with the vault's own error.
    finding = browser.css("tr[data-check='key-exists'] .finding").text
    assert "403 Forbidden" in finding and "ForbiddenByRbac" in finding

    # "Using your existing Azure Key Vault", steps 3-7, picking the app from the directory...
    browser.add_role_assignment("Key Vault Crypto User", principal_name="Data Connect application", label="crypto-user")
    # ...and Crypto Officer for the admin, by object id, so that it may generate the key.
    browser.add_role_assignment("Key Vault Crypto Officer", object_id=conn.admin.object_id, label="crypto-officer")
    listed = browser.css("[data-testid='role-assignments']").text
    assert "Data Connect application" in listed and "emulator-admin" in listed and "Owner" in listed

    # "Generating RSA keys with your Azure Key Vault", steps 2-5.
    local_expiry = (datetime.now(timezone.utc) + timedelta(days=365)).strftime("%Y-%m-%dT%H:%M")
    expires = browser.generate_key(conn.tenant_id, size=2048, expires_local=local_expiry)
    browser.wait_css(f"[data-testid='key-{conn.tenant_id}']")
    browser.shot("keys")
    row = browser.css(f"[data-testid='key-list'] tbody tr").text
    assert "RSA 2048" in row and "Enabled" in row
    browser.click(f"[data-testid='key-{conn.tenant_id}']")
    browser.wait_css("[data-testid='current-version'] a").click()
    assert browser.wait_css("[data-testid='key-size']").text == "2048"
    assert browser.css("[data-testid='key-type']").text == "RSA"
    assert "UTC" in browser.css("[data-testid='key-expires']").text
    browser.shot("key-version")

    after = browser.readiness()
    browser.shot("readiness-after")
    assert set(after.values()) == {"pass"}, after
    assert len(after) == 7

    assert_state_through_sdks(conn, expires)


def assert_state_through_sdks(conn, expires_unix: int):
    """What the console left, read back with azure-mgmt-keyvault, azure-mgmt-authorization and
    azure-keyvault-keys, with the assertions of test_portal_steps.py."""
    admin, app, keyvault_mgmt, authorization = sdk(conn)
    vault = keyvault_mgmt.vaults.get(RESOURCE_GROUP, VAULT)
    assert vault.name == VAULT
    assert vault.location == "westus"
    assert vault.properties.enable_rbac_authorization is True
    assert vault.properties.public_network_access == "Enabled"
    assert vault.properties.provisioning_state == "Succeeded"
    assert vault.properties.sku.name == "standard"
    assert vault.properties.tenant_id == conn.tenant_id
    assert vault.properties.vault_uri == f"https://{VAULT}.{conn.vault_dns_suffix}/"

    assignments = list(authorization.role_assignments.list_for_scope(vault.id, filter="atScope()"))
    at_vault = {(a.principal_id, a.role_definition_id.lower().rsplit("/", 1)[1])
                for a in assignments if a.scope.lower() == vault.id.lower()}
    assert at_vault == {(conn.data_connect_app.object_id, harness.KEY_VAULT_CRYPTO_USER),
                        (conn.admin.object_id, harness.KEY_VAULT_CRYPTO_OFFICER)}
    user = next(a for a in assignments if a.principal_id == conn.data_connect_app.object_id)
    assert user.principal_type == "ServicePrincipal"

    expires = datetime.fromtimestamp(expires_unix, timezone.utc)
    app_keys = harness.key_client(conn, VAULT, app)
    key = app_keys.get_key(conn.tenant_id)
    assert key.name == conn.tenant_id
    assert key.key_type == "RSA"
    assert len(key.key.n) == 256 and key.key.n[0] != 0, "2048-bit modulus"
    assert key.key.e == b"\x01\x00\x01"
    assert key.properties.expires_on == expires
    assert key.properties.enabled is True
    assert key.id == f"{conn.vault_url(VAULT)}/keys/{conn.tenant_id}/{key.properties.version}"

    # Crypto User cannot create keys: 403 Forbidden / ForbiddenByRbac.
    with pytest.raises(HttpResponseError) as denied:
        app_keys.create_rsa_key("created-by-app", size=2048)
    assert harness.sdk_error_codes(denied.value) == ("Forbidden", "ForbiddenByRbac")

    # A delivery's AES key wrapped locally with the public key, unwrapped by the vault for the app.
    aes_key = bytes(range(32))
    wrapped = harness.rsa_public_key(key.key.n, key.key.e).encrypt(
        aes_key, padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None))
    result = harness.crypto_client(conn, key.id, app).decrypt(EncryptionAlgorithm.rsa_oaep_256, wrapped)
    assert result.plaintext == aes_key


def test_data_connect_app_is_denied_key_generation(browser, conn):
    # The vault as the portal steps leave it, set up through the SDKs.
    admin, app, keyvault_mgmt, authorization = sdk(conn)
    harness.resource_management_client(conn, admin).resource_groups.create_or_update(RESOURCE_GROUP, {"location": "westus"})
    vault = keyvault_mgmt.vaults.begin_create_or_update(RESOURCE_GROUP, VAULT, {"location": "westus", "properties": {
        "tenantId": conn.tenant_id, "sku": {"family": "A", "name": "standard"}, "enableRbacAuthorization": True,
        "publicNetworkAccess": "Enabled", "accessPolicies": []}}).result()
    from azure.mgmt.authorization.v2022_04_01.models import RoleAssignmentCreateParameters
    import uuid
    authorization.role_assignments.create(vault.id, str(uuid.uuid4()), RoleAssignmentCreateParameters(
        role_definition_id=harness.role_definition_id(conn, harness.KEY_VAULT_CRYPTO_USER),
        principal_id=conn.data_connect_app.object_id, principal_type="ServicePrincipal"))

    browser.open()
    browser.sign_in(conn.tenant_id, conn.data_connect_app.client_id, conn.data_connect_app.client_secret)
    assert browser.css("[data-testid='signed-in-as']").text == "Data Connect application"
    browser.go(browser.vault_fragment(RESOURCE_GROUP, VAULT, "keys"))
    # The app may not read the vault through ARM (its role has data actions only) but may list keys.
    arm_error = browser.error_box()
    assert arm_error["code"] == "AuthorizationFailed"
    browser.wait_css("[data-testid='key-list']")
    browser.click("[data-testid='generate-import']")
    browser.type("#key-name", "created-by-app")
    browser.click("#create-key")
    browser.wait(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".wizard-status [data-testid='error']")) == 1)
    box = browser.css(".wizard-status [data-testid='error']")
    browser.shot("denied")
    assert box.find_element(By.CSS_SELECTOR, ".error-title").text == "403 Forbidden"
    assert box.find_element(By.CSS_SELECTOR, ".error-code").text == "Forbidden"
    assert box.find_element(By.CSS_SELECTOR, ".error-inner").text == "ForbiddenByRbac"
    message = box.find_element(By.CSS_SELECTOR, ".error-message").text
    assert message.startswith("Caller is not authorized to perform action on resource.")
    assert "Action: 'Microsoft.KeyVault/vaults/keys/create/action'" in message
    # Nothing was created.
    assert [k.name for k in harness.key_client(conn, VAULT, admin_officer(conn, vault.id, authorization)).list_properties_of_keys()] == []


def admin_officer(conn, scope, authorization):
    """The admin's credential after granting it Crypto Officer at `scope` (to list keys)."""
    from azure.mgmt.authorization.v2022_04_01.models import RoleAssignmentCreateParameters
    import uuid
    authorization.role_assignments.create(scope, str(uuid.uuid4()), RoleAssignmentCreateParameters(
        role_definition_id=harness.role_definition_id(conn, harness.KEY_VAULT_CRYPTO_OFFICER),
        principal_id=conn.admin.object_id, principal_type="ServicePrincipal"))
    return harness.credential(conn, conn.admin)


def test_tls_trust_comes_from_the_ca_not_from_ignoring_errors(tmp_path, conn):
    """Without the emulator's CA in its NSS database, the same Chromium refuses the console."""
    driver = start_chromium(tmp_path / "untrusting", None)
    try:
        driver.get(f"{conn.portal_url}/")
        source = driver.page_source
        assert "ERR_CERT_AUTHORITY_INVALID" in source, source[:500]
        assert not driver.find_elements(By.ID, "tenant-id")
    finally:
        driver.quit()
