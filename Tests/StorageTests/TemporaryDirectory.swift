// StorageTests: a per-test temporary directory removed when the test ends.

import Foundation
import Storage
import XCTest

/// A fresh directory under the system temporary directory, for database files.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/storage-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Asserts that `body` throws a `StorageError` with `code`; returns it for further checks.
@discardableResult
func assertStorageError<T>(_ code: StorageError.Code, file: StaticString = #filePath, line: UInt = #line,
                           _ body: () throws -> T) -> StorageError? {
    do {
        _ = try body()
        XCTFail("expected StorageError(\(code)), nothing thrown", file: file, line: line)
    } catch let error as StorageError {
        XCTAssertEqual(error.code, code, "reason: \(error.reason)", file: file, line: line)
        return error
    } catch {
        XCTFail("expected StorageError(\(code)), got \(error)", file: file, line: line)
    }
    return nil
}
