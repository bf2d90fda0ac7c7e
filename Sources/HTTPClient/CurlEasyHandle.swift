// HTTPClient: the owner of one CURL easy handle and its error buffer.

import CCurl
import Foundation

/// libcurl's process-wide initialization, run once on first use.
///
/// curl_global_init is not thread-safe in every build, so it must run once before any other
/// libcurl call; a `static let` initializer runs exactly once, thread-safely (swift_once).
private enum CurlLibrary {
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}

/// Owns one `CURL*` (curl_easy_cleanup in deinit) and the CURL_ERROR_SIZE buffer libcurl writes
/// its detail message into. Keeping one handle across requests keeps its connection cache, so
/// consecutive requests to the same host reuse the TCP + TLS connection.
///
/// Not thread-safe: a libcurl easy handle must not be used by two threads at once; HTTPClient
/// guards it with a Mutex.
final class CurlEasyHandle {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws {
        guard CurlLibrary.initialized else { throw HTTPClientError(reason: "curl_global_init failed") }
        guard let handle = curl_easy_init() else { throw HTTPClientError(reason: "curl_easy_init failed") }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        // curl_easy_cleanup also closes the connections this handle keeps alive.
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// curl_easy_reset returns every option to its default but keeps live connections, the DNS
    /// cache and TLS session IDs (curl_easy_reset(3)); afterwards the handle holds no pointer
    /// into memory of the previous request.
    func reset() {
        curl_easy_reset(handle)
        errorBuffer[0] = 0
    }

    func set(_ option: CURLoption, _ value: Int) throws {
        try check(shim_curl_setopt_long(handle, option, value), "setting option \(option.rawValue)")
    }

    /// libcurl copies string options at once (since 7.17), so `value` need not outlive the call.
    func set(_ option: CURLoption, _ value: String?) throws {
        try check(shim_curl_setopt_string(handle, option, value), "setting option \(option.rawValue)")
    }

    /// Pointer options are not copied: the memory must stay valid until perform() returns.
    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws {
        try check(shim_curl_setopt_pointer(handle, option, pointer), "setting option \(option.rawValue)")
    }

    func setCallback(_ option: CURLoption,
                     _ callback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int) throws {
        try check(shim_curl_setopt_write_callback(handle, option, callback), "setting callback \(option.rawValue)")
    }

    /// Points CURLOPT_ERRORBUFFER at our buffer; libcurl writes a NUL-terminated detail there on failure.
    func attachErrorBuffer() throws {
        errorBuffer[0] = 0
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
    }

    /// Runs the transfer synchronously on this thread.
    func perform() throws {
        try check(curl_easy_perform(handle), "request")
    }

    /// The last response's status code (0 if none was received).
    func responseCode() -> Int {
        var code = 0
        _ = shim_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    private func check(_ code: CURLcode, _ operation: String) throws {
        guard code != CURLE_OK else { return }
        // curl_easy_strerror returns a static string for any code.
        let summary = String(cString: curl_easy_strerror(code))
        let detail = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        throw HTTPClientError(reason: detail.isEmpty || detail == summary ? summary : "\(summary): \(detail)")
    }
}
