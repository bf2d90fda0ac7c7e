// DataConnectTests: a stand-in Key Vault + token authority over real HTTPS (Python), for the libcurl path.

import Foundation
import XCTest

/// Starts `python3` serving the challenge, token, get-key and decrypt endpoints over TLS with a
/// certificate from a throwaway CA (made with the openssl CLI), routing by Host like the emulator:
/// `login.localhost:<port>` and `kv1.vault.localhost:<port>`. The server is stopped at teardown.
///
/// `mode`: "ok", or "rbac" (the Data Connect app gets 403 ForbiddenByRbac on the key).
final class PythonVaultServer {
    let port: Int
    let caFile: String
    private let process: Process

    init(mode: String, directory: URL, test: XCTestCase) throws {
        let script = directory.appendingPathComponent("fake_vault.py")
        try Data(PythonVaultServer.script.utf8).write(to: script)
        let ext = directory.appendingPathComponent("san.ext")
        try Data("subjectAltName=DNS:localhost,DNS:login.localhost,DNS:kv1.vault.localhost,IP:127.0.0.1\n".utf8).write(to: ext)
        let d = directory.path
        _ = try shell("""
            cd '\(d)' && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 1 -subj /CN=dataconnect-test-ca \
            && openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr -subj /CN=localhost \
            && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 1 -extfile san.ext
            """)
        caFile = directory.appendingPathComponent("ca.pem").path

        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "\(d)/server.pem", "\(d)/server.key", TestConnection.tenantId,
                             TestConnection.appId, TestConnection.appSecret, TestConnection.adminId, TestConnection.adminSecret, mode]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let started = process
        test.addTeardownBlock { started.terminate(); started.waitUntilExit() }
        // The script prints its port once it listens.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data([0x0A]) { line.append(byte) }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            throw XCTSkip("the Python stand-in vault did not start")
        }
        self.port = port
    }

    /// connection.json pointing at this server.
    func connectionJSON() -> String {
        """
        {"port":\(port),"caCertFile":"\(caFile)","authorityHost":"https://login.localhost:\(port)",
         "managementEndpoint":"https://management.localhost:\(port)","vaultDnsSuffix":"vault.localhost:\(port)",
         "portalUrl":"https://portal.localhost:\(port)","tenantId":"\(TestConnection.tenantId)",
         "subscriptionId":"0b7e2c4d-6f8a-4b1c-9d3e-5a7c9e1b3d50",
         "admin":{"clientId":"\(TestConnection.adminId)","clientSecret":"\(TestConnection.adminSecret)","objectId":"a1a1a1a1-0000-4000-8000-0000000000a1"},
         "dataConnectApp":{"clientId":"\(TestConnection.appId)","clientSecret":"\(TestConnection.appSecret)","objectId":"d2d2d2d2-0000-4000-8000-0000000000d2"}}
        """
    }

    var vaultURL: String { "https://kv1.vault.localhost:\(port)" }

    static let script = #"""
    import base64, http.server, json, ssl, sys, time, urllib.parse
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    cert, key, tenant, app_id, app_secret, admin_id, admin_secret, mode = sys.argv[1:9]
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    version = "0123456789abcdef0123456789abcdef"
    paddings = {
        "RSA-OAEP-256": padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None),
        "RSA-OAEP": padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None),
        "RSA1_5": padding.PKCS1v15(),
    }
    b64u = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    unb64u = lambda s: base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args): pass
        def do_GET(self): self.answer(b"")
        def do_POST(self): self.answer(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

        def reply(self, status, body, headers=None):
            data = json.dumps(body).encode()
            self.send_response(status)
            for name, value in (headers or {}).items(): self.send_header(name, value)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def answer(self, body):
            host, port = self.headers["Host"].split(":")[0], self.server.server_address[1]
            if host == "login.localhost":
                form = urllib.parse.parse_qs(body.decode())
                pair = (form["client_id"][0], form["client_secret"][0])
                if form["scope"][0] != f"https://vault.localhost:{port}/.default" or form["grant_type"][0] != "client_credentials":
                    return self.reply(400, {"error": "invalid_scope", "error_description": "AADSTS70011: bad scope"})
                if pair not in [(app_id, app_secret), (admin_id, admin_secret)]:
                    return self.reply(401, {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided."})
                return self.reply(200, {"token_type": "Bearer", "expires_in": 3599, "access_token": "token-" + pair[0]})
            auth = self.headers.get("Authorization")
            if not auth:
                challenge = f'Bearer authorization="https://login.localhost:{port}/{tenant}", resource="https://vault.localhost:{port}"'
                return self.reply(401, {"error": {"code": "Unauthorized", "message": "AKV10000: Request is missing a Bearer or PoP token."}},
                                  {"WWW-Authenticate": challenge})
            caller = auth[len("Bearer token-"):]
            path = urllib.parse.urlparse(self.path).path
            if mode == "rbac" and caller == app_id:
                return self.reply(403, {"error": {"code": "Forbidden", "message": "Caller is not authorized to perform action on resource.",
                                                  "innererror": {"code": "ForbiddenByRbac"}}})
            kid = f"https://{self.headers['Host']}/keys/{tenant}/{version}"
            if self.command == "GET" and path == f"/keys/{tenant}":
                numbers = private.public_key().public_numbers()
                return self.reply(200, {"key": {"kid": kid, "kty": "RSA", "key_ops": ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
                                                "n": b64u(numbers.n.to_bytes(256, "big")), "e": b64u(numbers.e.to_bytes(3, "big"))},
                                        "attributes": {"enabled": True, "exp": int(time.time()) + 86400, "created": int(time.time()),
                                                       "updated": int(time.time()), "recoveryLevel": "Recoverable+Purgeable"}})
            if self.command == "POST" and path == f"/keys/{tenant}/{version}/decrypt" and caller == admin_id:
                request = json.loads(body)
                return self.reply(200, {"kid": kid, "value": b64u(private.decrypt(unb64u(request["value"]), paddings[request["alg"]]))})
            self.reply(404, {"error": {"code": "KeyNotFound", "message": "A key with (name/id) was not found in this key vault."}})

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#
}
