"""Page object of the portal console: what a person does on each screen, with screenshots."""

from __future__ import annotations

import base64
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT_SECONDS = 30


class ConsolePage:
    def __init__(self, driver, conn, screenshot_dir: Path, test_name: str):
        self.driver = driver
        self.conn = conn
        self.screenshot_dir = screenshot_dir
        self.test_name = test_name
        self.shots = 0

    # ------------------------------------------------------------------ basics

    def open(self, fragment: str = "") -> None:
        self.driver.get(f"{self.conn.portal_url}/{fragment}")
        self.wait_css("body[data-ready='true']")

    def go(self, fragment: str) -> None:
        """Changes the hash only: the page (and the tokens in its memory) stay."""
        self.driver.execute_script("location.hash = arguments[0]", fragment)

    def wait(self, condition, timeout: float = WAIT_SECONDS):
        return WebDriverWait(self.driver, timeout).until(condition)

    def wait_css(self, selector: str, timeout: float = WAIT_SECONDS):
        return self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, selector)), timeout)

    def wait_text(self, selector: str, text: str, timeout: float = WAIT_SECONDS):
        self.wait(EC.text_to_be_present_in_element((By.CSS_SELECTOR, selector), text), timeout)
        return self.css(selector)

    def css(self, selector: str):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def all_css(self, selector: str):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def click(self, selector: str) -> None:
        self.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, selector))).click()

    def type(self, selector: str, text: str) -> None:
        element = self.wait_css(selector)
        element.clear()
        element.send_keys(text)

    def shot(self, step: str) -> Path:
        """A full-page PNG in screenshots/<test>-<nn>-<step>.png (through the DevTools protocol,
        so content below the fold is in the picture too)."""
        self.shots += 1
        self.screenshot_dir.mkdir(parents=True, exist_ok=True)
        path = self.screenshot_dir / f"{self.test_name}-{self.shots:02d}-{step}.png"
        width, height = self.driver.execute_script(
            "return [document.documentElement.clientWidth, Math.max(document.documentElement.scrollHeight, window.innerHeight)]")
        image = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        path.write_bytes(base64.b64decode(image["data"]))
        return path

    def error_box(self) -> dict:
        """The first error shown, as the console words it."""
        box = self.wait_css("[data-testid='error']")

        def part(selector):
            found = box.find_elements(By.CSS_SELECTOR, selector)
            return found[0].text if found else None

        return {"title": part(".error-title"), "code": part(".error-code"), "inner": part(".error-inner"),
                "message": part(".error-message")}

    # ------------------------------------------------------------------ screens

    def sign_in(self, tenant_id: str, client_id: str, client_secret: str, *, expect_success: bool = True) -> None:
        self.wait_css("#tenant-id")
        self.type("#tenant-id", tenant_id)
        self.type("#client-id", client_id)
        self.type("#client-secret", client_secret)
        self.click("#sign-in")
        if expect_success:
            self.wait_css("[data-testid='signed-in-as']")

    def vault_fragment(self, resource_group: str, vault_name: str, blade: str) -> str:
        return f"#/vault/{self.conn.subscription_id}/{resource_group}/{vault_name}/{blade}"

    def create_vault(self, resource_group: str, name: str, region: str, *, rbac: bool = True,
                     public: bool = True) -> None:
        """Key vaults > + Create > Basics, Access configuration, Networking > Review + create > Create."""
        self.click("[data-testid='tile-keyvaults']")
        self.wait_css("[data-testid='vault-list']")
        self.shot("key-vaults")
        self.click("[data-testid='create-vault']")
        self.click("#create-new-group")
        self.type("#new-resource-group", resource_group)
        self.type("#vault-name", name)
        Select(self.css("#region")).select_by_value(region)
        Select(self.css("#pricing-tier")).select_by_value("standard")
        self.shot("create-basics")
        self.click("#next")
        self.click(f"input[name='permission-model'][value='{'rbac' if rbac else 'policy'}']")
        self.shot("create-permission-model")
        self.click("#next")
        checkbox = self.wait_css("#public-access")
        if checkbox.is_selected() != public:
            checkbox.click()
        self.shot("create-networking")
        self.click("#next")
        self.wait_text(".tab-panel:not([hidden])", "Validation passed")
        self.shot("create-review")
        self.click("#create")
        self.wait_css("#go-to-resource")
        self.shot("deployment-complete")
        self.click("#go-to-resource")
        self.wait_css("[data-testid='essentials']")
        self.shot("vault-overview")

    def add_role_assignment(self, role: str, *, principal_name: str | None = None,
                            object_id: str | None = None, label: str = "role") -> None:
        """Access control (IAM) > + Add > Add role assignment > Role > Members > Review + assign."""
        self.click("[data-testid='menu-iam']")
        self.wait_css("[data-testid='role-assignments']")
        self.click("[data-testid='iam-add']")
        self.click("[data-testid='add-role-assignment']")
        self.type("#role-search", role)
        self.click(f"tr[data-testid='role-{role}']")
        self.wait_css(f"tr[data-testid='role-{role}'].selected")
        self.shot(f"{label}-role")
        self.click("#next")
        if principal_name is not None:
            self.click("#select-members")
            self.click(f"[data-testid='principal-{principal_name}']")
            self.wait_css(f"[data-testid='principal-{principal_name}'].selected")
            self.shot(f"{label}-select-members")
            self.click("#select-members-done")
        if object_id is not None:
            self.type("#member-object-id", object_id)
            self.click("#add-object-id")
        self.wait(lambda d: "No members selected" not in self.css("[data-testid='selected-members']").text)
        self.shot(f"{label}-members")
        self.click("#next")
        self.wait_text("[data-testid='review-role']", role)
        self.shot(f"{label}-review")
        self.click("#review-assign")
        self.wait_css("[data-testid='role-assignments']")
        self.wait_text("[data-testid='role-assignments']", role)
        self.shot(f"{label}-assigned")

    def generate_key(self, name: str, *, size: int = 2048, expires_local: str | None = None) -> int | None:
        """Keys > Generate/Import > RSA, size, expiration date > Create. Returns the expiry in Unix
        seconds as the browser computed it from the local date and time typed in."""
        self.click("[data-testid='menu-keys']")
        self.click("[data-testid='generate-import']")
        self.type("#key-name", name)
        self.click("input[name='key-type'][value='RSA']")
        self.click(f"input[name='key-size'][value='{size}']")
        expires = None
        if expires_local is not None:
            self.click("#expiration-date-set")
            field = self.css("#expiration-date")
            # datetime-local takes its value in the locale's own format when typed; set it as a
            # script would and fire the event the page listens to.
            self.driver.execute_script(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", field, expires_local)
            expires = self.driver.execute_script("return Math.floor(new Date(arguments[0]).getTime() / 1000)", expires_local)
            self.wait_text("#expiration-date-utc", "UTC")
        self.shot("generate-key")
        self.click("#create-key")
        return expires

    def readiness(self) -> dict:
        """Data Connect readiness: {check key: pass|fail|unknown} plus the summary's status."""
        if self.driver.current_url.endswith("/readiness"):
            self.click("#rerun-checks")  # the menu link would not change the hash
        else:
            self.click("[data-testid='menu-readiness']")
        summary = self.wait_css("[data-testid='readiness-summary']")
        rows = {row.get_attribute("data-check"): row.get_attribute("data-status") for row in self.all_css("tr[data-check]")}
        rows["summary"] = summary.get_attribute("data-status")
        return rows
