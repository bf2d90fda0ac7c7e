// VaultCrypto: base64url (RFC 4648 section 5) encoding and strict decoding.

import Foundation

/// Base64url as JOSE and Key Vault use it.
///
/// Encoding never pads. Decoding accepts padded and unpadded input, but returns `nil` for any
/// character outside the URL-safe alphabet (including `+`, `/` and whitespace), misplaced or
/// excess padding, or an impossible length.
///
/// ```swift
/// Base64URL.encode(Data("fo".utf8))   // "Zm8"
/// Base64URL.decode("Zm8=")            // Data("fo".utf8)
/// Base64URL.decode("Zm+8")            // nil
/// ```
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, symbol) in alphabet.enumerated() { table[Int(symbol)] = UInt8(index) }
        return table
    }()

    /// Encodes `data` without padding.
    public static func encode(_ data: Data) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((data.count * 4 + 2) / 3)
        let bytes = [UInt8](data)
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            output += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)],
                       alphabet[Int(value >> 6 & 63)], alphabet[Int(value & 63)]]
            index += 3
        }
        switch bytes.count - index {
        case 1:
            let value = UInt32(bytes[index]) << 16
            output += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)]]
        case 2:
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            output += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)],
                       alphabet[Int(value >> 6 & 63)]]
        default:
            break
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes padded or unpadded base64url; `nil` if `text` is not valid base64url.
    public static func decode(_ text: String) -> Data? {
        var symbols = Array(text.utf8)
        // Padding, if present, must complete the final quantum exactly.
        if let firstPad = symbols.firstIndex(of: UInt8(ascii: "=")) {
            let padCount = symbols.count - firstPad
            guard symbols.count % 4 == 0, padCount <= 2,
                  symbols[firstPad...].allSatisfy({ $0 == UInt8(ascii: "=") }) else { return nil }
            symbols.removeLast(padCount)
        }
        // A single leftover symbol carries only 6 bits, less than one byte.
        guard symbols.count % 4 != 1 else { return nil }
        var output = Data()
        output.reserveCapacity(symbols.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bitCount = 0
        for symbol in symbols {
            let value = decodeTable[Int(symbol)]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
                accumulator &= (1 << UInt32(bitCount)) - 1
            }
        }
        return output
    }
}
