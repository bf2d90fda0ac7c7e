// HTTPClient: the owner of one curl_slist of request header lines.

import CCurl

/// Owns a `curl_slist` (curl_slist_free_all in deinit). libcurl does not copy the list set with
/// CURLOPT_HTTPHEADER, so it must outlive the transfer: HTTPClient keeps it until perform returns.
final class CurlHeaderList {
    private(set) var list: UnsafeMutablePointer<curl_slist>?

    /// Builds `Name: value` lines. An empty value is written `Name;`, libcurl's spelling for "send
    /// this header with no value" (`Name:` would instead remove a header libcurl adds itself).
    init(_ headers: [(String, String)]) throws {
        for (name, value) in headers {
            try append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
    }

    /// Adds a raw line, e.g. `Expect:` to suppress a header libcurl would add.
    func append(_ line: String) throws {
        // curl_slist_append copies the string and returns the new head, or NULL (list unchanged) on OOM.
        guard let head = curl_slist_append(list, line) else {
            throw HTTPClientError(reason: "out of memory building request headers")
        }
        list = head
    }

    deinit {
        curl_slist_free_all(list)
    }
}
