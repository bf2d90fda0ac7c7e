// DataConnect: the module's one error type and the exit status each kind maps to.

import Foundation

/// Every failure of the agent, with the reason a person reads (one line, no secrets, no key bytes).
///
/// The kind decides the process exit status, so the executable never chooses it by message text:
///
/// | Kind | Exit |
/// |---|---|
/// | `usage` | 2 |
/// | `invalidInput`, `authenticationFailed`, `vaultRejected`, `keyRejected`, `encryptionRequired`, `runFailed` | 3 |
/// | `verificationFailed` | 4 |
/// | `transport` | 5 |
public struct DataConnectError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// Command-line arguments are missing, unknown or malformed.
        case usage
        /// A file we were given (connection.json, fixtures) is missing or not what it should be.
        case invalidInput
        /// The token authority refused the client credential, or the vault refused the token.
        case authenticationFailed
        /// The vault answered with an Azure error body (structured, so it can be mapped to a portal step).
        case vaultRejected(VaultFailure)
        /// The tenant key exists but breaks one of the Data Connect requirements.
        case keyRejected(KeyRequirementViolation)
        /// Encryption could not be set up and `--require-encryption` forbids a clear delivery.
        case encryptionRequired
        /// Writing the drop failed (disk, permissions).
        case runFailed
        /// A drop does not decrypt, decompress or hash to what its run.json promises.
        case verificationFailed
        /// No HTTP exchange could be completed, or the answer was not one we can interpret.
        case transport
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    /// The process exit status for this kind of failure.
    public var exitStatus: Int32 {
        switch code {
        case .usage: return 2
        case .invalidInput, .authenticationFailed, .vaultRejected, .keyRejected, .encryptionRequired, .runFailed: return 3
        case .verificationFailed: return 4
        case .transport: return 5
        }
    }
}
