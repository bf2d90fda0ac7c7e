// Compression: streaming gzip (RFC 1952) compression over zlib's deflate.

import CZlib
import Foundation

/// Compresses a stream into one gzip member, chunk by chunk, in constant memory.
///
/// Output of `update` and `finish`, concatenated in order, is a complete `.gz` file that
/// `gzip -d` reads. Not thread-safe: one stream per thread (the agent runs one per file).
///
/// ```swift
/// let gzip = try GzipCompressor()
/// for chunk in records { try file.write(contentsOf: gzip.update(chunk)) }
/// try file.write(contentsOf: gzip.finish())
/// ```
public final class GzipCompressor {
    private let zlib: ZStream
    private var finished = false

    /// `level` is zlib's 0 (store) ... 9 (smallest); 6 is zlib's default trade-off.
    public init(level: Int = 6) throws {
        guard (0...9).contains(level) else {
            throw CompressionError(reason: "compression level must be 0...9, got \(level)")
        }
        // windowBits 15 + 16: a 32 KiB window, and +16 asks deflate for a gzip header and
        // trailer (CRC-32, length) instead of a zlib wrapper (zlib.h, deflateInit2).
        // memLevel 8 is zlib's default (DEF_MEM_LEVEL).
        zlib = try ZStream(
            initialize: { shim_deflateInit2($0, Int32(level), Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) },
            end: { deflateEnd($0) })
    }

    /// Compresses `chunk` and returns whatever compressed bytes are ready (often none: deflate
    /// buffers up to its window before emitting a block).
    public func update(_ chunk: Data) throws -> Data {
        guard !finished else { throw CompressionError(reason: "update after finish") }
        if chunk.isEmpty { return Data() }
        return try zlib.pump(chunk) { stream in
            // Z_NO_FLUSH lets deflate decide when to emit. Z_BUF_ERROR only means "no progress
            // possible" (output was exactly full and no input is left); it is not fatal.
            let code = deflate(stream, Z_NO_FLUSH)
            guard code == Z_OK || code == Z_BUF_ERROR else { throw zlib.error(code, during: "compression") }
            return code
        }.output
    }

    /// Flushes the last block and writes the gzip trailer. The compressor cannot be used after.
    public func finish() throws -> Data {
        guard !finished else { throw CompressionError(reason: "finish called twice") }
        let result = try zlib.pump(Data()) { stream in
            // With Z_FINISH, Z_OK / Z_BUF_ERROR mean "call again with more output space", which
            // the pump does while the output buffer comes back full; Z_STREAM_END means done.
            let code = deflate(stream, Z_FINISH)
            guard code == Z_OK || code == Z_BUF_ERROR || code == Z_STREAM_END else {
                throw zlib.error(code, during: "compression")
            }
            return code
        }
        guard result.code == Z_STREAM_END else { throw zlib.error(result.code, during: "finishing compression") }
        finished = true
        return result.output
    }
}
