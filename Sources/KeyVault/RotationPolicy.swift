// KeyVault: get and set a key's rotation policy — model, validation and the Notify action the service adds.

import Foundation
import ServiceCore

/// A rotation policy as stored (JSON in `keys.rotation_policy`) and as the service answers it.
///
/// Validation (Azure's documented limits; the messages are the emulator's): `expiryTime` lasts at
/// least 28 days; every trigger has exactly one of `timeAfterCreate` / `timeBeforeExpiry`, lasting
/// at least 7 days, and — with an `expiryTime` — ending at least 7 days before it; at most one
/// `Rotate` and one `Notify` action; `Notify` only before expiry. Action types are matched
/// case-insensitively and answered as `Rotate` / `Notify`. When the request has no `Notify`
/// action the service adds `{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Notify"}}`.
struct StoredRotationPolicy: Codable, Sendable, Equatable {
    struct Action: Codable, Sendable, Equatable {
        var type: String
        var timeAfterCreate: String?
        var timeBeforeExpiry: String?
    }

    var lifetimeActions: [Action]
    var expiryTime: String?
    var created: Int64
    var updated: Int64

    static let rotate = "Rotate"
    static let notify = "Notify"
    static let defaultNotify = Action(type: notify, timeAfterCreate: nil, timeBeforeExpiry: "P30D")

    /// The Rotate action, if any.
    var rotateAction: Action? { lifetimeActions.first { $0.type == Self.rotate } }
    /// `expiryTime` parsed (validated when stored).
    var expiry: ISODuration? { expiryTime.flatMap(ISODuration.init) }

    /// Parses the stored JSON.
    init(json: String) throws {
        guard let decoded = try? JSONDecoder().decode(Self.self, from: Data(json.utf8)) else { throw ServiceError.storedKeyUnreadable() }
        self = decoded
    }

    init(lifetimeActions: [Action], expiryTime: String?, created: Int64, updated: Int64) {
        self.lifetimeActions = lifetimeActions
        self.expiryTime = expiryTime
        self.created = created
        self.updated = updated
    }

    var json: String { KeyStore.json(self) }

    /// Validates a PUT body, adds the default Notify action, keeps `created` of the policy it replaces.
    init(_ input: RotationPolicyInput, now: Date, replacing existing: StoredRotationPolicy?) throws {
        var expiry: ISODuration?
        if let text = input.attributes?.expiryTime {
            guard let parsed = ISODuration(text) else { throw ServiceError.invalidRotationPolicy("expiryTime '\(text)' is not an ISO 8601 duration.") }
            guard parsed.lasts(atLeastDays: 28, from: now) else {
                throw ServiceError.invalidRotationPolicy("expiryTime must be at least 28 days (P28D); it is \(text).")
            }
            expiry = parsed
        }
        var actions: [Action] = []
        for (index, entry) in (input.lifetimeActions ?? []).enumerated() {
            actions.append(try Self.action(entry, index: index, expiry: expiry, now: now))
        }
        for type in [Self.rotate, Self.notify] where actions.filter({ $0.type == type }).count > 1 {
            throw ServiceError.invalidRotationPolicy("a policy has at most one \(type) action.")
        }
        if !actions.contains(where: { $0.type == Self.notify }) { actions.append(Self.defaultNotify) }
        let seconds = now.unixSeconds
        self.init(lifetimeActions: actions, expiryTime: expiry?.text, created: existing?.created ?? seconds, updated: seconds)
    }

    private static func action(_ entry: RotationPolicyInput.LifetimeAction, index: Int, expiry: ISODuration?, now: Date) throws -> Action {
        let position = "lifetimeActions[\(index)]"
        guard let typeText = entry.action?.type else { throw ServiceError.invalidRotationPolicy("\(position).action.type is required.") }
        let type: String
        switch typeText.lowercased() {
        case "rotate": type = rotate
        case "notify": type = notify
        default: throw ServiceError.invalidRotationPolicy("\(position).action.type '\(typeText)' is not valid; use Rotate or Notify.")
        }
        let afterCreate = entry.trigger?.timeAfterCreate
        let beforeExpiry = entry.trigger?.timeBeforeExpiry
        guard (afterCreate == nil) != (beforeExpiry == nil), let text = afterCreate ?? beforeExpiry else {
            throw ServiceError.invalidRotationPolicy("\(position).trigger needs exactly one of timeAfterCreate and timeBeforeExpiry.")
        }
        guard let duration = ISODuration(text) else { throw ServiceError.invalidRotationPolicy("\(position).trigger '\(text)' is not an ISO 8601 duration.") }
        guard duration.lasts(atLeastDays: 7, from: now) else {
            throw ServiceError.invalidRotationPolicy("\(position).trigger must be at least 7 days (P7D); it is \(text).")
        }
        if type == notify && afterCreate != nil {
            throw ServiceError.invalidRotationPolicy("\(position): a Notify action takes timeBeforeExpiry only.")
        }
        if let expiry {
            let lifetime = expiry.added(to: now).timeIntervalSince(now)
            let offset = duration.added(to: now).timeIntervalSince(now)
            guard offset <= lifetime - 7 * 86_400 else {
                throw ServiceError.invalidRotationPolicy("\(position).trigger \(text) must leave at least 7 days before expiryTime \(expiry.text).")
            }
        }
        return Action(type: type, timeAfterCreate: afterCreate, timeBeforeExpiry: beforeExpiry)
    }

    /// The wire form with its id.
    func wire(id: String) -> RotationPolicyWire {
        RotationPolicyWire(
            id: id,
            lifetimeActions: lifetimeActions.map {
                .init(trigger: .init(timeAfterCreate: $0.timeAfterCreate, timeBeforeExpiry: $0.timeBeforeExpiry), action: .init(type: $0.type))
            },
            attributes: .init(expiryTime: expiryTime, created: created, updated: updated))
    }
}

/// The KeyRotationPolicy body of a PUT (`id` and read-only attributes are ignored).
struct RotationPolicyInput: Decodable, Sendable {
    struct LifetimeAction: Decodable, Sendable {
        struct Trigger: Decodable, Sendable { var timeAfterCreate: String?; var timeBeforeExpiry: String? }
        struct ActionType: Decodable, Sendable { var type: String? }
        var trigger: Trigger?
        var action: ActionType?
    }
    struct Attributes: Decodable, Sendable { var expiryTime: String? }
    var lifetimeActions: [LifetimeAction]?
    var attributes: Attributes?
}

/// KeyRotationPolicy as answered.
struct RotationPolicyWire: Encodable, Sendable {
    struct LifetimeAction: Encodable, Sendable {
        struct Trigger: Encodable, Sendable { var timeAfterCreate: String?; var timeBeforeExpiry: String? }
        struct ActionType: Encodable, Sendable { var type: String }
        var trigger: Trigger
        var action: ActionType
    }
    struct Attributes: Encodable, Sendable { var expiryTime: String?; var created: Int64; var updated: Int64 }
    var id: String
    var lifetimeActions: [LifetimeAction]
    var attributes: Attributes
}

/// The answer for a key that never had a policy set (observed): no id, both members null.
struct NoRotationPolicyWire: Encodable, Sendable {
    enum CodingKeys: String, CodingKey { case lifetimeActions, attributes }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNil(forKey: .lifetimeActions)
        try container.encodeNil(forKey: .attributes)
    }
}

extension KeyVaultService {
    /// `GET /keys/{name}/rotationpolicy`. A rotation that fell due is made first.
    func getRotationPolicy(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let name = request.parameter("name")
        guard let row = try store.keyRow(vault: vault.storageName, nameLower: name.lowercased()) else { throw ServiceError.keyNotFound(name: name) }
        guard let json = row.rotationPolicy else { return .json(NoRotationPolicyWire()) }
        try applyDueRotation(name, in: vault, request: request)
        return .json(try StoredRotationPolicy(json: json).wire(id: Self.rotationPolicyId(row.name, origin: request.context.origin)))
    }

    /// `PUT /keys/{name}/rotationpolicy`: validates, stores and answers the policy.
    func setRotationPolicy(_ request: ServiceRequest, in vault: VaultInfo) throws -> ServiceResponse {
        let name = request.parameter("name")
        let nameLower = name.lowercased()
        guard let row = try store.keyRow(vault: vault.storageName, nameLower: nameLower) else { throw ServiceError.keyNotFound(name: name) }
        let input = try request.decodeBody(RotationPolicyInput.self)
        let existing = try row.rotationPolicy.map(StoredRotationPolicy.init(json:))
        let policy = try StoredRotationPolicy(input, now: request.context.now, replacing: existing)
        try store.setRotationPolicy(vault: vault.storageName, nameLower: nameLower, json: policy.json)
        return .json(policy.wire(id: Self.rotationPolicyId(row.name, origin: request.context.origin)))
    }

    /// `{origin}/keys/{name}/rotationpolicy`.
    static func rotationPolicyId(_ name: String, origin: String) -> String { "\(origin)/keys/\(name)/rotationpolicy" }
}
