"""RSA cryptography of the vault, cross-checked with Python's `cryptography` on the PUBLIC key.

CryptographyClient sends decrypt / unwrapKey / sign to the service but does encrypt / wrapKey /
verify locally once it has the key (keyvault-spec.md §2.12), so the service side of those three is
exercised with raw REST calls.
"""

import hashlib
import os

import pytest
from azure.keyvault.keys.crypto import EncryptionAlgorithm, KeyWrapAlgorithm, SignatureAlgorithm
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, utils

import harness

SIZES = [2048, 3072, 4096]

HASHES = {"256": (hashlib.sha256, hashes.SHA256()), "384": (hashlib.sha384, hashes.SHA384()),
          "512": (hashlib.sha512, hashes.SHA512())}


def oaep(algorithm):
    return padding.OAEP(mgf=padding.MGF1(algorithm), algorithm=algorithm, label=None)


# Encryption algorithm -> padding for the local side.
ENCRYPTION = {
    "RSA1_5": padding.PKCS1v15(),
    "RSA-OAEP": oaep(hashes.SHA1()),
    "RSA-OAEP-256": oaep(hashes.SHA256()),
}


def signature_padding(alg: str, hash_algorithm):
    if alg.startswith("PS"):
        # PSS: MGF1 with the same hash, salt length = digest length.
        return padding.PSS(mgf=padding.MGF1(hash_algorithm), salt_length=hash_algorithm.digest_size)
    return padding.PKCS1v15()


@pytest.fixture(scope="module")
def rsa_keys(admin_keys):
    """One RSA key per size in the officer vault, as returned by create (public parts only)."""
    return {size: admin_keys.create_rsa_key(f"crypto-rsa-{size}-{os.urandom(4).hex()}", size=size)
            for size in SIZES}


@pytest.fixture(scope="module")
def admin_crypto(conn, admin_cred, rsa_keys):
    """CryptographyClient per size, built from the versioned key id (as Data Connect would)."""
    return {size: harness.crypto_client(conn, key.id, admin_cred) for size, key in rsa_keys.items()}


def public_key(key):
    return harness.rsa_public_key(key.key.n, key.key.e)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("alg", list(ENCRYPTION))
def test_decrypt_ciphertext_made_locally(rsa_keys, admin_crypto, alg, size):
    plaintext = os.urandom(32)
    ciphertext = public_key(rsa_keys[size]).encrypt(plaintext, ENCRYPTION[alg])
    result = admin_crypto[size].decrypt(EncryptionAlgorithm(alg), ciphertext)
    assert result.plaintext == plaintext
    assert result.key_id == rsa_keys[size].id
    assert result.algorithm == alg


@pytest.mark.parametrize("alg", list(ENCRYPTION))
def test_unwrap_key_wrapped_locally(rsa_keys, admin_crypto, alg):
    aes_key = os.urandom(32)
    wrapped = public_key(rsa_keys[2048]).encrypt(aes_key, ENCRYPTION[alg])
    result = admin_crypto[2048].unwrap_key(KeyWrapAlgorithm(alg), wrapped)
    assert result.key == aes_key
    assert result.key_id == rsa_keys[2048].id


SIGNATURE_CASES = [(alg, 2048) for alg in ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")] + [
    ("RS256", 3072), ("PS384", 3072), ("RS512", 4096), ("PS512", 4096)]


@pytest.mark.parametrize("alg,size", SIGNATURE_CASES)
def test_signature_verifies_locally_over_the_message(rsa_keys, admin_crypto, alg, size):
    hash_function, hash_algorithm = HASHES[alg[2:]]
    message = b"Data Connect delivery manifest " + os.urandom(16)
    digest = hash_function(message).digest()

    result = admin_crypto[size].sign(SignatureAlgorithm(alg), digest)
    assert len(result.signature) == size // 8
    assert result.key_id == rsa_keys[size].id

    # Verifying against the MESSAGE with the hash proves the service signed the digest as given
    # and did not hash it again.
    public_key(rsa_keys[size]).verify(result.signature, message,
                                      signature_padding(alg, hash_algorithm), hash_algorithm)
    # Same thing stated over the digest.
    public_key(rsa_keys[size]).verify(result.signature, digest,
                                      signature_padding(alg, hash_algorithm),
                                      utils.Prehashed(hash_algorithm))


def test_signature_over_double_hash_does_not_verify(rsa_keys, admin_crypto):
    # Guard for the check above: a service that re-hashed would produce this signature instead.
    message = b"message"
    digest = hashlib.sha256(message).digest()
    signature = admin_crypto[2048].sign(SignatureAlgorithm.rs256, digest).signature
    with pytest.raises(InvalidSignature):
        public_key(rsa_keys[2048]).verify(signature, digest, padding.PKCS1v15(), hashes.SHA256())


def test_pkcs1_signatures_are_deterministic_pss_are_not(admin_crypto):
    digest = hashlib.sha256(b"same input").digest()
    rs = [admin_crypto[2048].sign(SignatureAlgorithm.rs256, digest).signature for _ in range(2)]
    ps = [admin_crypto[2048].sign(SignatureAlgorithm.ps256, digest).signature for _ in range(2)]
    assert rs[0] == rs[1]
    assert ps[0] != ps[1]


# --- service-side encrypt / wrapKey / verify (raw REST; the SDK would do these locally) ---


def key_path(key, operation: str) -> str:
    return f"/keys/{key.name}/{key.properties.version}/{operation}"


@pytest.mark.parametrize("operation", ["encrypt", "wrapkey"])
@pytest.mark.parametrize("alg", list(ENCRYPTION))
def test_service_encrypt_and_wrap(officer_vault, admin_cred, raw, rsa_keys, admin_crypto, alg, operation):
    key = rsa_keys[2048]
    plaintext = os.urandom(32)
    response = raw.vault("POST", officer_vault.name, key_path(key, operation), cred=admin_cred,
                         json={"alg": alg, "value": harness.b64url_encode(plaintext)})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["kid"] == key.id
    assert "=" not in body["value"]
    ciphertext = harness.b64url_decode(body["value"])
    assert len(ciphertext) == 256

    # The vault's own decrypt (always remote) gives the plaintext back.
    if operation == "encrypt":
        assert admin_crypto[2048].decrypt(EncryptionAlgorithm(alg), ciphertext).plaintext == plaintext
    else:
        assert admin_crypto[2048].unwrap_key(KeyWrapAlgorithm(alg), ciphertext).key == plaintext


def test_service_encrypt_is_randomized(officer_vault, admin_cred, raw, rsa_keys):
    key = rsa_keys[2048]
    body = {"alg": "RSA-OAEP-256", "value": harness.b64url_encode(b"same plaintext")}
    values = []
    for _ in range(2):
        response = raw.vault("POST", officer_vault.name, key_path(key, "encrypt"), cred=admin_cred,
                             json=body)
        assert response.status_code == 200, response.text
        values.append(response.json()["value"])
    assert values[0] != values[1]


@pytest.mark.parametrize("alg", ["RS256", "PS256", "RS512", "PS384"])
def test_service_verify(officer_vault, admin_cred, raw, rsa_keys, admin_crypto, alg):
    key = rsa_keys[2048]
    hash_function, _ = HASHES[alg[2:]]
    digest = hash_function(b"verify me").digest()
    signature = admin_crypto[2048].sign(SignatureAlgorithm(alg), digest).signature

    def verify(digest_bytes: bytes, signature_bytes: bytes) -> bool:
        response = raw.vault("POST", officer_vault.name, key_path(key, "verify"), cred=admin_cred,
                             json={"alg": alg, "digest": harness.b64url_encode(digest_bytes),
                                   "value": harness.b64url_encode(signature_bytes)})
        assert response.status_code == 200, response.text
        return response.json()["value"]

    assert verify(digest, signature) is True
    tampered = bytearray(signature)
    tampered[-1] ^= 0x01
    assert verify(digest, bytes(tampered)) is False
    assert verify(hash_function(b"another message").digest(), signature) is False
