// DataConnectTests: generating a dataset's rows in-process, decoding them strictly, reading values.

import Foundation
import XCTest
@testable import DataConnect

/// Rows of a dataset as `DeliveryRun` would write them (same catalog entry, same `configured`).
enum DatasetRows {
    /// The rows of every file, per file.
    static func files(_ name: String, seed: UInt64 = 42, rows: Int = 200, files: Int = 4,
                      options: ExtractionOptions = ExtractionOptions()) throws -> [[JSONValue]] {
        let tenant = try TestConnection.tenant(seed: seed)
        let dataset = try DatasetCatalog.lookup(name).configured(options, tenant: tenant)
        return DatasetPartition.split(rows: rows, files: files).map { partition in
            var iterator = dataset.makeRows(tenant, seed, partition)
            var out: [JSONValue] = []
            while let row = iterator.next() { out.append(row) }
            return out
        }
    }

    /// The rows of every file, concatenated.
    static func all(_ name: String, seed: UInt64 = 42, rows: Int = 200, files: Int = 4,
                    options: ExtractionOptions = ExtractionOptions()) throws -> [JSONValue] {
        try self.files(name, seed: seed, rows: rows, files: files, options: options).flatMap { $0 }
    }

    /// The JSON-lines bytes of every file (what the drop's plaintext would be).
    static func bytes(_ name: String, seed: UInt64, rows: Int = 60, files: Int = 3, options: ExtractionOptions = ExtractionOptions()) throws -> [Data] {
        try self.files(name, seed: seed, rows: rows, files: files, options: options).map { file in
            file.reduce(into: Data()) { data, row in data.append(row.serialized()); data.append(0x0A) }
        }
    }

    /// Every row decoded as `T` through its serialised bytes (JSONDecoder refuses a number where a
    /// Bool is declared, a string where an Int is, and a missing non-optional member).
    static func decode<T: Decodable>(_ type: T.Type, _ rows: [JSONValue], file: StaticString = #filePath, line: UInt = #line) throws -> [T] {
        let decoder = JSONDecoder()
        return try rows.map { row in
            do {
                return try decoder.decode(type, from: row.serialized())
            } catch {
                XCTFail("row does not decode as \(type): \(error)\n\(String(decoding: row.serialized().prefix(400), as: UTF8.self))",
                        file: file, line: line)
                throw error
            }
        }
    }

    /// The string member `key` (nil when absent or not a string).
    static func string(_ row: JSONValue, _ key: String) -> String? {
        if case .string(let text)? = row[key] { return text }
        return nil
    }

    /// Seconds of the datetime member `key`.
    static func time(_ row: JSONValue, _ key: String) -> Int64? {
        string(row, key).flatMap(RowTime.parse)
    }

    /// The row without the bookkeeping members (which number the rows of one delivery).
    static func withoutBookkeeping(_ row: JSONValue) -> JSONValue {
        guard case .object(let members) = row else { return row }
        let bookkeeping = Set(BookkeepingColumns.columns.map(\.name))
        return .object(members.filter { !bookkeeping.contains($0.0) })
    }

    static let bookkeeping = ["pAdditionalInfo", "datarow", "userrow", "pagerow", "rowinformation"]
}

extension XCTestCase {
    /// Asserts every row has exactly `columns` (in order) and passes the schema's type checks.
    func assertRowsMatchSchema(_ rows: [JSONValue], _ schema: DatasetSchema, columns: [String],
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(rows.isEmpty, "\(schema.name) produced no rows", file: file, line: line)
        for row in rows {
            let problems = schema.problems(in: row, expected: columns)
            XCTAssertEqual(problems, [], "\(schema.name): \(problems)", file: file, line: line)
            if !problems.isEmpty { return }
        }
    }

    /// The usage error `options` give for `dataset`, checked to be exit status 2.
    func extractionUsageError(_ dataset: String, _ options: ExtractionOptions, seed: UInt64 = 42,
                              file: StaticString = #filePath, line: UInt = #line) -> String? {
        let error = dataConnectError({
            let tenant = try TestConnection.tenant(seed: seed)
            _ = try DatasetCatalog.lookup(dataset).configured(options, tenant: tenant)
        }, file: file, line: line)
        XCTAssertEqual(error?.code, .usage, file: file, line: line)
        XCTAssertEqual(error?.exitStatus, 2, file: file, line: line)
        return error?.reason
    }
}

/// `{"emailAddress":{"name","address"}}` (camelCase datasets).
struct TypedRecipient: Decodable, Equatable {
    struct Address: Decodable, Equatable { let name: String; let address: String }
    let emailAddress: Address
}

/// `{"EmailAddress":{"Name","Address"}}` (TeamChat).
struct TypedPascalRecipient: Decodable, Equatable {
    struct Address: Decodable, Equatable { let Name: String; let Address: String }
    let EmailAddress: Address
}

/// The bookkeeping members of the Exchange/AAD/Teams rows.
struct TypedRowInformation: Decodable, Equatable {
    let errorInformation: String?
    let userReturnedNoData: Bool
    let isUserSummaryRow: Bool
    let userHasCompleteData: Bool
}
