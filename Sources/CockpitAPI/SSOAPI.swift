import CockpitCore
import Foundation

/// `POST /v1/accounts/{id}/sso`: the provider, whether it is on, and settings merged into the stored ones (null, empty
/// and masked secret values leave the stored value as it is).
public struct SSOSave: Codable, Sendable {
    public var ssoProvider: String?
    public var enabled: Bool?
    public var ssoSettings: [String: JSONValue]?

    public init(ssoProvider: String?, enabled: Bool, ssoSettings: [String: JSONValue]) {
        (self.ssoProvider, self.enabled, self.ssoSettings) = (ssoProvider, enabled, ssoSettings)
    }
}

/// `GET /v1/accounts/{id}/sso` (a bare object) and the bundle's `sso_config`: the row with secrets masked. Without
/// settings: `id` null, `enabled` false, `sso_settings` {} and no times.
public struct SSOView: Codable, Sendable, Equatable {
    public var id: String?
    public var accountID: String
    public var ssoProvider: String?
    public var enabled: Bool
    public var ssoSettings: [String: JSONValue]
    public var createdAt: Date?
    public var updatedAt: Date?

    public init(_ row: AccountSSO) {
        (id, accountID, ssoProvider, enabled) = (
            row.id?.lowercased, row.accountID.lowercased, row.provider, row.enabled
        )
        (ssoSettings, createdAt, updatedAt) = (row.settings, row.createdAt, row.updatedAt)
    }

    /// `id`, `sso_provider` are written even when null; the times only when the row exists.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(accountID, forKey: .accountID)
        try c.encode(ssoProvider, forKey: .ssoProvider)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(ssoSettings, forKey: .ssoSettings)
        try c.encodeIfPresent(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(updatedAt, forKey: .updatedAt)
    }

    enum CodingKeys: String, CodingKey { case id, accountID, ssoProvider, enabled, ssoSettings, createdAt, updatedAt }
}
