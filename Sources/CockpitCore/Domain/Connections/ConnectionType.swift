import Foundation

/// What a copilot connection reaches: an OpenAPI service, an MCP server or Composio (V1_CONTRACT.md "Connections").
public enum ConnectionType: String, Sendable, Codable, CaseIterable {
    case openapi, mcp, composio

    /// The wire's type as the original normalised it: trimmed, lower-cased, `integration` read as `composio` (a
    /// quirk its clients may rely on); anything else is the original's 400.
    public static func parse(_ raw: String) throws -> ConnectionType {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let type = ConnectionType(rawValue: text == "integration" ? "composio" : text) else {
            throw CockpitError.badRequest("connection_type must be openapi|mcp|composio")
        }
        return type
    }
}

/// Who handles a connection's credentials: the account's (`use_only`: users use them, never see them) or each user's
/// own (`self_managed`).
public enum CredentialVisibility: String, Sendable, Codable, CaseIterable {
    case useOnly = "use_only"
    case selfManaged = "self_managed"

    /// The wire's value exactly as sent (the original neither trims nor lower-cases it); else its 400.
    public static func parse(_ raw: String) throws -> CredentialVisibility {
        guard let value = CredentialVisibility(rawValue: raw) else {
            throw CockpitError.badRequest("credential_visibility must be use_only|self_managed")
        }
        return value
    }
}
