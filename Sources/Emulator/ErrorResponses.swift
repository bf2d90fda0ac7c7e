// Emulator: the one place where a ServiceError becomes an HTTP response.

import Foundation
import HTTPServer
import ServiceCore

/// Azure's error envelope: `{"error":{"code":...,"message":...,"innererror":{"code":...}}}`.
struct AzureErrorBody: Encodable {
    struct Inner: Encodable { let code: String }
    struct Detail: Encodable { let code: String; let message: String; let innererror: Inner? }
    let error: Detail
}

enum ErrorResponses {
    /// The status Azure uses for each kind of error.
    static func status(of kind: ServiceError.Kind) -> Int {
        switch kind {
        case .badRequest: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .conflict: 409
        case .payloadTooLarge: 413
        case .tooManyRequests: 429
        case .notImplemented: 501
        case .internalFailure: 500
        }
    }

    static func response(for error: ServiceError, requestId: String) -> HTTPResponse {
        let body = AzureErrorBody(error: .init(code: error.code, message: error.message, innererror: error.innerCode.map(AzureErrorBody.Inner.init)))
        return HTTPResponse(status: status(of: error.kind),
                            headers: standardHeaders(requestId: requestId) + error.headers,
                            body: WireJSON.encode(body))
    }

    /// Anything that is not a ServiceError: logged, answered as a bare 500 without internals.
    static func internalFailure(_ error: any Error, requestId: String) -> HTTPResponse {
        FileHandle.standardError.write(Data("keyvault-emulator: internal error in request \(requestId): \(error)\n".utf8))
        return response(for: ServiceError(.internalFailure, code: "InternalServerError",
                                           message: "The server encountered an internal error. Request id: \(requestId)."),
                        requestId: requestId)
    }

    static func standardHeaders(requestId: String) -> [(String, String)] {
        [("Content-Type", "application/json; charset=utf-8"), ("x-ms-request-id", requestId), ("Cache-Control", "no-cache")]
    }

    static func json(_ response: ServiceResponse, requestId: String) -> HTTPResponse {
        var headers = response.headers + [("x-ms-request-id", requestId), ("Cache-Control", "no-cache")]
        if response.body != nil { headers.append(("Content-Type", "application/json; charset=utf-8")) }
        return HTTPResponse(status: response.status, headers: headers, body: response.body ?? Data())
    }
}
