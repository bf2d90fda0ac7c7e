// EmulatorTests: a live emulator on port 0 with its own temporary data directory (tier 2).

import Foundation
import XCTest
@testable import Emulator
import EmulatorClient
import HTTPClient

/// Starts an `EmulatorServer` for one test case and stops it, removing its data directory.
final class LiveEmulator {
    let directory: URL
    let server: EmulatorServer
    let connection: ConnectionFile
    let http: HTTPClient

    init(dataDirectory: URL? = nil, configure: (inout EmulatorConfiguration) -> Void = { _ in }) throws {
        directory = dataDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("kvemu-\(UUID().uuidString)")
        var configuration = EmulatorConfiguration()
        configuration.dataDirectory = directory.path
        configuration.port = 0
        configuration.loops = 2
        configure(&configuration)
        server = EmulatorServer(configuration: configuration)
        connection = try server.start()
        http = HTTPClient(caFile: connection.caCertFile)
    }

    func stop(removing: Bool = true) {
        server.stop()
        if removing { try? FileManager.default.removeItem(at: directory) }
    }

    var admin: AzureSession { AzureSession(connection: connection, credential: connection.admin) }
    var app: AzureSession { AzureSession(connection: connection, credential: connection.dataConnectApp) }

    /// A raw request with an optional bearer token.
    func send(_ method: String, _ url: String, token: String? = nil, json: String? = nil) throws -> (status: Int, headers: [String: String], json: [String: Any]) {
        var headers: [(String, String)] = []
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if json != nil { headers.append(("Content-Type", "application/json")) }
        let response = try http.send(method, url, headers: headers, body: json.map { Data($0.utf8) })
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
        return (response.status, response.headers, object)
    }
}

extension Dictionary where Key == String, Value == Any {
    /// `error.code`, `error.innererror.code` of an Azure error body.
    var errorCode: String? { (self["error"] as? [String: Any])?["code"] as? String }
    var innerErrorCode: String? { ((self["error"] as? [String: Any])?["innererror"] as? [String: Any])?["code"] as? String }
    var errorMessage: String? { (self["error"] as? [String: Any])?["message"] as? String }
}
