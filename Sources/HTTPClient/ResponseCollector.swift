// HTTPClient: collects status line, header lines and body from libcurl's callbacks.

import CCurl
import Foundation

/// Receives one response from libcurl. Passed to the callbacks as an unretained context
/// pointer; HTTPClient keeps it alive across curl_easy_perform.
final class ResponseCollector {
    private(set) var body = Data()
    private var headerLines: [(name: String, value: String)] = []

    /// Header names lower-cased, repeated headers joined with ", " in order.
    var headers: [String: String] {
        var joined: [String: String] = [:]
        for (name, value) in headerLines {
            joined[name] = joined[name].map { "\($0), \(value)" } ?? value
        }
        return joined
    }

    /// libcurl calls the header callback once per complete header line, CRLF included
    /// (CURLOPT_HEADERFUNCTION(3)), for every response it reads, interim ones too.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\r\n"))
        if line.hasPrefix("HTTP/") {
            headerLines.removeAll()          // a new status line: drop headers of an interim (1xx) response
        } else if let first = line.first, first == " " || first == "\t", let last = headerLines.popLast() {
            // obs-fold continuation (RFC 9112, section 5.2): part of the previous value.
            headerLines.append((last.name, last.value + " " + line.trimmingCharacters(in: .whitespaces)))
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headerLines.append((name, value))
        }
    }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) {
        body.append(contentsOf: bytes)
    }

    /// The context pointer handed to libcurl (CURLOPT_WRITEDATA / CURLOPT_HEADERDATA).
    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// C callbacks: `size * count` bytes at `data`; returning anything else makes libcurl abort
    /// the transfer with CURLE_WRITE_ERROR.
    static let bodyCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, context in
        guard let context else { return 0 }
        let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
        collector.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
        return size * count
    }

    static let headerCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, context in
        guard let context else { return 0 }
        let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
        collector.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
        return size * count
    }
}
