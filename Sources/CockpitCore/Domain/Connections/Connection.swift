import Foundation

/// A copilot connection of an account: an OpenAPI service, MCP server or Composio integration its agents may reach.
/// `config` is stored as the admin sent it; the secret (`secret_json`) exists only sealed, and only the services see
/// even that: no view, audit value or description of a connection carries it (`secret_json` reads
/// `{"masked": true}` everywhere).
public struct Connection: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var type: ConnectionType
    public var name: String
    public var description: String?
    public var credentialVisibility: CredentialVisibility
    public var allowUserSelfManage: Bool
    /// `config_json`: any JSON object (URLs in it name public addresses unless the operator allows them).
    public var config: JSONValue
    /// The sealed `secret_json`, nil when none is stored. Package-only: the connection service opens it.
    package var secret: SealedSecret?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    package init(
        id: UUID, accountID: UUID, type: ConnectionType, name: String, description: String?,
        credentialVisibility: CredentialVisibility, allowUserSelfManage: Bool, config: JSONValue,
        secret: SealedSecret?, createdBy: String, createdAt: Date, updatedAt: Date
    ) {
        (self.id, self.accountID, self.type, self.name, self.description) = (id, accountID, type, name, description)
        (self.credentialVisibility, self.allowUserSelfManage, self.config, self.secret) = (
            credentialVisibility, allowUserSelfManage, config, secret
        )
        (self.createdBy, self.createdAt, self.updatedAt) = (createdBy, createdAt, updatedAt)
    }

    /// True when a secret is stored (it is never shown).
    public var hasSecret: Bool { secret != nil }

    /// `secret_json` as every answer and audit row shows it, whatever is stored.
    public static let maskedSecret = JSONValue.object(["masked": .bool(true)])
}

/// A connection's `secret_json` sealed with the installation's secret key (`enc:v2:<key id>:…`) and the id of the key
/// that sealed it (so a key rotation finds it). Its description never shows the sealed text.
package struct SealedSecret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    package let sealed: String
    package let keyID: String

    package init(sealed: String, keyID: String) { (self.sealed, self.keyID) = (sealed, keyID) }

    package var description: String { "<sealed secret, key \(keyID)>" }
    package var debugDescription: String { description }
}
