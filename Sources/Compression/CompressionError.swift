// Compression: the one error type of the module.

/// A failure to compress or decompress: corrupt or truncated input, misuse, or zlib running out
/// of memory. `reason` is zlib's message (`z_stream.msg`) or a sentence of ours; it never holds data.
public struct CompressionError: Error, Sendable, CustomStringConvertible {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { "CompressionError: \(reason)" }
}
