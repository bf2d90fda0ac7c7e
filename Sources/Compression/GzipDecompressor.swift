// Compression: streaming gzip (RFC 1952) decompression over zlib's inflate.

import CZlib
import Foundation

/// Decompresses a gzip stream chunk by chunk, in constant memory. Concatenated gzip members
/// (what `cat a.gz b.gz` produces) decompress to the concatenated contents, as with `gzip -d`.
///
/// Corrupt data (bad header, bad deflate data, CRC or length mismatch) throws from `update`;
/// a stream that stops inside a member throws from `finish`, so always call `finish`.
///
/// ```swift
/// let gunzip = try GzipDecompressor()
/// var plain = Data()
/// for chunk in chunks { plain += try gunzip.update(chunk) }
/// plain += try gunzip.finish()
/// ```
public final class GzipDecompressor {
    private enum State { case noInput, inMember, betweenMembers, finished, failed }

    private let zlib: ZStream
    private var state = State.noInput

    public init() throws {
        // windowBits 15 + 16: up to a 32 KiB window, and +16 accepts only the gzip wrapper and
        // checks its CRC-32 and length trailer (zlib.h, inflateInit2).
        zlib = try ZStream(initialize: { shim_inflateInit2($0, 15 + 16) }, end: { inflateEnd($0) })
    }

    /// Decompresses `chunk` and returns the plain bytes ready so far.
    public func update(_ chunk: Data) throws -> Data {
        switch state {
        case .finished: throw CompressionError(reason: "update after finish")
        case .failed: throw CompressionError(reason: "update after a decompression error")
        default: break
        }
        var input = chunk
        var plain = Data()
        while !input.isEmpty {
            if state == .betweenMembers {
                // More bytes after a complete member: inflateReset keeps the settings (gzip
                // wrapper) and starts over at a new header, which also rejects trailing garbage.
                let code = inflateReset(zlib.stream)
                guard code == Z_OK else { throw fail(code, during: "decompression") }
            }
            state = .inMember
            let result = try zlib.pump(input) { stream in
                // Z_BUF_ERROR only means "no progress possible" (all input consumed); not fatal.
                let code = inflate(stream, Z_NO_FLUSH)
                switch code {
                case Z_OK, Z_BUF_ERROR, Z_STREAM_END: return code
                default: throw fail(code, during: "decompression")
                }
            }
            plain += result.output
            if result.code == Z_STREAM_END { state = .betweenMembers }
            input = result.unread
        }
        return plain
    }

    /// Checks the stream ended at the end of a gzip member. Returns no further data (everything
    /// was returned by `update`); throws if the input was empty or cut short.
    public func finish() throws -> Data {
        switch state {
        case .betweenMembers:
            state = .finished
            return Data()
        case .noInput: throw CompressionError(reason: "empty input is not a gzip stream")
        case .inMember: throw CompressionError(reason: "truncated gzip stream: input ended inside a member")
        case .finished: throw CompressionError(reason: "finish called twice")
        case .failed: throw CompressionError(reason: "finish after a decompression error")
        }
    }

    private func fail(_ code: Int32, during operation: String) -> CompressionError {
        state = .failed
        return zlib.error(code, during: operation)
    }
}
