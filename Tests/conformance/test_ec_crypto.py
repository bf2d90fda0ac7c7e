"""EC keys through azure-keyvault-keys: create on every curve, sign in the vault, verify in Python
(raw r||s -> DER), and the fixed-width encoding of short coordinates."""

import hashlib

import pytest
from azure.keyvault.keys import KeyCurveName
from azure.keyvault.keys.crypto import SignatureAlgorithm
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, utils

import harness

CURVES = {"P-256": (ec.SECP256R1(), 32, "ES256", hashlib.sha256, hashes.SHA256()),
          "P-384": (ec.SECP384R1(), 48, "ES384", hashlib.sha384, hashes.SHA384()),
          "P-521": (ec.SECP521R1(), 66, "ES512", hashlib.sha512, hashes.SHA512()),
          "P-256K": (ec.SECP256K1(), 32, "ES256K", hashlib.sha256, hashes.SHA256())}


def public_key(jwk_x: bytes, jwk_y: bytes, curve) -> ec.EllipticCurvePublicKey:
    return ec.EllipticCurvePublicNumbers(int.from_bytes(jwk_x, "big"), int.from_bytes(jwk_y, "big"), curve).public_key()


def to_der(signature: bytes) -> bytes:
    half = len(signature) // 2
    return utils.encode_dss_signature(int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big"))


@pytest.mark.parametrize("crv", list(CURVES))
def test_vault_signatures_verify_in_python(admin_keys, conn, admin_cred, key_name, crv):
    curve, width, alg, digest_fn, hash_algorithm = CURVES[crv]
    key = admin_keys.create_ec_key(key_name, curve=KeyCurveName(crv))
    assert key.key_type == "EC"
    assert key.key.crv == crv
    assert len(key.key.x) == width and len(key.key.y) == width
    assert {getattr(op, "value", op) for op in key.key_operations} == {"sign", "verify"}

    message = b"EC conformance " + crv.encode()
    result = harness.crypto_client(conn, key.id, admin_cred).sign(SignatureAlgorithm(alg), digest_fn(message).digest())
    assert len(result.signature) == 2 * width, "raw r||s, fixed width, not DER"
    assert result.key_id == key.id
    verifier = public_key(key.key.x, key.key.y, curve)
    verifier.verify(to_der(result.signature), message, ec.ECDSA(hash_algorithm))
    with pytest.raises(InvalidSignature):
        verifier.verify(to_der(result.signature), message + b"!", ec.ECDSA(hash_algorithm))


def test_ec_create_defaults_to_p256(admin_keys, key_name):
    assert admin_keys.create_ec_key(key_name).key.crv == "P-256"


def test_algorithm_of_another_curve_is_refused(admin_keys, officer_vault, admin_cred, raw, key_name):
    key = admin_keys.create_ec_key(key_name, curve="P-256")
    response = raw.vault("POST", officer_vault.name, f"/keys/{key_name}/{key.properties.version}/sign", cred=admin_cred,
                         json={"alg": "ES384", "value": harness.b64url_encode(b"\x00" * 48)})
    message = harness.assert_azure_error(response, 400, "BadParameter")
    assert "ES384" in message and "ES256" in message, message


def test_short_coordinates_are_left_padded_and_still_verify(make_officer_vault, admin_cred, raw, conn, key_name):
    # About 1 P-256 key in 128 has an x or y below 2**248. Create (raw, fast) until one shows up.
    vault = make_officer_vault()
    token = admin_cred.get_token(conn.vault_scope).token
    found = None
    for index in range(2000):
        response = raw.vault("POST", vault.name, f"/keys/{key_name}-{index}/create", token=token,
                             json={"kty": "EC", "crv": "P-256"})
        assert response.status_code == 200, response.text
        jwk = response.json()["key"]
        x, y = harness.b64url_decode(jwk["x"]), harness.b64url_decode(jwk["y"])
        assert len(x) == 32 and len(y) == 32
        if x[0] == 0 or y[0] == 0:
            found = jwk
            break
    assert found is not None, "no short coordinate in 2000 keys (probability about 1e-7)"

    digest = hashlib.sha256(b"short").digest()
    signature = harness.crypto_client(conn, found["kid"], admin_cred).sign(SignatureAlgorithm.es256, digest).signature
    x, y = harness.b64url_decode(found["x"]), harness.b64url_decode(found["y"])
    public_key(x, y, ec.SECP256R1()).verify(to_der(signature), b"short", ec.ECDSA(hashes.SHA256()))
