// DataConnect: the seeded generator behind every synthetic value (xoshiro256** seeded by SplitMix64).

import Foundation

/// A small, fast, reproducible pseudo-random generator. It is *not* cryptographic: it only makes
/// synthetic data repeatable. Keys and IVs come from `SecureRandom`, never from here.
///
/// Each consumer asks for its own named stream, so adding a column to one generator does not shift
/// the values of another (file names stay put when the message generator changes):
///
/// ```swift
/// var names = DeterministicRandom(seed: 42, stream: "file-names")
/// let first = names.guid()        // the same GUID for seed 42 on every machine
/// ```
///
/// Algorithms: SplitMix64 (Steele, Lea, Flood 2014) expands the seed into the 256-bit state of
/// xoshiro256** (Blackman and Vigna 2018); the stream label is folded in with 64-bit FNV-1a.
public struct DeterministicRandom: Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64, stream: String = "") {
        var splitMix = seed ^ DeterministicRandom.fnv1a(stream)
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    /// 64-bit FNV-1a of the UTF-8 bytes: a stable (process-independent) hash for stream labels.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    /// A uniform integer in `range` (Lemire's multiply-shift with rejection, so no modulo bias).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }   // the full 64-bit range
        var product = next().multipliedFullWidth(by: span)
        if product.low < span {
            let threshold = (0 &- span) % span
            while product.low < threshold { product = next().multipliedFullWidth(by: span) }
        }
        return range.lowerBound + Int(product.high)
    }

    /// True with the given probability (0...1).
    public mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) * 0x1.0p-53 < probability
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[int(in: 0...(items.count - 1))]
    }

    /// `count` distinct elements (fewer if the array is shorter), in random order.
    public mutating func sample<T>(_ items: [T], count: Int) -> [T] {
        var pool = items
        var chosen: [T] = []
        while chosen.count < count, !pool.isEmpty {
            chosen.append(pool.remove(at: int(in: 0...(pool.count - 1))))
        }
        return chosen
    }

    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> Data {
        var data = Data(capacity: count + 8)
        while data.count < count {
            withUnsafeBytes(of: next().littleEndian) { data.append(contentsOf: $0) }
        }
        return data.prefix(count)
    }

    /// A version-4-shaped GUID in lower case (`8-4-4-4-12`), from 128 random bits.
    public mutating func guid() -> String {
        var raw = [UInt8](bytes(16))
        raw[6] = (raw[6] & 0x0F) | 0x40   // version 4
        raw[8] = (raw[8] & 0x3F) | 0x80   // RFC 4122 variant
        return GUIDText.format(raw)
    }
}

/// Formatting of 16 bytes as a GUID string.
enum GUIDText {
    static func format(_ raw: [UInt8]) -> String {
        let hex = raw.map { String(format: "%02x", $0) }.joined()
        let chars = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }
        return groups.joined(separator: "-")
    }

    /// A fresh GUID from the operating system's secure generator (run ids: never reproducible).
    static func fresh() -> String {
        UUID().uuidString.lowercased()
    }

    /// True for `8-4-4-4-12` hex text.
    static func isGUID(_ text: String) -> Bool {
        UUID(uuidString: text) != nil
    }
}
