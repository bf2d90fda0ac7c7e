// DataConnect: the HTTP exchange the vault client needs, as a protocol so tests can answer it.

import Foundation
import HTTPClient

/// One HTTP answer; header names lower-cased.
public struct VaultHTTPResponse: Sendable, Equatable {
    public let status: Int
    public let headers: [String: String]
    public let body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }
}

/// Sends one request. Implementations throw `DataConnectError` of kind `transport` when no answer
/// arrives (connection refused, TLS failure, timeout).
public protocol VaultTransport: Sendable {
    func send(_ method: String, _ url: String, headers: [(String, String)], body: Data?) throws -> VaultHTTPResponse
}

/// The real transport: libcurl through `HTTPClient`, trusting the emulator's CA.
public struct CurlVaultTransport: VaultTransport {
    private let client: HTTPClient

    /// `caFile` is connection.json's `caCertFile`.
    public init(caFile: String, timeoutSeconds: Int = 30) {
        client = HTTPClient(caFile: caFile, timeoutSeconds: timeoutSeconds)
    }

    public func send(_ method: String, _ url: String, headers: [(String, String)], body: Data?) throws -> VaultHTTPResponse {
        do {
            let response = try client.send(method, url, headers: headers, body: body)
            return VaultHTTPResponse(status: response.status, headers: response.headers, body: response.body)
        } catch let error as HTTPClientError {
            throw DataConnectError(.transport, "\(method) \(VaultTransportText.withoutQuery(url)) failed: \(error.reason)")
        } catch {
            throw DataConnectError(.transport, "\(method) \(VaultTransportText.withoutQuery(url)) failed")
        }
    }
}

enum VaultTransportText {
    /// The URL without its query, for messages.
    static func withoutQuery(_ url: String) -> String {
        url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
    }
}
