// DataConnect: a Key Vault error answer, reduced to what decides the next step.

import Foundation

/// An HTTP error from the vault with its Azure error body (`error.code`, `error.innererror.code`).
///
/// Decisions are taken on `status`, `code` and `innerCode`, never on `message` (which is kept only
/// to show the person what the vault said).
public struct VaultFailure: Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    public let code: String
    public let innerCode: String?
    public let message: String

    public init(status: Int, code: String, innerCode: String? = nil, message: String = "") {
        self.status = status
        self.code = code
        self.innerCode = innerCode
        self.message = message
    }

    /// `403 Forbidden/ForbiddenByRbac: <first line of the message>`.
    public var description: String {
        let codes = innerCode.map { "\(code)/\($0)" } ?? code
        let firstLine = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return firstLine.isEmpty ? "\(status) \(codes)" : "\(status) \(codes): \(firstLine)"
    }
}
