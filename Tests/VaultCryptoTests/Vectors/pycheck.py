#!/usr/bin/env python3
"""Checks Swift-made values with Python `cryptography` and `ssl`, for VaultCryptoTests.

Usage: python3 pycheck.py COMMAND INPUT.json -- prints one JSON document on stdout.
  rsa-decrypt  {"pkcs8", "items": [{"padding", "ciphertext"}]}         -> ["<plaintext hex>" | "error: ..."]
  rsa-verify   {"spki", "items": [{"hash", "padding", "digest", "signature"}]} -> [true | false]
  ec-verify    {"curve", "x", "y", "items": [{"digest", "signature"}]}  -> [true | false]
  tls          {"ca", "cert", "key" (file paths), "hosts": [...]}        -> ["ok" | "error: ..."]
Byte strings are hex. Exit status is 0 whenever the input could be read.
"""
import json
import ssl
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, utils

HASHES = {"sha1": hashes.SHA1, "sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}
CURVES = {"P-256": ec.SECP256R1, "P-384": ec.SECP384R1, "P-521": ec.SECP521R1, "P-256K": ec.SECP256K1}
DIGEST_BY_LENGTH = {32: hashes.SHA256, 48: hashes.SHA384, 64: hashes.SHA512}


def encryption_padding(name):
    if name == "RSA1_5":
        return padding.PKCS1v15()
    h = hashes.SHA1() if name == "RSA-OAEP" else hashes.SHA256()
    return padding.OAEP(mgf=padding.MGF1(h), algorithm=h, label=None)


def rsa_decrypt(doc):
    key = serialization.load_der_private_key(bytes.fromhex(doc["pkcs8"]), password=None)
    out = []
    for item in doc["items"]:
        try:
            out.append(key.decrypt(bytes.fromhex(item["ciphertext"]), encryption_padding(item["padding"])).hex())
        except ValueError as error:
            out.append(f"error: {error}")
    return out


def rsa_verify(doc):
    key = serialization.load_der_public_key(bytes.fromhex(doc["spki"]))
    out = []
    for item in doc["items"]:
        h = HASHES[item["hash"]]()
        pad = padding.PKCS1v15() if item["padding"] == "pkcs1v15" else padding.PSS(
            mgf=padding.MGF1(h), salt_length=padding.PSS.DIGEST_LENGTH)
        try:
            key.verify(bytes.fromhex(item["signature"]), bytes.fromhex(item["digest"]), pad, utils.Prehashed(h))
            out.append(True)
        except InvalidSignature:
            out.append(False)
    return out


def ec_verify(doc):
    curve = CURVES[doc["curve"]]()
    key = ec.EllipticCurvePublicNumbers(int(doc["x"], 16), int(doc["y"], 16), curve).public_key()
    out = []
    for item in doc["items"]:
        raw, d = bytes.fromhex(item["signature"]), bytes.fromhex(item["digest"])
        half = len(raw) // 2
        der = utils.encode_dss_signature(int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big"))
        try:
            key.verify(der, d, ec.ECDSA(utils.Prehashed(DIGEST_BY_LENGTH[len(d)]())))
            out.append(True)
        except InvalidSignature:
            out.append(False)
    return out


def handshake(server_ctx, client_ctx, host):
    """Runs a TLS handshake between two in-memory endpoints; returns "ok" or the client's error."""
    c_in, c_out, s_in, s_out = ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO()
    client = client_ctx.wrap_bio(c_in, c_out, server_hostname=host)
    server = server_ctx.wrap_bio(s_in, s_out, server_side=True)
    done = {"client": False, "server": False}
    for _ in range(20):
        for name, endpoint in (("client", client), ("server", server)):
            if not done[name]:
                try:
                    endpoint.do_handshake()
                    done[name] = True
                except ssl.SSLWantReadError:
                    pass
                except ssl.SSLError as error:
                    return f"error: {name}: {error}"
        s_in.write(c_out.read())
        c_in.write(s_out.read())
        if all(done.values()):
            return "ok"
    return "error: handshake did not complete"


def tls(doc):
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(doc["cert"], doc["key"])
    client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED and check_hostname by default
    client_ctx.load_verify_locations(cafile=doc["ca"])
    client_ctx.verify_flags |= ssl.VERIFY_X509_STRICT
    return [handshake(server_ctx, client_ctx, host) for host in doc["hosts"]]


COMMANDS = {"rsa-decrypt": rsa_decrypt, "rsa-verify": rsa_verify, "ec-verify": ec_verify, "tls": tls}

if __name__ == "__main__":
    with open(sys.argv[2]) as handle:
        print(json.dumps(COMMANDS[sys.argv[1]](json.load(handle))))
