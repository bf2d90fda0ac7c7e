// HTTPServerTests: one curl invocation and its parsed answer.

import Foundation

/// The last response curl received: status line, headers (names lower-cased) and body.
struct CurlResponse: Sendable {
    let exitCode: Int32
    let statusLine: String
    let status: Int
    let headers: [String: String]
    let body: Data
    /// curl's -v trace (TLS version, connection reuse).
    let trace: String
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

enum Curl {
    /// Runs `curl -sS -v --path-as-is --cacert <ca>` plus `arguments`; headers of the final
    /// response are read from the -D dump and the body from -o.
    static func send(_ arguments: [String], fixture: TLSFixture) throws -> CurlResponse {
        let base = NSTemporaryDirectory() + "curl-\(UUID().uuidString)"
        let headerPath = base + ".headers", bodyPath = base + ".body"
        defer { [headerPath, bodyPath].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let result = try Command.run("/usr/bin/curl", ["-sS", "-v", "--path-as-is", "--max-time", "10",
                                                       "--cacert", fixture.caFile, "-D", headerPath, "-o", bodyPath]
                                     + arguments)
        let dump = FileManager.default.contents(atPath: headerPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        // The dump holds one block per response (e.g. "100 Continue" first); keep the last one.
        let blocks = dump.components(separatedBy: "\r\n\r\n").filter { !$0.isEmpty }
        let lines = (blocks.last ?? "").components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let statusLine = lines.first ?? ""
        let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return CurlResponse(exitCode: result.status, statusLine: statusLine, status: status, headers: headers,
                            body: FileManager.default.contents(atPath: bodyPath) ?? Data(),
                            trace: result.standardErrorText)
    }

    /// Writes `data` to a file in the fixture's scratch directory for `--data-binary @file`.
    static func bodyFile(_ data: Data) -> String {
        let path = TLSFixture.scratchDirectory + "/body-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: path, contents: data)
        return path
    }
}
