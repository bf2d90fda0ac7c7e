// DataConnect: decoding of the JSON files and bodies we read, with one-line messages naming the field.

import Foundation

/// Decodes JSON we did not write ourselves in this process (connection.json, run.json, vault
/// responses). A failure becomes a `DataConnectError` of the caller's kind whose message says which
/// file and which field, never a crash and never the file's content.
enum JSONInput {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, source: String,
                                     failure: DataConnectError.Code) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw DataConnectError(failure, "\(source): \(describe(error))")
        } catch let error as DataConnectError {
            throw DataConnectError(failure, "\(source): \(error.reason)")
        } catch {
            throw DataConnectError(failure, "\(source) is not valid JSON")
        }
    }

    /// Reads a whole (small) file and decodes it.
    static func decodeFile<T: Decodable>(_ type: T.Type, path: String, failure: DataConnectError.Code,
                                         missingHint: String = "") throws -> T {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataConnectError(failure, "\(path) does not exist\(missingHint)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataConnectError(failure, "\(path) cannot be read")
        }
        return try decode(type, from: data, source: path, failure: failure)
    }

    static func describe(_ error: DecodingError) -> String {
        func field(_ path: [CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "field \(field(context.codingPath + [key])) is missing"
        case .valueNotFound(_, let context):
            return "field \(field(context.codingPath)) must not be null"
        case .typeMismatch(let type, let context):
            return "field \(field(context.codingPath)) must be \(describe(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "field \(field(context.codingPath)) is invalid: \(context.debugDescription)"
        @unknown default:
            return "not the expected JSON"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is UInt64.Type: return "an integer"
        case is Double.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            return "an object"
        }
    }
}
