import CockpitAPI
import CockpitCore
import Foundation

/// A copilot connection as the cockpit shows it: everything but the secret, and whether one is stored where the
/// backend is told (the core says; the server's answers mask even that, as the original's do).
public struct CatalogConnection: Equatable, Sendable, Identifiable {
    public var id: UUID
    public var type: ConnectionType
    public var name: String
    public var description: String?
    public var credentialVisibility: CredentialVisibility
    public var allowUserSelfManage: Bool
    /// `config_json` as stored (URLs and settings; never the secret).
    public var config: JSONValue
    /// True or false where the backend knows whether a secret is stored; nil where it is not told.
    public var secretStored: Bool?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, type: ConnectionType, name: String, description: String?,
        credentialVisibility: CredentialVisibility, allowUserSelfManage: Bool, config: JSONValue,
        secretStored: Bool?, createdBy: String, createdAt: Date, updatedAt: Date
    ) {
        (self.id, self.type, self.name, self.description) = (id, type, name, description)
        (self.credentialVisibility, self.allowUserSelfManage, self.config, self.secretStored) = (
            credentialVisibility, allowUserSelfManage, config, secretStored
        )
        (self.createdBy, self.createdAt, self.updatedAt) = (createdBy, createdAt, updatedAt)
    }

    /// The core's connection, its secret reduced to whether there is one.
    public init(_ c: Connection) {
        self.init(
            id: c.id, type: c.type, name: c.name, description: c.description,
            credentialVisibility: c.credentialVisibility, allowUserSelfManage: c.allowUserSelfManage, config: c.config,
            secretStored: c.hasSecret, createdBy: c.createdBy, createdAt: c.createdAt, updatedAt: c.updatedAt)
    }

    /// A connection as the server answers it (`secret_json` masked: whether a secret is stored is not told).
    init(_ v: ConnectionView) throws {
        self.init(
            id: v.id, type: try ConnectionType.parse(v.connectionType), name: v.name, description: v.description,
            credentialVisibility: try CredentialVisibility.parse(v.credentialVisibility),
            allowUserSelfManage: v.allowUserSelfManage, config: v.configJson, secretStored: nil,
            createdBy: v.createdBy, createdAt: v.createdAt, updatedAt: v.updatedAt)
    }

    /// The URLs of the config (`url`, `server_url`, `base_url`, `spec_url`, and `spec` when it names a location), with
    /// where each is (`mcpServers.github.url`), in document order with keys sorted: the summary the details show.
    public var urls: [(path: String, url: String)] {
        var found: [(String, String)] = []
        func visit(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let members):
                for key in members.keys.sorted() {
                    let child = path.isEmpty ? key : "\(path).\(key)", member = members[key]!
                    let lower = key.lowercased()
                    if let text = member.stringValue,
                        ["url", "server_url", "base_url", "spec_url", "spec"].contains(lower),
                        lower != "spec" || text.contains("://")
                    {
                        found.append((child, text))
                    } else {
                        visit(member, child)
                    }
                }
            case .array(let items): for (i, item) in items.enumerated() { visit(item, "\(path)[\(i)]") }
            default: break
            }
        }
        visit(config, "")
        return found
    }
}
