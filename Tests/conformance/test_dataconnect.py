"""The Data Connect agent against the real emulator: the seed's portal steps make an encrypted
delivery possible; each missing step is named, and the documented fail-open applies.

The drop is decrypted here independently of the agent: the AES key through the vault's decrypt
(Microsoft's CryptographyClient, as the customer), the files with Python's `cryptography` and gzip.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import subprocess
import time
from pathlib import Path

import pytest
from azure.keyvault.keys.crypto import EncryptionAlgorithm
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

import harness

CRYPTO_USER = "12338af0-0e69-4776-bea7-57ae8d297424"
CRYPTO_OFFICER = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603"
DATASET = "BasicDataSet_v0.Message_v1"


def agent_binary() -> Path:
    return harness.emulator_binary().parent / "dataconnect-agent"


def connection_file(emulator) -> str:
    return str(Path(emulator.data_dir) / "connection.json")


def run_agent(emulator, vault, destination: Path, *extra: str) -> subprocess.CompletedProcess:
    conn = emulator.conn
    return subprocess.run(
        [str(agent_binary()), "run", "--connection", connection_file(emulator),
         "--app", conn.data_connect_app.client_id, "--vault", vault.url, "--dataset", DATASET,
         "--destination", str(destination), "--seed", "7", "--rows", "40", "--files", "2", *extra],
        capture_output=True, text=True, timeout=120)


def only_drop(destination: Path) -> Path:
    drops = [p for p in destination.iterdir() if p.is_dir()]
    assert len(drops) == 1, drops
    return drops[0]


@pytest.fixture
def vault_for_app(make_vault, assign_role, conn, key_client_for, admin_cred, mgmt):
    """make(rbac, public, role, key) -> Vault set up with the chosen portal steps done."""

    def make(*, rbac=True, public=True, role=True, key="rsa2048"):
        vault = make_vault(rbac=rbac, public=True)
        if rbac:
            assign_role(vault.id, CRYPTO_OFFICER, conn.admin.object_id)
            if role:
                assign_role(vault.id, CRYPTO_USER, conn.data_connect_app.object_id)
        if key and rbac:
            keys = key_client_for(vault.name, admin_cred)
            expires = None if key == "no-expiry" else _in_days(365)
            size = 3072 if key == "rsa3072" else 2048
            keys.create_rsa_key(conn.tenant_id, size=size, expires_on=expires)
        if not public:
            make_vault_private(vault)
        return vault

    def make_vault_private(vault):
        from azure.mgmt.keyvault.models import VaultPatchParameters, VaultPatchProperties
        mgmt.keyvault.vaults.update(vault.resource_group, vault.name,
                                  VaultPatchParameters(properties=VaultPatchProperties(public_network_access="Disabled")))

    return make


def _in_days(days: int):
    import datetime
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)


def test_encrypted_delivery_decrypts_with_the_vault(emulator, conn, admin_cred, vault_for_app, tmp_path):
    vault = vault_for_app()
    result = run_agent(emulator, vault, tmp_path, "--require-encryption")
    assert result.returncode == 0, result.stdout + result.stderr
    drop = only_drop(tmp_path)

    report = json.loads((drop / "metadata" / "run.json").read_text())
    assert report["status"] == "Succeeded"
    assert report["encrypted"] is True
    assert report["dataset"] == DATASET
    assert report["wrapAlgorithm"] == "RSA-OAEP-256"
    assert report["cipher"] == "AES-256-CBC/PKCS7"
    assert report["compression"] == "gzip"
    current = harness.key_client(conn, vault.name, admin_cred).get_key(conn.tenant_id)
    assert report["keyId"] == current.id

    details = json.loads((drop / "metadata/MoreMetadata/EncryptedDatasets/encryptionKeyDetails.json").read_text())
    assert set(details) == {"DecryptionKeyDetails"}
    fields = details["DecryptionKeyDetails"]
    assert set(fields) == {"PublicKeyVersion", "DecryptionKeyValue", "DecryptionKeyIV"}
    assert fields["PublicKeyVersion"] == current.properties.version
    wrapped = base64.b64decode(fields["DecryptionKeyValue"])
    iv = base64.b64decode(fields["DecryptionKeyIV"])
    assert len(wrapped) == 256 and len(iv) == 16

    # The customer's recipe: the vault's decrypt (Microsoft's SDK), then AES-CBC and gunzip.
    crypto = harness.crypto_client(conn, current.id, admin_cred)
    aes_key = crypto.decrypt(EncryptionAlgorithm.rsa_oaep_256, wrapped).plaintext
    assert len(aes_key) == 32
    rows = 0
    for entry in report["files"]:
        ciphertext = (drop / entry["name"]).read_bytes()
        decryptor = Cipher(algorithms.AES(aes_key), modes.CBC(iv)).decryptor()
        padded = decryptor.update(ciphertext) + decryptor.finalize()
        unpadder = padding.PKCS7(128).unpadder()
        plaintext = gzip.decompress(unpadder.update(padded) + unpadder.finalize())
        assert hashlib.sha256(plaintext).hexdigest() == entry["plaintextSha256"]
        lines = plaintext.decode().splitlines()
        assert len(lines) == entry["rows"]
        row = json.loads(lines[0])
        assert row["ptenant"] == conn.tenant_id
        assert row["ODataType"] == "#microsoft.graph.message"
        rows += len(lines)
    assert rows == 40

    # And the agent's own customer side agrees.
    check = subprocess.run([str(agent_binary()), "decrypt", "--connection", connection_file(emulator),
                            "--drop", str(drop), "--output", str(tmp_path / "clear")],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "verified 2 files, 40 rows" in check.stdout


@pytest.mark.parametrize("setup, step_words", [
    ({"role": False}, "Key Vault Crypto User"),
    ({"public": False}, "public access"),
    ({"key": None}, "named after"),
    ({"key": "no-expiry"}, "expiration"),
    ({"key": "rsa3072"}, "2048"),
    ({"rbac": False, "key": None}, "permission model"),
])
def test_missing_portal_step_is_named_and_delivery_fails_open(emulator, vault_for_app, tmp_path, setup, step_words):
    vault = vault_for_app(**setup)

    open_run = run_agent(emulator, vault, tmp_path / "open")
    assert open_run.returncode == 0, open_run.stdout + open_run.stderr
    assert step_words.lower() in open_run.stderr.lower(), open_run.stderr
    drop = only_drop(tmp_path / "open")
    report = json.loads((drop / "metadata" / "run.json").read_text())
    assert report["status"] == "SucceededWithWarnings"
    assert report["encrypted"] is False
    assert any(step_words.lower() in w.lower() for w in report["warnings"]), report["warnings"]
    first = report["files"][0]
    assert json.loads((drop / first["name"]).read_text().splitlines()[0])["ptenant"]
    assert not (drop / "metadata/MoreMetadata/EncryptedDatasets/encryptionKeyDetails.json").exists()

    closed_run = run_agent(emulator, vault, tmp_path / "closed", "--require-encryption")
    assert closed_run.returncode == 3, closed_run.stdout + closed_run.stderr
    closed = only_drop(tmp_path / "closed")
    assert json.loads((closed / "metadata" / "run.json").read_text())["status"] == "Failed"
    assert sorted(p.name for p in closed.iterdir()) == ["metadata"]
