// Emulator: the console's files as served: path, media type, validator and the security headers.

import Foundation
import HTTPServer
import VaultCrypto

/// One file of the console, built into the binary (nothing is read from disk or fetched from a CDN).
struct ConsoleAsset: Sendable {
    let path: String
    let contentType: String
    let body: Data
    /// A strong validator: the first 16 bytes of the body's SHA-256, in hex.
    let etag: String

    init(path: String, contentType: String, text: String) {
        self.path = path
        self.contentType = contentType
        body = Data(text.utf8)
        etag = "\"" + HashAlgorithm.sha256.hash(body).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// 200 with the body, or 304 when the browser's copy is current. `no-cache` makes the browser
    /// revalidate every time, so a rebuilt emulator is never shown with stale script.
    func response(requestId: String, ifNoneMatch: String?) -> HTTPResponse {
        let headers = [("Content-Type", contentType), ("Cache-Control", "no-cache"), ("ETag", etag), ("x-ms-request-id", requestId)]
            + ConsoleAssets.securityHeaders
        if let ifNoneMatch, ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
            return HTTPResponse(status: 304, headers: headers.filter { $0.0 != "Content-Type" })
        }
        return HTTPResponse(status: 200, headers: headers, body: body)
    }
}

enum ConsoleAssets {
    static let index = ConsoleAsset(path: "/", contentType: "text/html; charset=utf-8", text: ConsoleIndexPage.html)

    /// Every file under `/console/`. ES modules: `app.js` imports the others by relative URL.
    static let all: [ConsoleAsset] = [
        ConsoleAsset(path: "/console/console.css", contentType: "text/css; charset=utf-8", text: ConsoleStyles.css),
        ConsoleAsset(path: "/console/favicon.svg", contentType: "image/svg+xml", text: ConsoleIcon.svg),
        ConsoleAsset(path: "/console/app.js", contentType: "text/javascript; charset=utf-8", text: ConsoleAppScript.js),
        ConsoleAsset(path: "/console/api.js", contentType: "text/javascript; charset=utf-8", text: ConsoleAPIScript.js),
        ConsoleAsset(path: "/console/dom.js", contentType: "text/javascript; charset=utf-8", text: ConsoleDOMScript.js),
        ConsoleAsset(path: "/console/vaults.js", contentType: "text/javascript; charset=utf-8", text: ConsoleVaultsScript.js),
        ConsoleAsset(path: "/console/vault.js", contentType: "text/javascript; charset=utf-8", text: ConsoleVaultScript.js),
        ConsoleAsset(path: "/console/access.js", contentType: "text/javascript; charset=utf-8", text: ConsoleAccessScript.js),
        ConsoleAsset(path: "/console/assign.js", contentType: "text/javascript; charset=utf-8", text: ConsoleAssignScript.js),
        ConsoleAsset(path: "/console/keys.js", contentType: "text/javascript; charset=utf-8", text: ConsoleKeysScript.js),
        ConsoleAsset(path: "/console/readiness.js", contentType: "text/javascript; charset=utf-8", text: ConsoleReadinessScript.js),
    ]

    /// Only this origin's own files and APIs; no inline script or style, no framing, no plugins,
    /// and Trusted Types required so no string can become markup (the scripts build DOM nodes).
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'",
        "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
        "require-trusted-types-for 'script'", "trusted-types 'none'",
    ].joined(separator: "; ")

    static let securityHeaders: [(String, String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
    ]

    static func settingsResponse(_ body: Data, requestId: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store"),
                                            ("x-ms-request-id", requestId)] + securityHeaders, body: body)
    }
}
