import Foundation

/// An account's single sign-on provider settings (the original's `/v1/accounts/{id}/sso`). Settings whose key ends in
/// `secret` are sealed at rest and read back masked; the others read back as stored.
public struct AccountSSO: Sendable, Equatable {
    /// Nil when the account has no settings yet.
    public var id: UUID?
    public var accountID: UUID
    public var provider: String?
    public var enabled: Bool
    /// The settings, secrets masked (`AccountSSO.mask`).
    public var settings: [String: JSONValue]
    public var createdAt: Date?
    public var updatedAt: Date?

    /// What a secret reads back as: eight bullets, as the original shows it.
    public static let mask = "••••••••"

    /// True for a settings key that holds a secret (`client_secret`, `google_client_secret`, `secret`…).
    public static func isSecret(_ key: String) -> Bool { key.lowercased().hasSuffix("secret") }

    /// The row an account without settings reads as.
    public static func none(_ account: UUID) -> AccountSSO {
        AccountSSO(id: nil, accountID: account, provider: nil, enabled: false, settings: [:])
    }

    public init(
        id: UUID?, accountID: UUID, provider: String?, enabled: Bool, settings: [String: JSONValue],
        createdAt: Date? = nil, updatedAt: Date? = nil
    ) {
        (self.id, self.accountID, self.provider, self.enabled, self.settings) = (
            id, accountID, provider, enabled, settings
        )
        (self.createdAt, self.updatedAt) = (createdAt, updatedAt)
    }
}
