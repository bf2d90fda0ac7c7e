// ServiceCore: the vocabulary every service shares (errors, clock, principal, operation context).

/// An error a service answers with, in Azure's terms: a kind (which the transport maps to an HTTP
/// status in one place), Azure's `code`, the exact `message`, and an optional `innererror.code`.
///
/// Each wire dialect keeps its constructors in one catalogue file (`KeyVaultErrors.swift`,
/// `ARMErrors.swift`, ...), so no handler chooses a status or writes a code by hand:
///
/// ```swift
/// throw ServiceError.keyNotFound(name: "k1")   // 404 KeyNotFound
/// ```
///
/// Two errors are equal when kind, code and inner code match; messages are not compared, so tests
/// can assert on the kind without copying text.
public struct ServiceError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the terms the transport maps to a status code.
    public enum Kind: Sendable, Equatable {
        case badRequest, unauthorized, forbidden, notFound, methodNotAllowed, conflict
        case payloadTooLarge, tooManyRequests, notImplemented, internalFailure
    }

    public let kind: Kind
    public let code: String
    public let message: String
    public let innerCode: String?
    /// Extra response headers this error needs (the Key Vault challenge on a 401, for example).
    public let headers: [(String, String)]

    public init(_ kind: Kind, code: String, message: String, innerCode: String? = nil, headers: [(String, String)] = []) {
        self.kind = kind
        self.code = code
        self.message = message
        self.innerCode = innerCode
        self.headers = headers
    }

    /// The same error with extra headers (for example `WWW-Authenticate`).
    public func adding(headers more: [(String, String)]) -> ServiceError {
        ServiceError(kind, code: code, message: message, innerCode: innerCode, headers: headers + more)
    }

    public var description: String { "\(code)\(innerCode.map { "/\($0)" } ?? ""): \(message)" }
}

extension ServiceError: Equatable {
    public static func == (lhs: ServiceError, rhs: ServiceError) -> Bool {
        lhs.kind == rhs.kind && lhs.code == rhs.code && lhs.innerCode == rhs.innerCode
    }
}
