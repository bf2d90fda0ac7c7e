// DataConnect: the doctor's checks of the tenant key through the vault (MG1-MG4).

import Foundation
import VaultCrypto

extension EncryptionDoctor {
    // MARK: - The key, through the vault (MG1-MG4)

    func keyChecks(vault: URLOrigin, connection: ConnectionFile) throws -> [RequirementCheck] {
        let tenant = connection.tenantId
        let client = VaultClient(transport: transport(connection), credential: connection.admin,
                                 authorityHost: connection.authorityHost, tenantId: tenant)
        let titles = (mg1: "key type RSA", mg2: "key size 2048 bits", mg3: "expiration date set, key enabled and valid now",
                      mg4: "key named after the tenant id")
        let bundle: VaultKeyBundle
        do {
            bundle = try KeyVersionSelection.select(client: client, vault: vault, name: tenant, now: now())
        } catch let error as DataConnectError {
            guard case .vaultRejected(let failure) = error.code else { throw error }
            if failure.status == 404, (failure.innerCode ?? failure.code) == "KeyNotFound" {
                let none = "not checked: there is no key \(tenant)"
                return [check("MG1", titles.mg1, .notChecked, none), check("MG2", titles.mg2, .notChecked, none),
                        check("MG3", titles.mg3, .notChecked, none),
                        check("MG4", titles.mg4, .fail, "\(vault.text) has no key named \(tenant)", .generateTenantKey)]
            }
            let refused = "not checked: the vault refused the admin (\(failure)); the checks below show why, or give yourself a role that reads keys"
            return ["MG1": titles.mg1, "MG2": titles.mg2, "MG3": titles.mg3, "MG4": titles.mg4].sorted { $0.key < $1.key }
                .map { check($0.key, $0.value, .notChecked, refused) }
        }
        var checks = [check("MG4", titles.mg4, .pass, bundle.key.kid ?? tenant)]
        let type = bundle.key.kty ?? "(none)"
        let isRSA = type == "RSA" || type == "RSA-HSM"
        checks.append(isRSA ? check("MG1", titles.mg1, .pass, type)
                            : check("MG1", titles.mg1, .fail, "the key type is \(type)", .fixKeyProperties(.notRSA(keyType: type))))
        let modulus = bundle.key.n.flatMap { Base64URL.decode($0) } ?? Data()
        let bits = KeyRequirements.bitLength(of: Data(modulus.drop { $0 == 0 }))
        if !isRSA {
            checks.append(check("MG2", titles.mg2, .notChecked, "not checked: not an RSA key"))
        } else {
            checks.append(bits == 2048 ? check("MG2", titles.mg2, .pass, "2048 bits")
                                       : check("MG2", titles.mg2, .fail, "the key is \(bits) bits", .fixKeyProperties(.wrongSize(bits: bits))))
        }
        checks.append(validity(bundle, title: titles.mg3))
        return checks
    }

    func validity(_ bundle: VaultKeyBundle, title: String) -> RequirementCheck {
        let attributes = bundle.attributes
        let seconds = Int64(now().timeIntervalSince1970.rounded(.down))
        let violation: KeyRequirementViolation?
        if attributes?.enabled == false { violation = .disabled }
        else if attributes?.exp == nil { violation = .missingExpiry }
        else if let nbf = attributes?.nbf, seconds < nbf { violation = .notYetValid(notBefore: nbf) }
        else if let exp = attributes?.exp, seconds >= exp { violation = .expired(expiry: exp) }
        else { violation = nil }
        guard let violation else {
            return check("MG3", title, .pass, "expires \(RowTime.text(seconds: attributes?.exp ?? 0))")
        }
        return check("MG3", title, .fail, violation.description, .fixKeyProperties(violation))
    }
}
