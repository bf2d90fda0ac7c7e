"""Conformance harness: the emulator process, its connection file, SDK clients and raw REST calls.

Everything here follows the emulator's contract (DESIGN.md §2, §3): one binary started as
`keyvault-emulator serve --data-dir DIR --port 0`, which writes DIR/connection.json atomically once
it accepts connections, and exits 0 on SIGTERM.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import requests
from cryptography.hazmat.primitives.asymmetric import rsa

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BINARY = REPO_ROOT / ".build" / "release" / "keyvault-emulator"

START_TIMEOUT_SECONDS = 30
STOP_TIMEOUT_SECONDS = 10

# Built-in role definition GUIDs (keyvault-spec.md §4.2).
KEY_VAULT_CRYPTO_USER = "12338af0-0e69-4776-bea7-57ae8d297424"
KEY_VAULT_CRYPTO_OFFICER = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603"

# Data-plane api-version used by raw calls (the one Data Connect's documentation links).
RAW_API_VERSION = "7.4"

# Variables that would change what the SDKs and requests do (credentials, authority, CA bundles,
# proxies). The suite removes them from its own environment at start (conftest.py).
SCRUBBED_PREFIXES = ("AZURE_",)
SCRUBBED_NAMES = (
    "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR",
    "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY",
    "all_proxy", "ALL_PROXY",
)


def scrub_environment() -> None:
    """Removes Azure, CA-bundle and proxy variables from this process's environment."""
    for name in list(os.environ):
        if name.startswith(SCRUBBED_PREFIXES) or name in SCRUBBED_NAMES:
            del os.environ[name]


def emulator_binary() -> Path:
    """The binary under test: $KVEMU_BIN, else .build/release/keyvault-emulator of this repo."""
    return Path(os.environ.get("KVEMU_BIN") or DEFAULT_BINARY)


# --------------------------------------------------------------------------- connection file


@dataclass(frozen=True)
class Principal:
    client_id: str
    client_secret: str
    object_id: str


@dataclass(frozen=True)
class Connection:
    """connection.json (DESIGN.md §3) with the URLs the tests derive from it."""

    raw: dict
    port: int
    ca_cert_file: str
    authority_host: str
    management_endpoint: str
    vault_dns_suffix: str
    portal_url: str
    tenant_id: str
    subscription_id: str
    admin: Principal
    data_connect_app: Principal
    # The tenant's Global Administrator (approves Data Connect apps); None in older files.
    global_admin: Optional[Principal] = None

    REQUIRED = ("port", "caCertFile", "authorityHost", "managementEndpoint", "vaultDnsSuffix",
                "portalUrl", "tenantId", "subscriptionId", "admin", "dataConnectApp")
    PRINCIPAL_FIELDS = ("clientId", "clientSecret", "objectId")

    @classmethod
    def parse(cls, document: dict) -> "Connection":
        missing = [k for k in cls.REQUIRED if k not in document]
        for who in ("admin", "dataConnectApp"):
            missing += [f"{who}.{k}" for k in cls.PRINCIPAL_FIELDS if k not in document.get(who, {})]
        if missing:
            raise ValueError(f"connection.json lacks {', '.join(missing)}")

        def principal(d: dict) -> Principal:
            return Principal(d["clientId"], d["clientSecret"], d["objectId"])

        return cls(raw=document, port=document["port"], ca_cert_file=document["caCertFile"],
                   authority_host=document["authorityHost"],
                   management_endpoint=document["managementEndpoint"],
                   vault_dns_suffix=document["vaultDnsSuffix"], portal_url=document["portalUrl"],
                   tenant_id=document["tenantId"], subscription_id=document["subscriptionId"],
                   admin=principal(document["admin"]),
                   data_connect_app=principal(document["dataConnectApp"]),
                   global_admin=principal(document["globalAdmin"]) if "globalAdmin" in document else None)

    def vault_url(self, vault_name: str) -> str:
        return f"https://{vault_name}.{self.vault_dns_suffix}"

    @property
    def vault_resource(self) -> str:
        """The challenge resource: parent domain of every vault host, same port."""
        return f"https://{self.vault_dns_suffix}"

    @property
    def vault_scope(self) -> str:
        return f"{self.vault_resource}/.default"

    @property
    def management_scope(self) -> str:
        return f"{self.management_endpoint}/.default"

    @property
    def localhost_url(self) -> str:
        """Host family for /health and the admin API."""
        return f"https://localhost:{self.port}"

    @property
    def token_endpoint(self) -> str:
        return f"{self.authority_host}/{self.tenant_id}/oauth2/v2.0/token"

    def client_options(self) -> dict:
        """Keyword arguments for every azure-core based client: trust the emulator's CA, fail fast.

        azure-core's RequestsTransport passes `connection_verify` to requests as `verify=`; every
        SDK used here (azure-identity's MSAL pipeline, azure-keyvault-keys, the ARM clients) builds
        its transport from the client's **kwargs, so no REQUESTS_CA_BUNDLE is needed.
        retry_total=0: on loopback a retry would only hide a failure of the server.
        """
        return {"connection_verify": self.ca_cert_file, "connection_timeout": 10,
                "read_timeout": 60, "retry_total": 0}


# --------------------------------------------------------------------------- process


class EmulatorStartError(Exception):
    pass


class EmulatorProcess:
    """One `keyvault-emulator serve` process on a data directory, with its log beside it."""

    def __init__(self, data_dir: Path, binary: Optional[Path] = None, extra_args: tuple = ()):
        self.binary = Path(binary or emulator_binary())
        self.data_dir = Path(data_dir)
        self.extra_args = tuple(extra_args)
        self.log_path = self.data_dir.parent / f"{self.data_dir.name}.log"
        self.process: Optional[subprocess.Popen] = None

    @property
    def connection_path(self) -> Path:
        return self.data_dir / "connection.json"

    def start(self, timeout: float = START_TIMEOUT_SECONDS) -> Connection:
        """Starts the server and waits for connection.json; raises EmulatorStartError with the log."""
        if not self.binary.is_file():
            raise EmulatorStartError(missing_binary_message(self.binary))
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # A connection.json left by an earlier run on this data directory says nothing about this one.
        self.connection_path.unlink(missing_ok=True)
        log = open(self.log_path, "ab")
        try:
            self.process = subprocess.Popen(
                [str(self.binary), "serve", "--data-dir", str(self.data_dir), "--port", "0",
                 *self.extra_args],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        finally:
            log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                raise EmulatorStartError(f"emulator exited with {code} before writing "
                                         f"{self.connection_path}\n{self.log_tail()}")
            if self.connection_path.exists():
                # Written atomically (rename), so a visible file is complete.
                return Connection.parse(json.loads(self.connection_path.read_text()))
            time.sleep(0.05)
        self.kill()
        raise EmulatorStartError(f"no {self.connection_path} within {timeout:.0f} s\n{self.log_tail()}")

    def stop(self, timeout: float = STOP_TIMEOUT_SECONDS) -> int:
        """SIGTERM, then waits; returns the exit code. Kills and raises if it does not exit in time."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"emulator did not exit within {timeout:.0f} s of SIGTERM\n"
                                 f"{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL (kill -9): no chance to flush or clean up."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except FileNotFoundError:
            return "(no log)"
        return f"--- last lines of {self.log_path} ---\n" + "\n".join(text[-lines:])


def missing_binary_message(binary: Path) -> str:
    return (f"emulator binary not found: {binary}\n"
            f"Build it with `swift build -c release` (or `make build`), or point KVEMU_BIN at it.")


# --------------------------------------------------------------------------- clients


def credential(conn: Connection, principal: Principal):
    from azure.identity import ClientSecretCredential
    return ClientSecretCredential(conn.tenant_id, principal.client_id, principal.client_secret,
                                  authority=conn.authority_host, disable_instance_discovery=True,
                                  **conn.client_options())


def key_client(conn: Connection, vault_name: str, cred):
    from azure.keyvault.keys import KeyClient
    return KeyClient(conn.vault_url(vault_name), cred, **conn.client_options())


def crypto_client(conn: Connection, key_or_kid, cred):
    from azure.keyvault.keys.crypto import CryptographyClient
    return CryptographyClient(key_or_kid, cred, **conn.client_options())


def management_kwargs(conn: Connection) -> dict:
    return {"base_url": conn.management_endpoint, "credential_scopes": [conn.management_scope],
            **conn.client_options()}


def keyvault_management_client(conn: Connection, cred):
    from azure.mgmt.keyvault import KeyVaultManagementClient
    return KeyVaultManagementClient(cred, conn.subscription_id, **management_kwargs(conn))


def authorization_management_client(conn: Connection, cred):
    from azure.mgmt.authorization import AuthorizationManagementClient
    return AuthorizationManagementClient(cred, conn.subscription_id, **management_kwargs(conn))


def resource_management_client(conn: Connection, cred):
    # azure-mgmt-resource 26 ships only the `resources` subpackage (a namespace package above it).
    from azure.mgmt.resource.resources import ResourceManagementClient
    return ResourceManagementClient(cred, conn.subscription_id, **management_kwargs(conn))


# --------------------------------------------------------------------------- Data Connect registrations

REGISTRATIONS_API_VERSION = "2025-01-01"
MESSAGE_DATASET = "BasicDataSet_v0.Message_v1"


def registration_path(conn: Connection, resource_group: str, app_id: str) -> str:
    return (f"/subscriptions/{conn.subscription_id}/resourceGroups/{resource_group}"
            f"/providers/Microsoft.DataConnect/registrations/{app_id}")


def registration_body(conn: Connection, *, vault_name: Optional[str] = None, datasets: Optional[list] = None,
                      account: str = "lake1", container: str = "mgdc", **extra) -> dict:
    """A registration's PUT body: Message_v1 for all users unless `datasets` says otherwise,
    encryption with `vault_name` when given."""
    properties = {
        "description": "conformance pipeline",
        "publishType": "SingleTenant",
        "destination": {"storageAccount": account, "container": container},
        "datasets": datasets if datasets is not None else [{"name": MESSAGE_DATASET}],
        "encryption": ({"enabled": True, "keyVaultUri": conn.vault_url(vault_name)} if vault_name
                       else {"enabled": False}),
    }
    properties.update(extra)
    return {"properties": properties}


class Registrations:
    """The registration API of one emulator, as the developer (connection.json's admin, who owns
    what it registers) and the Global Administrator (who approves), over raw HTTPS."""

    def __init__(self, conn: Connection, raw: "Raw", data_dir: Path, resource_group: str):
        self.conn = conn
        self.raw = raw
        self.data_dir = Path(data_dir)
        self.resource_group = resource_group
        self.developer = credential(conn, conn.admin)
        self.approver = credential(conn, conn.global_admin)
        self.app = credential(conn, conn.data_connect_app)

    def token(self, cred) -> str:
        return cred.get_token(self.conn.management_scope).token

    @property
    def app_id(self) -> str:
        return self.conn.data_connect_app.client_id

    def put(self, body: dict, *, app_id: Optional[str] = None, resource_group: Optional[str] = None, cred=None):
        path = registration_path(self.conn, resource_group or self.resource_group, app_id or self.app_id)
        return self.raw.management("PUT", path, token=self.token(cred or self.developer),
                                   api_version=REGISTRATIONS_API_VERSION, json=body)

    def register(self, **kwargs) -> dict:
        """PUT registration_body(**kwargs); asserts 200/201 and returns the resource."""
        response = self.put(registration_body(self.conn, **kwargs))
        assert response.status_code in (200, 201), response.text
        return response.json()

    def tenant_call(self, method: str, suffix: str = "", *, app_id: Optional[str] = None, cred=None, json=None):
        path = f"/providers/Microsoft.DataConnect/registrations/{app_id or self.app_id}{suffix}"
        return self.raw.management(method, path, token=self.token(cred or self.developer),
                                   api_version=REGISTRATIONS_API_VERSION, json=json)

    def approve(self, *, app_id: Optional[str] = None, cred=None, json=None) -> dict:
        response = self.tenant_call("POST", "/approve", app_id=app_id, cred=cred or self.approver, json=json or {})
        assert response.status_code == 200, response.text
        return response.json()

    def deny(self, reason: Optional[str] = None, *, app_id: Optional[str] = None) -> dict:
        response = self.tenant_call("POST", "/deny", app_id=app_id, cred=self.approver,
                                    json={"reason": reason} if reason else {})
        assert response.status_code == 200, response.text
        return response.json()

    def register_and_approve(self, **kwargs) -> dict:
        self.register(**kwargs)
        return self.approve()

    def status(self) -> str:
        response = self.tenant_call("GET")
        assert response.status_code == 200, response.text
        return response.json()["properties"]["authorization"]["status"]

    def authorize_run(self, body: dict, cred=None):
        return self.raw.management("POST", "/providers/Microsoft.DataConnect/authorizeRun", token=self.token(cred or self.app),
                                   api_version=REGISTRATIONS_API_VERSION, json=body)

    def container(self, account: str = "lake1", container: str = "mgdc") -> Path:
        """The folder that plays the container (created when a registration names it)."""
        return self.data_dir / "storage" / account / container


def unique_vault_name(prefix: str = "kv") -> str:
    """3-24 characters, starts with a letter, no '--': valid and globally unique."""
    return f"{prefix}{uuid.uuid4().hex[:12]}"


def role_definition_id(conn: Connection, role_guid: str) -> str:
    return (f"/subscriptions/{conn.subscription_id}/providers/Microsoft.Authorization/"
            f"roleDefinitions/{role_guid}")


# --------------------------------------------------------------------------- raw REST


class Raw:
    """Plain HTTPS calls for what the SDKs do not send (server-side encrypt/verify, bad input).

    The session ignores the environment (no proxies, no CA bundle from variables) and trusts only
    the emulator's CA.
    """

    def __init__(self, conn: Connection):
        self.conn = conn
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.verify = conn.ca_cert_file

    def request(self, method: str, url: str, *, token: Optional[str] = None,
                headers: Optional[dict] = None, **kwargs: Any) -> requests.Response:
        all_headers = dict(headers or {})
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        kwargs.setdefault("timeout", 60)
        return self.session.request(method, url, headers=all_headers, **kwargs)

    def vault(self, method: str, vault_name: str, path: str, *, token: Optional[str] = None,
              cred=None, api_version: Optional[str] = RAW_API_VERSION, **kwargs: Any) -> requests.Response:
        """A data-plane call on https://{vault}.{suffix}{path}; the token comes from `cred` if given."""
        if cred is not None:
            token = cred.get_token(self.conn.vault_scope).token
        params = dict(kwargs.pop("params", {}) or {})
        if api_version is not None:
            params["api-version"] = api_version
        return self.request(method, self.conn.vault_url(vault_name) + path, token=token,
                            params=params, **kwargs)

    def management(self, method: str, path: str, *, token: Optional[str] = None,
                   api_version: str = "2025-04-01", **kwargs: Any) -> requests.Response:
        params = dict(kwargs.pop("params", {}) or {})
        params["api-version"] = api_version
        return self.request(method, self.conn.management_endpoint + path, token=token,
                            params=params, **kwargs)


def azure_error(response: requests.Response) -> tuple[Optional[str], Optional[str], str]:
    """(code, innererror code, message) of an Azure error body; fails with the body if not one."""
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        raise AssertionError(f"HTTP {response.status_code} without an Azure error body: "
                             f"{response.text[:500]!r}")
    return error.get("code"), (error.get("innererror") or {}).get("code"), error.get("message", "")


def assert_azure_error(response: requests.Response, status: int, code: str,
                       inner: Optional[str] = None) -> str:
    """Asserts status, error.code and (when given) innererror.code; returns the message."""
    assert response.status_code == status, (
        f"expected {status} {code}, got {response.status_code}: {response.text[:500]}")
    got_code, got_inner, message = azure_error(response)
    assert got_code == code, f"error.code {got_code!r} != {code!r}: {response.text[:500]}"
    if inner is not None:
        assert got_inner == inner, f"innererror.code {got_inner!r} != {inner!r}: {response.text[:500]}"
    return message


def sdk_error_codes(exc) -> tuple[Optional[str], Optional[str]]:
    """(error.code, innererror.code) of an azure.core HttpResponseError, from the response body."""
    body = exc.response.json()
    error = body["error"]
    return error.get("code"), (error.get("innererror") or {}).get("code")


# --------------------------------------------------------------------------- encodings


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def rsa_public_key(n: bytes, e: bytes) -> rsa.RSAPublicKey:
    """The public key of a JWK's n and e (big-endian unsigned)."""
    return rsa.RSAPublicNumbers(int.from_bytes(e, "big"), int.from_bytes(n, "big")).public_key()


def jwt_parts(token: str) -> tuple[dict, dict, bytes, bytes]:
    """(header, claims, signing input, signature) of a compact JWS, unverified."""
    header_b64, payload_b64, signature_b64 = token.split(".")
    header = json.loads(b64url_decode(header_b64))
    claims = json.loads(b64url_decode(payload_b64))
    return header, claims, f"{header_b64}.{payload_b64}".encode("ascii"), b64url_decode(signature_b64)
