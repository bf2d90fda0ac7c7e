"""TLS and names (DESIGN.md §2): every host family verifies against the emulator's CA on both
loopback addresses.

OpenSSL (Python's ssl, libcurl) does not let `*.localhost` match `login.localhost`: a wildcard
needs two labels after it. So the certificate must name login/management/portal explicitly;
`*.vault.localhost` does cover `{vault}.vault.localhost`.
"""

import socket
import ssl
from urllib.parse import urlsplit

import pytest


def host_names(conn):
    suffix_host = conn.vault_dns_suffix.rsplit(":", 1)[0]  # "vault.localhost"
    return {
        "localhost": "localhost",
        "login": urlsplit(conn.authority_host).hostname,
        "management": urlsplit(conn.management_endpoint).hostname,
        "portal": urlsplit(conn.portal_url).hostname,
        "vault": f"kv1.{suffix_host}",
        "long-vault": f"a{'b' * 22}c.{suffix_host}",
    }


@pytest.mark.parametrize("family", ["localhost", "login", "management", "portal", "vault", "long-vault"])
@pytest.mark.parametrize("address", ["127.0.0.1", "::1"])
def test_certificate_verifies_for_every_host(conn, family, address):
    name = host_names(conn)[family]
    context = ssl.create_default_context(cafile=conn.ca_cert_file)
    family_af = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family_af, socket.SOCK_STREAM) as raw_socket:
        raw_socket.settimeout(10)
        raw_socket.connect((address, conn.port))
        with context.wrap_socket(raw_socket, server_hostname=name) as tls:
            assert tls.version() in ("TLSv1.2", "TLSv1.3")


def test_names_resolve_to_loopback(conn):
    # *.localhost through glibc (libnss-myhostname, `make setup`).
    for name in host_names(conn).values():
        addresses = {info[4][0] for info in socket.getaddrinfo(name, conn.port, type=socket.SOCK_STREAM)}
        assert addresses and addresses <= {"127.0.0.1", "::1"}, (name, addresses)
