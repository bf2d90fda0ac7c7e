// DataConnect: the few Key Vault and token-endpoint JSON bodies the agent reads and writes.

import Foundation

/// A KeyBundle as `GET /keys/{name}` returns it (keyvault-spec.md §2.4); only what the agent reads.
public struct VaultKeyBundle: Sendable, Equatable, Codable {
    public struct JsonWebKey: Sendable, Equatable, Codable {
        public var kid: String?
        public var kty: String?
        public var n: String?
        public var e: String?
        public var crv: String?
        public var key_ops: [String]?

        public init(kid: String?, kty: String?, n: String? = nil, e: String? = nil, crv: String? = nil, key_ops: [String]? = nil) {
            self.kid = kid; self.kty = kty; self.n = n; self.e = e; self.crv = crv; self.key_ops = key_ops
        }
    }

    public struct Attributes: Sendable, Equatable, Codable {
        public var enabled: Bool?
        public var nbf: Int64?
        public var exp: Int64?

        public init(enabled: Bool?, nbf: Int64? = nil, exp: Int64? = nil) {
            self.enabled = enabled; self.nbf = nbf; self.exp = exp
        }
    }

    public var key: JsonWebKey
    public var attributes: Attributes?

    public init(key: JsonWebKey, attributes: Attributes?) {
        self.key = key
        self.attributes = attributes
    }
}

/// The Azure error envelope `{"error":{"code":..,"message":..,"innererror":{"code":..}}}`.
struct AzureErrorEnvelope: Decodable {
    struct Inner: Decodable { let code: String? }
    struct Body: Decodable {
        let code: String?
        let message: String?
        let innererror: Inner?
    }
    let error: Body
}

/// An OAuth2 token response or error (`{"access_token":..}` / `{"error":..,"error_description":..}`).
struct TokenEndpointBody: Decodable {
    let access_token: String?
    let error: String?
    let error_description: String?
}

/// `POST /keys/{name}/{version}/decrypt` request and result (values are base64url).
struct KeyOperationRequest: Encodable {
    let alg: String
    let value: String
}

struct KeyOperationResult: Decodable {
    let kid: String?
    let value: String
}
