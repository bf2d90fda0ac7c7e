// VaultCrypto: the module's one error type.

/// The only error VaultCrypto throws.
///
/// `reason` is meant for logs and error bodies: it names the operation and, for library
/// failures, OpenSSL's own error strings. It never holds key bytes, plaintext or tokens.
///
/// Errors compare by ``code`` only, so tests and callers can match the kind of failure
/// without depending on wording:
///
/// ```swift
/// XCTAssertThrowsError(try key.decrypt(Data(), padding: .oaepSHA1)) {
///     XCTAssertEqual($0 as? CryptoError, CryptoError(.invalidInput, ""))
/// }
/// ```
public struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarse enough to map onto an HTTP status.
    public enum Code: Sendable {
        /// The key is malformed, of the wrong type, or lacks the private half.
        case invalidKey
        /// The input (length, encoding, parameter) is not acceptable for the operation.
        case invalidInput
        /// The algorithm, curve or size is not supported.
        case unsupported
        /// The library refused the operation (bad padding, failed authentication, ...).
        case operationFailed
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }

    public var description: String { "CryptoError(\(code)): \(reason)" }
}
