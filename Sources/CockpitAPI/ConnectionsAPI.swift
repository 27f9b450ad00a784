import CockpitCore
import Foundation

/// `POST /v1/copilot/connections/{connection_type}`: `name` (required), `description` (string or null),
/// `credential_visibility` (`use_only`), `allow_user_self_manage` (false), `config_json` and `secret_json` (objects,
/// `{}`). As in the original, a field with a default takes no null (422), and the documents must be objects (422).
public struct ConnectionCreate: Codable, Sendable {
    public var name: String
    public var description: String?
    public var credentialVisibility: String?
    public var allowUserSelfManage: Bool?
    public var configJson: [String: JSONValue]?
    /// The plain secret: sealed by the core, never written back out (`secret_json` reads `{"masked": true}`).
    public var secretJson: [String: JSONValue]?

    public init(
        name: String, description: String? = nil, credentialVisibility: String? = nil,
        allowUserSelfManage: Bool? = nil, configJson: [String: JSONValue]? = nil,
        secretJson: [String: JSONValue]? = nil
    ) {
        (self.name, self.description, self.credentialVisibility) = (name, description, credentialVisibility)
        (self.allowUserSelfManage, self.configJson, self.secretJson) = (allowUserSelfManage, configJson, secretJson)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        // Present means a value: `decode` refuses null (the original's 422), `decodeIfPresent` would not.
        func given<T: Decodable>(_ type: T.Type, _ key: CodingKeys) throws -> T? {
            c.contains(key) ? try c.decode(T.self, forKey: key) : nil
        }
        credentialVisibility = try given(String.self, .credentialVisibility)
        allowUserSelfManage = try given(Bool.self, .allowUserSelfManage)
        configJson = try given([String: JSONValue].self, .configJson)
        secretJson = try given([String: JSONValue].self, .secretJson)
    }

    /// The core's input.
    public var input: ConnectionInput {
        ConnectionInput(
            name: name, description: description, credentialVisibility: credentialVisibility,
            allowUserSelfManage: allowUserSelfManage, config: configJson.map(JSONValue.object),
            secret: secretJson.map(JSONValue.object))
    }

    enum CodingKeys: String, CodingKey {
        case name, description, credentialVisibility, allowUserSelfManage, configJson, secretJson
    }
}

/// `PATCH /v1/copilot/connections/{connection_id}`: every field optional; null or absent keeps it. `config_json`
/// replaces the stored one; `secret_json` replaces the secret only when it is a non-empty object (`{}` keeps it).
public struct ConnectionUpdate: Codable, Sendable {
    public var name: String?
    public var description: String?
    public var credentialVisibility: String?
    public var allowUserSelfManage: Bool?
    public var configJson: [String: JSONValue]?
    public var secretJson: [String: JSONValue]?

    public init(
        name: String? = nil, description: String? = nil, credentialVisibility: String? = nil,
        allowUserSelfManage: Bool? = nil, configJson: [String: JSONValue]? = nil,
        secretJson: [String: JSONValue]? = nil
    ) {
        (self.name, self.description, self.credentialVisibility) = (name, description, credentialVisibility)
        (self.allowUserSelfManage, self.configJson, self.secretJson) = (allowUserSelfManage, configJson, secretJson)
    }

    /// The core's change.
    public var patch: ConnectionPatch {
        ConnectionPatch(
            name: name, description: description, credentialVisibility: credentialVisibility,
            allowUserSelfManage: allowUserSelfManage, config: configJson.map(JSONValue.object),
            secret: secretJson.map(JSONValue.object))
    }
}

/// `POST /v1/copilot/connections/{connection_id}/grants`: the scope (both required) and whether it may manage the
/// connection (false).
public struct ConnectionGrantCreate: Codable, Sendable {
    public var scopeType: String
    public var scopeID: String
    public var canManage: Bool?

    public init(scopeType: String, scopeID: String, canManage: Bool? = nil) {
        (self.scopeType, self.scopeID, self.canManage) = (scopeType, scopeID, canManage)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scopeType = try c.decode(String.self, forKey: .scopeType)
        scopeID = try c.decode(String.self, forKey: .scopeID)
        canManage = c.contains(.canManage) ? try c.decode(Bool.self, forKey: .canManage) : nil
    }

    enum CodingKeys: String, CodingKey { case scopeType, scopeID, canManage }
}
