"""Fixtures of the browser suite: an emulator per test and a headless Chromium that trusts its CA.

Chromium on Linux takes user-added trust anchors from the NSS database in $HOME/.pki/nssdb. Each
test gets a fresh HOME holding a new NSS database into which `certutil` (libnss3-tools) adds the
emulator's CA (`tls/ca.pem`) as a trusted CA ("C,,"), plus a fresh --user-data-dir. Nothing
disables certificate checks: a browser without the CA refuses the console (test_tls_trust).
`*.localhost` resolves to loopback inside Chromium itself, so no resolver set-up is needed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "conformance"))
import harness  # noqa: E402  (the conformance suite's emulator harness)

from console import ConsolePage  # noqa: E402

harness.scrub_environment()

CHROMIUM = os.environ.get("KVEMU_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KVEMU_CHROMEDRIVER", "/usr/bin/chromedriver")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def pytest_sessionstart(session):
    """Missing tools are one clear failure, never a silent skip."""
    if session.config.option.collectonly:
        return
    problems = []
    binary = harness.emulator_binary()
    if not binary.is_file():
        problems.append(harness.missing_binary_message(binary))
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not Path(tool).is_file():
            problems.append(f"{tool} not found: `make setup` installs chromium and chromium-driver")
    if shutil.which("certutil") is None:
        problems.append("certutil not found: `make setup` installs libnss3-tools")
    if problems:
        pytest.exit("\n".join(problems), returncode=1)


@dataclass(frozen=True)
class Emulator:
    conn: harness.Connection
    process: harness.EmulatorProcess


@pytest.fixture
def emulator(tmp_path):
    """This test's own emulator: port 0, a fresh data directory, stopped with SIGTERM."""
    process = harness.EmulatorProcess(tmp_path / "data")
    conn = process.start()
    yield Emulator(conn=conn, process=process)
    code = process.stop()
    assert code == 0, f"emulator exited with {code} after SIGTERM\n{process.log_tail()}"


@pytest.fixture
def conn(emulator) -> harness.Connection:
    return emulator.conn


def nss_home(root: Path, ca_file: str | None) -> Path:
    """A HOME whose ~/.pki/nssdb trusts `ca_file` (or nothing) for TLS servers."""
    home = root / "home"
    db = home / ".pki" / "nssdb"
    db.mkdir(parents=True)
    subprocess.run(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"], check=True, capture_output=True)
    if ca_file is not None:
        # -t "C,,": a trusted CA for issuing server certificates (SSL), nothing for mail or code.
        subprocess.run(["certutil", "-A", "-d", f"sql:{db}", "-n", "keyvault-emulator-ca", "-t", "C,,", "-i", ca_file],
                       check=True, capture_output=True)
    return home


def start_chromium(root: Path, ca_file: str | None):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    home = nss_home(root, ca_file)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--user-data-dir={root / 'profile'}", "--window-size=1366,960", "--lang=en-US",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CHROME")}
    environment.update(HOME=str(home), TZ="UTC")
    service = Service(CHROMEDRIVER, env=environment, log_output=str(root / "chromedriver.log"))
    return webdriver.Chrome(options=options, service=service)


# Chromium logs every failed fetch ("Failed to load resource: ... 403"); the denials are expected.
EXPECTED_LOG = re.compile(r"Failed to load resource: the server responded with a status of (400|401|403|404|409)")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keeps each phase's report on the test item, so fixtures can see whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def browser(tmp_path, conn, request):
    """A ConsolePage on the console of this test's emulator, in a Chromium that trusts its CA.

    At the end, any script error or Content-Security-Policy violation in the browser log fails
    the test: the console must run under its own CSP without a single refusal.
    """
    for stale in SCREENSHOTS.glob(f"{request.node.name}-*.png"):
        stale.unlink()
    driver = start_chromium(tmp_path / "chromium", conn.ca_cert_file)
    page = ConsolePage(driver, conn, SCREENSHOTS, request.node.name)
    try:
        yield page
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            page.shot("FAILED")
        problems = [entry["message"] for entry in driver.get_log("browser")
                    if entry["level"] == "SEVERE" and not EXPECTED_LOG.search(entry["message"])]
        assert not problems, "browser console errors:\n" + "\n".join(problems)
    finally:
        driver.quit()
