// Management: ARM list responses ({"value":[...],"nextLink"}) with `$top` / `$skiptoken` paging.

import Foundation
import ServiceCore

/// A page of a list operation. `nextLink` is omitted when there is no further page.
struct ARMList<Item: Encodable>: Encodable {
    var value: [Item]
    var nextLink: String?
}

extension ManagementService {
    /// The page of `items` the request asks for. With `$top=n` it returns at most n items and a
    /// `nextLink` on the request's origin and `path` whose `$skiptoken` is the next offset;
    /// `extraQuery` (such as `$filter`) is carried into the link.
    static func page<Item: Encodable>(_ items: [Item], _ request: ServiceRequest, path: String,
                                      extraQuery: [(String, String)] = []) throws -> ServiceResponse {
        let offset = try queryInteger(request, "$skiptoken", minimum: 0) ?? 0
        guard let top = try queryInteger(request, "$top", minimum: 1) else {
            return .json(ARMList(value: Array(items.dropFirst(offset)), nextLink: nil))
        }
        let end = min(items.count, offset + top)
        let slice = offset < end ? Array(items[offset..<end]) : []
        var nextLink: String?
        if end < items.count {
            var query = [("api-version", request.context.apiVersion ?? "")] + extraQuery
            query += [("$top", String(top)), ("$skiptoken", String(end))]
            let encoded = query.map { "\($0.0)=\(percentEncoded($0.1))" }.joined(separator: "&")
            nextLink = request.context.origin + path + "?" + encoded
        }
        return .json(ARMList(value: slice, nextLink: nextLink))
    }

    /// An integer query parameter (name matched case-insensitively), or 400 when it is not one.
    static func queryInteger(_ request: ServiceRequest, _ name: String, minimum: Int) throws -> Int? {
        guard let text = queryValue(request, name) else { return nil }
        guard let value = Int(text), value >= minimum else {
            throw ServiceError.armBadRequest("The value '\(text)' of query parameter '\(name)' is invalid.")
        }
        return value
    }

    /// A query parameter, matching its name case-insensitively (`$skipToken` = `$skiptoken`).
    static func queryValue(_ request: ServiceRequest, _ name: String) -> String? {
        request.query.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
