import Foundation

/// A new connection as its admin sends it (`POST /v1/copilot/connections/{connection_type}`): strings not yet
/// checked, defaults as in the original (`use_only`, not self-managed, `{}` config and secret).
public struct ConnectionInput: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var credentialVisibility: String
    public var allowUserSelfManage: Bool
    public var config: JSONValue
    /// `secret_json`: sealed when stored, never shown again.
    public var secret: JSONValue

    public init(
        name: String, description: String? = nil, credentialVisibility: String? = nil,
        allowUserSelfManage: Bool? = nil, config: JSONValue? = nil, secret: JSONValue? = nil
    ) {
        (self.name, self.description) = (name, description)
        self.credentialVisibility = credentialVisibility ?? CredentialVisibility.useOnly.rawValue
        self.allowUserSelfManage = allowUserSelfManage ?? false
        (self.config, self.secret) = (config ?? .emptyObject, secret ?? .emptyObject)
    }
}

/// A change to a connection (`PATCH /v1/copilot/connections/{id}`): nil keeps the stored value (a description cannot
/// be cleared, as in the original); `config` replaces the stored one wholesale; `secret` replaces it only when it is a
/// non-empty object (`{}` keeps the stored secret). The type cannot change.
public struct ConnectionPatch: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var credentialVisibility: String?
    public var allowUserSelfManage: Bool?
    public var config: JSONValue?
    public var secret: JSONValue?

    public init(
        name: String? = nil, description: String? = nil, credentialVisibility: String? = nil,
        allowUserSelfManage: Bool? = nil, config: JSONValue? = nil, secret: JSONValue? = nil
    ) {
        (self.name, self.description, self.credentialVisibility) = (name, description, credentialVisibility)
        (self.allowUserSelfManage, self.config, self.secret) = (allowUserSelfManage, config, secret)
    }
}
