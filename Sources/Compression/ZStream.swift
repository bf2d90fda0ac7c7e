// Compression: the owner of one heap-allocated z_stream and the loop that feeds it.

import CZlib
import Foundation

/// Owns a `z_stream` at a stable heap address and the output buffer zlib writes into.
///
/// zlib keeps a pointer back to the `z_stream` inside its internal state and checks it on every
/// call (`Z_STREAM_ERROR` otherwise), so the struct must never move: it lives in memory allocated
/// here, not in a Swift stored property. `end` (`deflateEnd` or `inflateEnd`) runs once in
/// `deinit`, only if the matching init succeeded.
final class ZStream {
    let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutablePointer<Bytef>
    private static let outputCapacity = 64 * 1024
    /// Largest slice handed to zlib at once: avail_in is a 32-bit `uInt`.
    private static let inputSlice = 1 << 30
    private let end: (UnsafeMutablePointer<z_stream>) -> Int32
    private var initialized = false

    /// Allocates a zeroed stream (zalloc/zfree/opaque = Z_NULL selects zlib's own allocator) and
    /// runs `initialize` on it; throws with zlib's message if that does not return Z_OK.
    init(initialize: (UnsafeMutablePointer<z_stream>) -> Int32,
         end: @escaping (UnsafeMutablePointer<z_stream>) -> Int32) throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = .allocate(capacity: Self.outputCapacity)
        self.end = end
        let code = initialize(stream)
        guard code == Z_OK else { throw error(code, during: "initialization") }
        initialized = true
    }

    deinit {
        if initialized { _ = end(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        output.deallocate()
    }

    /// Lends `input` to zlib and calls `step` (one deflate/inflate call returning its code) until
    /// zlib has taken all input and no longer fills the output buffer, or `step` returns
    /// Z_STREAM_END. Returns the output, the last code and how many input bytes were not read
    /// (non-zero only after Z_STREAM_END: bytes after the end of a gzip member).
    func pump(_ input: Data, step: (UnsafeMutablePointer<z_stream>) throws -> Int32) throws
        -> (output: Data, code: Int32, unread: Data)
    {
        var produced = Data()
        var offset = input.startIndex
        repeat {
            let slice = input[offset..<min(input.endIndex, offset + Self.inputSlice)]
            let (code, unread) = try pumpSlice(slice, into: &produced, step: step)
            offset = slice.endIndex - unread
            if code == Z_STREAM_END { return (produced, code, Data(input[offset...])) }
            if offset == input.endIndex { return (produced, code, Data()) }
        } while true
    }

    private func pumpSlice(_ slice: Data, into produced: inout Data,
                           step: (UnsafeMutablePointer<z_stream>) throws -> Int32) throws -> (Int32, Int) {
        try slice.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            // zlib reads through next_in and never writes it (it is `const` under z_const), so
            // lending a read-only buffer as mutable is safe. The pointer is cleared before return.
            stream.pointee.next_in = UnsafeMutablePointer(mutating: buffer.bindMemory(to: Bytef.self).baseAddress)
            stream.pointee.avail_in = uInt(buffer.count)
            defer {
                stream.pointee.next_in = nil
                stream.pointee.avail_in = 0
            }
            var code = Z_OK
            repeat {
                stream.pointee.next_out = output
                stream.pointee.avail_out = uInt(Self.outputCapacity)
                code = try step(stream)
                produced.append(output, count: Self.outputCapacity - Int(stream.pointee.avail_out))
                if code == Z_STREAM_END { break }
            } while stream.pointee.avail_out == 0 || stream.pointee.avail_in > 0
            return (code, Int(stream.pointee.avail_in))
        }
    }

    /// A CompressionError from a zlib code, preferring zlib's own message for this stream.
    func error(_ code: Int32, during operation: String) -> CompressionError {
        if let message = stream.pointee.msg {
            return CompressionError(reason: "\(operation): \(String(cString: message))")
        }
        let name: String
        switch code {
        case Z_DATA_ERROR: name = "invalid or corrupt data"
        case Z_MEM_ERROR: name = "out of memory"
        case Z_STREAM_ERROR: name = "invalid stream state or parameter"
        case Z_BUF_ERROR: name = "no progress possible"
        case Z_NEED_DICT: name = "preset dictionary required"
        case Z_VERSION_ERROR: name = "zlib version mismatch"
        default: name = "zlib code \(code)"
        }
        return CompressionError(reason: "\(operation): \(name)")
    }
}
