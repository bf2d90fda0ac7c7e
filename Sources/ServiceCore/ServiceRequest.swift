// ServiceCore: what a routed operation receives and returns, free of any transport type.

import Foundation

/// A request after routing and authentication: captured path parameters, query, body and context.
public struct ServiceRequest: Sendable {
    public let method: String
    /// Values captured by the route's path template.
    public let parameters: [String: String]
    /// Decoded query parameters (first value wins).
    public let query: [String: String]
    public let body: Data
    public let context: OperationContext

    public init(method: String, parameters: [String: String], query: [String: String], body: Data, context: OperationContext) {
        self.method = method
        self.parameters = parameters
        self.query = query
        self.body = body
        self.context = context
    }

    /// A captured path parameter; an absent optional segment reads as "".
    public func parameter(_ name: String) -> String { parameters[name] ?? "" }

    /// The body decoded as `T`, or a `badRequest` error with `errorCode` naming what is wrong.
    public func decodeBody<T: Decodable>(_ type: T.Type, errorCode: String = "BadParameter", emptyAsObject: Bool = false) throws -> T {
        try WireJSON.decode(type, from: body, errorCode: errorCode, emptyAsObject: emptyAsObject)
    }
}

/// What an operation answers: a status Azure's REST contract names for it, a JSON body or none.
public struct ServiceResponse: Sendable {
    public var status: Int
    public var body: Data?
    public var headers: [(String, String)]

    public init(status: Int, body: Data? = nil, headers: [(String, String)] = []) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    /// A JSON response encoded from a wire model.
    public static func json<T: Encodable>(_ value: T, status: Int = 200, headers: [(String, String)] = []) -> ServiceResponse {
        ServiceResponse(status: status, body: WireJSON.encode(value), headers: headers)
    }

    /// `204 No Content`.
    public static let noContent = ServiceResponse(status: 204)
}
