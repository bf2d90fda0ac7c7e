// VaultCrypto: lends Data's bytes to C functions that reject NULL input pointers.

import Foundation

extension Data {
    /// Calls `body` with a pointer to the bytes and their count. An empty `Data` has no base
    /// address, but several OpenSSL entry points reject NULL even with a zero length, so an
    /// empty value lends a pointer to a private zero byte instead (and a count of 0).
    func withNonNullBytes<T>(_ body: (UnsafePointer<UInt8>, Int) throws -> T) rethrows -> T {
        if isEmpty {
            var placeholder: UInt8 = 0
            return try body(&placeholder, 0)
        }
        return try withUnsafeBytes { buffer in
            try body(buffer.bindMemory(to: UInt8.self).baseAddress!, buffer.count)
        }
    }
}
