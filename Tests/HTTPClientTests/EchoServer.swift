// HTTPClientTests: a throwaway HTTPS echo server (python3 http.server + ssl) with its own certificate.

import Foundation

/// Starts `python3` serving HTTPS on 127.0.0.1, port 0, with a fresh self-signed certificate for
/// localhost, *.localhost, *.vault.localhost and 127.0.0.1. Every request is answered with a JSON echo of what the
/// server received; `/status/<n>` answers with status n, `/sleep/<s>` waits s seconds first.
final class EchoServer {
    let directory: URL
    let port: Int
    /// The server's certificate (self-signed, so it is its own CA).
    let caFile: String
    /// A second self-signed certificate that did not sign the server's: an untrusted CA.
    let otherCAFile: String
    private let process: Process

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("http-client-tests-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        caFile = directory.appendingPathComponent("server.pem").path
        otherCAFile = directory.appendingPathComponent("other.pem").path
        let keyFile = directory.appendingPathComponent("server.key").path
        try Self.makeCertificate(certificate: caFile, key: keyFile,
                                 names: "DNS:localhost,DNS:*.localhost,DNS:*.vault.localhost,IP:127.0.0.1")
        try Self.makeCertificate(certificate: otherCAFile, key: directory.appendingPathComponent("other.key").path,
                                 names: "DNS:localhost,DNS:*.localhost,IP:127.0.0.1")
        let script = directory.appendingPathComponent("echo_server.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)

        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, caFile, keyFile]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The script prints its port once listening.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let more = stdout.fileHandleForReading.availableData
            if more.isEmpty { break }
            line += more
        }
        guard let text = String(data: line, encoding: .utf8),
              let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "echo server did not start"])
        }
        self.port = port
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private static func makeCertificate(certificate: String, key: String, names: String) throws {
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                             "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=\(names)",
                             "-keyout", key, "-out", certificate]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "openssl req failed"])
        }
    }

    private static let script = #"""
    import base64, http.server, json, ssl, sys, time

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"          # keep-alive, so connection reuse is observable

        def log_message(self, *args):
            pass

        def answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = self.path.split("/")
            if len(parts) > 2 and parts[1] == "sleep":
                time.sleep(float(parts[2]))
            status = int(parts[2]) if len(parts) > 2 and parts[1] == "status" else 200
            echo = json.dumps({
                "method": self.command,
                "path": self.path,
                "headers": [[name, value] for name, value in self.headers.items()],
                "body": base64.b64encode(body).decode(),
                "clientPort": self.client_address[1],
            }).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Echo-Method", self.command)
            self.send_header("X-Repeated", "first")
            self.send_header("X-Repeated", "second")
            if status == 401:
                self.send_header("WWW-Authenticate", 'Bearer authorization="https://login.localhost/t1"')
            if 300 <= status < 400:
                self.send_header("Location", "/elsewhere")
            if status in (204, 205, 304):       # no content; 205 still needs its length stated
                if status == 205:
                    self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_header("Content-Length", str(len(echo)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(echo)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = answer

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[1], sys.argv[2])
    # Handshake in the connection's thread, so a client that rejects the certificate cannot stall accept().
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#
}

/// What the echo server saw, decoded from its JSON answer.
struct Echo {
    let method: String
    let path: String
    let headers: [(String, String)]
    let body: Data
    let clientPort: Int

    init(_ json: Data) throws {
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
        method = object["method"] as? String ?? ""
        path = object["path"] as? String ?? ""
        headers = (object["headers"] as? [[String]] ?? []).map { ($0[0], $0[1]) }
        body = Data(base64Encoded: object["body"] as? String ?? "") ?? Data()
        clientPort = object["clientPort"] as? Int ?? -1
    }

    /// Values of request header `name` (case-insensitive), in order.
    func header(_ name: String) -> [String] {
        headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
    }
}

/// A loopback port with nothing listening: bind port 0, read the port, close.
func unusedLoopbackPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(fd, pointer, length)
            return getsockname(fd, pointer, &length)
        }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}
