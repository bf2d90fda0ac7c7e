#!/usr/bin/env python3
"""Writes vectors.json next to this file: known answers made with Python `cryptography`.

Run `python3 generate.py` to regenerate. Keys are random, so every run yields new vectors;
the committed vectors.json is the set the Swift tests read. All byte strings are lower-case hex.
"""
import json
import os
from pathlib import Path

from cryptography.hazmat.primitives import hashes, padding as block_padding, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

HASHES = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}


def pkcs8(key):
    return key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).hex()


def spki(key):
    return key.public_key().public_bytes(serialization.Encoding.DER,
                            serialization.PublicFormat.SubjectPublicKeyInfo).hex()


def digest(hash_name, message):
    h = hashes.Hash(HASHES[hash_name])
    h.update(message)
    return h.finalize()


def rsa_vectors():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    numbers = key.private_numbers()
    plaintext = b"Key Vault wraps this 32-byte key"
    encryptions = {
        "RSA1_5": padding.PKCS1v15(),
        "RSA-OAEP": padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None),
        "RSA-OAEP-256": padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None),
    }
    signatures = []
    for alg, hash_name, scheme in [("RS256", "sha256", "pkcs1v15"), ("RS384", "sha384", "pkcs1v15"),
                                   ("RS512", "sha512", "pkcs1v15"), ("PS256", "sha256", "pss"),
                                   ("PS384", "sha384", "pss"), ("PS512", "sha512", "pss")]:
        d = digest(hash_name, b"vault signing vector " + alg.encode())
        pad = padding.PKCS1v15() if scheme == "pkcs1v15" else padding.PSS(
            mgf=padding.MGF1(HASHES[hash_name]), salt_length=padding.PSS.DIGEST_LENGTH)
        sig = key.sign(d, pad, utils.Prehashed(HASHES[hash_name]))
        signatures.append({"alg": alg, "hash": hash_name, "padding": scheme, "digest": d.hex(), "signature": sig.hex()})
    return {
        "pkcs8": pkcs8(key),
        "spki": spki(key),
        "n": numbers.public_numbers.n.to_bytes(256, "big").hex(),
        "e": "010001",
        "plaintext": plaintext.hex(),
        "ciphertexts": {name: key.public_key().encrypt(plaintext, pad).hex() for name, pad in encryptions.items()},
        "signatures": signatures,
    }


CURVES = [("P-256", ec.SECP256R1(), "sha256", 32), ("P-384", ec.SECP384R1(), "sha384", 48),
          ("P-521", ec.SECP521R1(), "sha512", 66), ("P-256K", ec.SECP256K1(), "sha256", 32)]


def ec_entry(name, key, width):
    numbers = key.private_numbers()
    return {"curve": name, "pkcs8": pkcs8(key),
            "x": numbers.public_numbers.x.to_bytes(width, "big").hex(),
            "y": numbers.public_numbers.y.to_bytes(width, "big").hex(),
            "d": numbers.private_value.to_bytes(width, "big").hex()}


def ec_vectors():
    out = []
    for name, curve, hash_name, width in CURVES:
        key = ec.generate_private_key(curve)
        d = digest(hash_name, b"vault ecdsa vector " + name.encode())
        r, s = utils.decode_dss_signature(key.sign(d, ec.ECDSA(utils.Prehashed(HASHES[hash_name]))))
        entry = ec_entry(name, key, width)
        entry.update({"hash": hash_name, "digest": d.hex(),
                      "signature": (r.to_bytes(width, "big") + s.to_bytes(width, "big")).hex()})
        out.append(entry)
    return out


def short_coordinate_keys():
    """Keys whose x, y or d start with a zero byte, which a careless encoder would drop."""
    wanted = {("P-256", "x"), ("P-256", "y"), ("P-256", "d"), ("P-256K", "x"), ("P-384", "y"), ("P-521", "x")}
    found = []
    for name, curve, _, width in CURVES:
        for field in sorted(f for c, f in wanted if c == name):
            while True:
                entry = ec_entry(name, ec.generate_private_key(curve), width)
                if entry[field].startswith("00"):
                    entry["shortField"] = field
                    found.append(entry)
                    break
    return found


def aes_vectors():
    key, iv = os.urandom(32), os.urandom(16)
    plaintext = b"Graph Data Connect delivery block, 45 bytes."
    padder = block_padding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    cbc = {"key": key.hex(), "iv": iv.hex(), "plaintext": plaintext.hex(),
           "ciphertext": (encryptor.update(padded) + encryptor.finalize()).hex()}
    gcm_key, nonce, aad = os.urandom(32), os.urandom(12), b"backup header v1"
    gcm_plaintext = b"serialized key bundle for a Key Vault backup blob"
    sealed = AESGCM(gcm_key).encrypt(nonce, gcm_plaintext, aad)
    gcm = {"key": gcm_key.hex(), "nonce": nonce.hex(), "aad": aad.hex(), "plaintext": gcm_plaintext.hex(),
           "ciphertext": sealed[:-16].hex(), "tag": sealed[-16:].hex()}
    return cbc, gcm


def main():
    cbc, gcm = aes_vectors()
    vectors = {"rsa": rsa_vectors(), "ec": ec_vectors(), "ecShortCoordinates": short_coordinate_keys(),
               "aesCbc": cbc, "aesGcm": gcm}
    path = Path(__file__).with_name("vectors.json")
    path.write_text(json.dumps(vectors, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
