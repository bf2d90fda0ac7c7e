// CompressionTests: deterministic test text, chunked drivers and a `gzip` subprocess runner.

import Foundation
import XCTest
import Compression

/// Deterministic pseudo-random text (SplitMix64 choosing words), so failures reproduce.
func pseudoRandomText(bytes: Int, seed: UInt64 = 0x5EED) -> Data {
    let words = ["vault", "key", "rotate", "secret", "tenant", "Grüße", "鍵", "0xDEADBEEF", "\n",
                 "encrypt", "decrypt", "wrap", "unwrap", "sign", "verify", "RSA-HSM", "P-256", "\t", "🔑"]
    var state = seed
    var text = Data(capacity: bytes + 32)
    while text.count < bytes {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        text.append(contentsOf: words[Int(z % UInt64(words.count))].utf8)
        text.append(contentsOf: String(z >> 40, radix: 36).utf8)   // some entropy between words
        text.append(0x20)
    }
    return text.prefix(bytes)
}

/// Odd chunk sizes, cycled, so chunk edges fall everywhere inside headers, blocks and trailers.
let oddChunkSizes = [1, 7, 4093, 65_537, 2, 333_333, 17, 1_000_003]

func chunks(of data: Data, sizes: [Int] = oddChunkSizes) -> [Data] {
    var result: [Data] = []
    var offset = data.startIndex
    var index = 0
    while offset < data.endIndex {
        let end = min(data.endIndex, offset + sizes[index % sizes.count])
        result.append(Data(data[offset..<end]))
        offset = end
        index += 1
    }
    return result
}

func gzip(_ data: Data, level: Int = 6, chunkSizes: [Int] = oddChunkSizes) throws -> Data {
    let compressor = try GzipCompressor(level: level)
    var output = Data()
    for chunk in chunks(of: data, sizes: chunkSizes) { output += try compressor.update(chunk) }
    output += try compressor.finish()
    return output
}

func gunzip(_ data: Data, chunkSizes: [Int] = oddChunkSizes) throws -> Data {
    let decompressor = try GzipDecompressor()
    var output = Data()
    for chunk in chunks(of: data, sizes: chunkSizes) { output += try decompressor.update(chunk) }
    output += try decompressor.finish()
    return output
}

/// Runs the system `gzip` with `arguments` and returns stdout; fails the test on a non-zero exit.
func runSystemGzip(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip"] + arguments
    let stdout = Pipe()
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()   // read before wait: no pipe stall
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0, "gzip \(arguments) failed", file: file, line: line)
    return output
}

/// Asserts `body` throws a CompressionError whose reason contains `fragment`.
func assertCompressionError(containing fragment: String, file: StaticString = #filePath, line: UInt = #line,
                            _ body: () throws -> Void) {
    do {
        try body()
        XCTFail("expected CompressionError containing \"\(fragment)\"", file: file, line: line)
    } catch let error as CompressionError {
        XCTAssertTrue(error.reason.contains(fragment), "reason: \(error.reason)", file: file, line: line)
    } catch {
        XCTFail("expected CompressionError, got \(error)", file: file, line: line)
    }
}

extension Data {
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes)
    }
}
