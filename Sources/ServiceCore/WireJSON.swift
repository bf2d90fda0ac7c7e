// ServiceCore: JSON in and out, with Azure-shaped errors for bad input.

import Foundation

/// Decoding and encoding of wire models. Bad input becomes a `badRequest` ServiceError whose
/// message names the problem (which property, what type), never a crash.
public enum WireJSON {
    /// Decodes `data` as `T`; an empty body counts as `{}` when `emptyAsObject` is set.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, errorCode: String = "BadParameter", emptyAsObject: Bool = false) throws -> T {
        let input = (data.isEmpty && emptyAsObject) ? Data("{}".utf8) : data
        do {
            return try JSONDecoder().decode(type, from: input)
        } catch let error as DecodingError {
            throw ServiceError(.badRequest, code: errorCode, message: describe(error))
        } catch let error as ServiceError {
            throw error
        } catch {
            throw ServiceError(.badRequest, code: errorCode, message: "The request body is not valid JSON.")
        }
    }

    /// Encodes `value` without escaping slashes (Azure writes URLs plainly).
    public static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // Wire models are plain structs of strings, numbers and arrays; encoding cannot fail.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    /// A readable sentence for a decoding failure.
    static func describe(_ error: DecodingError) -> String {
        func path(_ ctx: DecodingError.Context) -> String {
            let names = ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return names.isEmpty ? "the request body" : "property '\(names.joined(separator: "."))'"
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let ctx):
            return "The value of \(path(ctx)) has the wrong type: expected \(describe(type))."
        case .valueNotFound(let type, let ctx):
            return "The value of \(path(ctx)) must not be null: expected \(describe(type))."
        case .keyNotFound(let key, let ctx):
            let parent = ctx.codingPath.isEmpty ? "" : " in \(path(ctx))"
            return "The required property '\(key.stringValue)' is missing\(parent)."
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty { return "The request body is not valid JSON." }
            return "The value of \(path(ctx)) is invalid: \(ctx.debugDescription)"
        @unknown default:
            return "The request body is not valid."
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
        case is Double.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object"
        }
    }
}
