// CompressionTests: gzip round trips, interoperability with gzip(1), known answers and bad input.

import Foundation
import XCTest
import Compression

final class GzipTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gzip-tests-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    func testFiveMegabytesRoundTripInOddChunks() throws {
        let text = pseudoRandomText(bytes: 5 * 1024 * 1024)
        let compressed = try gzip(text)
        XCTAssertLessThan(compressed.count, text.count * 2 / 3, "text must actually compress")
        // Decompress with a different chunk pattern than compression used.
        let restored = try gunzip(compressed, chunkSizes: [65_536, 3, 999_983, 11])
        XCTAssertEqual(restored.count, text.count)
        XCTAssertEqual(restored, text)
    }

    func testOutputDecompressesWithSystemGzip() throws {
        let text = pseudoRandomText(bytes: 1_500_000, seed: 7)
        let file = directory.appendingPathComponent("ours.gz")
        try gzip(text, level: 9).write(to: file)
        XCTAssertEqual(try runSystemGzip(["-dc", file.path]), text)
        _ = try runSystemGzip(["-t", file.path])     // integrity check: CRC and length trailer
    }

    func testSystemGzipOutputDecompresses() throws {
        let text = pseudoRandomText(bytes: 1_500_000, seed: 11)
        let file = directory.appendingPathComponent("plain.txt")
        try text.write(to: file)
        let theirs = try runSystemGzip(["-c", "-9", file.path])   // header carries a file name and mtime
        XCTAssertEqual(Array(theirs.prefix(2)), [0x1F, 0x8B])
        XCTAssertEqual(try gunzip(theirs), text)
    }

    func testKnownAnswersMatchZlibFromPython() throws {
        // zlib.compressobj(level, DEFLATED, 31) in Python 3.11 over zlib 1.2.13.
        XCTAssertEqual(try gzip(Data("hello\n".utf8)), Data(hex: "1f8b0800000000000003cb48cdc9c9e7020020303a3606000000"))
        let fox = Data(String(repeating: "The quick brown fox jumps over the lazy dog", count: 3).utf8)
        XCTAssertEqual(try gzip(fox, level: 9, chunkSizes: [5]), Data(hex:
            "1f8b08000000000002030bc94855282ccd4cce56482aca2fcf5348cbaf50c82acd2d2856c82f4b2d5228014ae72456552aa4e4a787d0442900f39196d981000000"))
    }

    func testEmptyInputRoundTrips() throws {
        let empty = try gzip(Data())
        // Header (no name, mtime 0, OS 3), empty final block, CRC-32 0, length 0.
        XCTAssertEqual(empty, Data(hex: "1f8b080000000000000303000000000000000000"))
        XCTAssertEqual(try gunzip(empty), Data())
        let file = directory.appendingPathComponent("empty.gz")
        try empty.write(to: file)
        XCTAssertEqual(try runSystemGzip(["-dc", file.path]), Data())
    }

    func testConcatenatedMembersDecompressToConcatenation() throws {
        let first = pseudoRandomText(bytes: 10_000, seed: 1)
        let second = pseudoRandomText(bytes: 20_000, seed: 2)
        let joined = try gzip(first) + gzip(Data()) + gzip(second)
        XCTAssertEqual(try gunzip(joined), first + second)
        XCTAssertEqual(try gunzip(joined, chunkSizes: [1]), first + second)   // member edges split byte by byte
    }

    func testCorruptDeflateDataThrows() throws {
        var compressed = try gzip(pseudoRandomText(bytes: 100_000))
        compressed[compressed.startIndex + compressed.count / 2] ^= 0xFF
        assertCompressionError(containing: "decompression: ") { _ = try gunzip(compressed) }
    }

    func testCorruptTrailerChecksumThrows() throws {
        var compressed = try gzip(Data("hello\n".utf8))
        compressed[compressed.endIndex - 8] ^= 0x01     // first byte of the CRC-32
        assertCompressionError(containing: "incorrect data check") { _ = try gunzip(compressed) }
    }

    func testNonGzipInputThrows() {
        assertCompressionError(containing: "incorrect header check") { _ = try gunzip(Data("plain text, not gzip".utf8)) }
    }

    func testTruncatedInputThrowsAtFinish() throws {
        let compressed = try gzip(pseudoRandomText(bytes: 50_000))
        for cut in [1, 4, 8, compressed.count / 2, compressed.count - 10] {
            let truncated = compressed.prefix(compressed.count - cut)
            assertCompressionError(containing: "truncated gzip stream") { _ = try gunzip(Data(truncated)) }
        }
    }

    func testTrailingGarbageAfterMemberThrows() throws {
        let compressed = try gzip(Data("hello\n".utf8)) + Data("junk".utf8)
        assertCompressionError(containing: "incorrect header check") { _ = try gunzip(compressed) }
    }

    func testMisuseIsReported() throws {
        assertCompressionError(containing: "level must be 0...9") { _ = try GzipCompressor(level: 10) }
        let compressor = try GzipCompressor()
        _ = try compressor.finish()
        assertCompressionError(containing: "update after finish") { _ = try compressor.update(Data([1])) }
        assertCompressionError(containing: "finish called twice") { _ = try compressor.finish() }
        let decompressor = try GzipDecompressor()
        assertCompressionError(containing: "empty input is not a gzip stream") { _ = try decompressor.finish() }
        let failed = try GzipDecompressor()
        assertCompressionError(containing: "incorrect header check") { _ = try failed.update(Data(repeating: 0, count: 20)) }
        assertCompressionError(containing: "after a decompression error") { _ = try failed.update(Data([0x1F])) }
    }
}
