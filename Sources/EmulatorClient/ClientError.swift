// EmulatorClient: failures of the client side, and Azure errors returned by the emulator.

/// A local failure: unreadable connection file, unreachable emulator, unexpected answer.
public struct ClientError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// An error the emulator answered, in Azure's terms.
public struct AzureCallError: Error, CustomStringConvertible {
    public let status: Int
    public let code: String
    public let innerCode: String?
    public let message: String

    public var description: String {
        "\(status) \(code)\(innerCode.map { " (\($0))" } ?? ""): \(message)"
    }
}
