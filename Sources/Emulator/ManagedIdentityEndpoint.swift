// Emulator: managed identity tokens, as Azure's IMDS and App Service endpoints hand them out.

import Foundation
import HTTPServer
import Identity
import ServiceCore

/// The two managed identity protocols `ManagedIdentityCredential` (through MSAL) speaks, served
/// on the admin host so a workload on this machine gets tokens without a secret:
///
/// - IMDS: `GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=...` with
///   `Metadata: true`; clients find it through `AZURE_POD_IDENTITY_AUTHORITY_HOST=https://localhost:<port>`.
///   Numbers are strings, as IMDS writes them.
/// - App Service: `GET /msi/token?api-version=2019-08-01&resource=...` with `X-IDENTITY-HEADER`
///   (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`); `expires_on` as a string of Unix seconds. The
///   2017-09-01 form (`secret` header, `clientid`) is accepted too.
///
/// `client_id`, `object_id` / `principal_id` and `msi_res_id` / `mi_res_id` pick a user-assigned
/// identity; none picks the system-assigned one. Errors use each protocol's own body.
struct ManagedIdentityEndpoint: Sendable {
    enum Flavor: Sendable { case imds, appService }

    let identity: IdentityService
    /// The value `X-IDENTITY-HEADER` must carry.
    let identityHeader: String

    func token(_ request: HTTPRequest, flavor: Flavor) -> ServiceResponse {
        switch flavor {
        case .imds:
            guard request.headers["Metadata"]?.lowercased() == "true" else {
                return imdsError("Required metadata header not specified")
            }
        case .appService:
            let presented = request.headers["X-IDENTITY-HEADER"] ?? request.headers["secret"]
            guard let presented, presented == identityHeader else {
                return .json(["statusCode": "401", "message": "The X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER."], status: 401)
            }
        }
        guard let version = query(request, "api-version"), !version.isEmpty else {
            return failure(flavor, "Required query variable 'api-version' is missing")
        }
        guard let resource = query(request, "resource"), !resource.isEmpty else {
            return failure(flavor, "Required query variable 'resource' is missing")
        }
        guard let principal = identity.managedIdentity(selector(request)) else {
            return failure(flavor, "Identity not found")
        }
        guard let signed = try? identity.signAccessToken(for: principal, resource: resource) else {
            return .json(["error": "server_error", "error_description": "The token could not be signed."], status: 500)
        }
        let lifetime = String(signed.expiresOn - signed.notBefore)
        switch flavor {
        case .imds:
            return .json([
                "access_token": signed.token, "client_id": principal.clientId ?? "", "expires_in": lifetime,
                "expires_on": String(signed.expiresOn), "ext_expires_in": lifetime, "not_before": String(signed.notBefore),
                "resource": resource, "token_type": "Bearer",
            ])
        case .appService:
            return .json([
                "access_token": signed.token, "client_id": principal.clientId ?? "", "expires_on": String(signed.expiresOn),
                "resource": resource, "token_type": "Bearer",
            ])
        }
    }

    /// Which identity the query names (first of client id, object id, resource id).
    func selector(_ request: HTTPRequest) -> ManagedIdentitySelector {
        if let id = query(request, "client_id") ?? query(request, "clientid"), !id.isEmpty { return .clientId(id) }
        if let id = query(request, "object_id") ?? query(request, "principal_id"), !id.isEmpty { return .objectId(id) }
        if let id = query(request, "msi_res_id") ?? query(request, "mi_res_id"), !id.isEmpty { return .resourceId(id) }
        return .systemAssigned
    }

    /// A query parameter, its name matched case-insensitively.
    private func query(_ request: HTTPRequest, _ name: String) -> String? {
        request.query.first { $0.key.lowercased() == name }?.value
    }

    private func failure(_ flavor: Flavor, _ description: String) -> ServiceResponse {
        switch flavor {
        case .imds: return imdsError(description)
        case .appService: return .json(["statusCode": "400", "message": description], status: 400)
        }
    }

    private func imdsError(_ description: String) -> ServiceResponse {
        .json(["error": "invalid_request", "error_description": description], status: 400)
    }
}
