"""import_key with JWKs made by Python's `cryptography`: the vault uses the imported private key
(signatures verify in Python, Python ciphertexts decrypt in the vault) and never returns it."""

import hashlib
import os

import pytest
from azure.core.exceptions import HttpResponseError, ResourceExistsError
from azure.keyvault.keys import JsonWebKey
from azure.keyvault.keys.crypto import EncryptionAlgorithm, SignatureAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

import harness

CURVES = {"P-256": (ec.SECP256R1(), 32, "ES256", hashes.SHA256()),
          "P-384": (ec.SECP384R1(), 48, "ES384", hashes.SHA384()),
          "P-521": (ec.SECP521R1(), 66, "ES512", hashes.SHA512()),
          "P-256K": (ec.SECP256K1(), 32, "ES256K", hashes.SHA256())}


def to_bytes(value: int, length: int = 0) -> bytes:
    return value.to_bytes(length or (value.bit_length() + 7) // 8, "big")


def rsa_jwk(private: rsa.RSAPrivateKey, **kwargs) -> JsonWebKey:
    n = private.private_numbers()
    return JsonWebKey(kty="RSA", n=to_bytes(n.public_numbers.n), e=to_bytes(n.public_numbers.e), d=to_bytes(n.d),
                      p=to_bytes(n.p), q=to_bytes(n.q), dp=to_bytes(n.dmp1), dq=to_bytes(n.dmq1), qi=to_bytes(n.iqmp),
                      **kwargs)


def ec_jwk(private: ec.EllipticCurvePrivateKey, crv: str, **kwargs) -> JsonWebKey:
    width = CURVES[crv][1]
    n = private.private_numbers()
    return JsonWebKey(kty="EC", crv=crv, x=to_bytes(n.public_numbers.x, width), y=to_bytes(n.public_numbers.y, width),
                      d=to_bytes(n.private_value, width), **kwargs)


def raw_to_der(signature: bytes) -> bytes:
    half = len(signature) // 2
    return utils.encode_dss_signature(int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big"))


def test_imported_rsa_key_signs_and_decrypts_for_python(admin_keys, conn, admin_cred, key_name):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    imported = admin_keys.import_key(key_name, rsa_jwk(private), tags={"src": "python"})
    assert imported.key_type == "RSA"
    assert imported.key.n == to_bytes(private.public_key().public_numbers().n)
    assert imported.key.d is None and imported.key.p is None and imported.key.q is None
    assert imported.properties.tags == {"src": "python"}

    crypto = harness.crypto_client(conn, imported.id, admin_cred)
    digest = hashlib.sha384(b"imported").digest()
    signature = crypto.sign(SignatureAlgorithm.ps384, digest).signature
    private.public_key().verify(signature, b"imported",
                                padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48), hashes.SHA384())
    plaintext = os.urandom(48)
    ciphertext = private.public_key().encrypt(plaintext, padding.PKCS1v15())
    assert crypto.decrypt(EncryptionAlgorithm.rsa1_5, ciphertext).plaintext == plaintext


@pytest.mark.parametrize("crv", list(CURVES))
def test_imported_ec_key_signs_for_python_and_verifies_python_signatures(admin_keys, officer_vault, admin_cred,
                                                                         raw, conn, key_name, crv):
    curve, width, alg, hash_algorithm = CURVES[crv]
    private = ec.generate_private_key(curve)
    imported = admin_keys.import_key(key_name, ec_jwk(private, crv, key_ops=["sign", "verify"]))
    assert imported.key.crv == crv
    assert len(imported.key.x) == width and len(imported.key.y) == width
    assert {getattr(op, "value", op) for op in imported.key_operations} == {"sign", "verify"}

    digest_fn = {32: hashlib.sha256, 48: hashlib.sha384, 66: hashlib.sha512}[width]
    signature = harness.crypto_client(conn, imported.id, admin_cred).sign(SignatureAlgorithm(alg), digest_fn(b"m").digest()).signature
    assert len(signature) == 2 * width
    private.public_key().verify(raw_to_der(signature), b"m", ec.ECDSA(hash_algorithm))

    # The other way: Python signs, the vault verifies (server side, raw r||s).
    der = private.sign(b"from python", ec.ECDSA(hash_algorithm))
    r, s = utils.decode_dss_signature(der)
    raw_signature = to_bytes(r, width) + to_bytes(s, width)
    path = f"/keys/{key_name}/{imported.properties.version}/verify"
    digest = harness.b64url_encode(digest_fn(b"from python").digest())
    for value, expected in [(raw_signature, True), (raw_signature[:-1] + bytes([raw_signature[-1] ^ 1]), False)]:
        response = raw.vault("POST", officer_vault.name, path, cred=admin_cred,
                             json={"alg": alg, "digest": digest, "value": harness.b64url_encode(value)})
        assert response.status_code == 200, response.text
        assert response.json() == {"value": expected}


def test_hardware_protected_import_needs_a_premium_vault(admin_keys, key_name):
    private = ec.generate_private_key(ec.SECP256R1())
    with pytest.raises(HttpResponseError) as refused:
        admin_keys.import_key(key_name, ec_jwk(private, "P-256"), hardware_protected=True)
    assert refused.value.status_code == 400
    assert "requires a premium vault" in refused.value.error.message


def test_premium_vault_imports_hsm_keys(make_officer_vault, key_client_for, admin_cred, key_name):
    vault = make_officer_vault(sku={"family": "A", "name": "premium"})
    client = key_client_for(vault.name, admin_cred)
    imported = client.import_key(key_name, rsa_jwk(rsa.generate_private_key(public_exponent=65537, key_size=2048)),
                                 hardware_protected=True)
    assert imported.key_type == "RSA-HSM"
    assert imported.properties.hsm_platform == "2"


@pytest.mark.parametrize("case", ["public-only", "inconsistent", "oct", "off-curve"])
def test_bad_jwks_are_refused_and_nothing_is_written(admin_keys, key_name, case):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if case == "public-only":
        jwk = JsonWebKey(kty="RSA", n=to_bytes(private.public_key().public_numbers().n), e=b"\x01\x00\x01")
    elif case == "inconsistent":
        jwk = rsa_jwk(private)
        jwk.e = b"\x03"
    elif case == "oct":
        jwk = JsonWebKey(kty="oct", k=os.urandom(32))
    else:
        good = ec_jwk(ec.generate_private_key(ec.SECP256R1()), "P-256")
        jwk = JsonWebKey(kty="EC", crv="P-256", x=good.x, y=good.x, d=good.d)
    with pytest.raises(HttpResponseError) as refused:
        admin_keys.import_key(key_name, jwk)
    assert refused.value.status_code == 400
    assert harness.sdk_error_codes(refused.value)[0] == "BadParameter"
    assert key_name not in [p.name for p in admin_keys.list_properties_of_keys()]


def test_import_onto_a_deleted_name_conflicts(admin_keys, key_name):
    admin_keys.create_ec_key(key_name)
    admin_keys.begin_delete_key(key_name).result()
    with pytest.raises(ResourceExistsError):
        admin_keys.import_key(key_name, ec_jwk(ec.generate_private_key(ec.SECP256R1()), "P-256"))
