import Foundation

/// The checks a connection's values go through, in the original's order and words first (visibility → blank name →
/// Composio's `auth_mode` and `api_key`), then cockpit's own: lengths, control characters, document sizes, and the
/// outbound rules of `ConnectionConfigPolicy`. Nothing here touches the store or the network.
enum ConnectionRules {
    static let maxName = 200
    static let maxDescription = 4000
    static let maxDocumentKiB = 64

    /// The original's checks on the values a connection would have (after a patch is merged); returns the
    /// visibility. `secret` is the plain `secret_json` the Composio rule reads.
    static func original(
        type: ConnectionType, visibility: String, name: String, config: JSONValue, secret: JSONValue
    ) throws -> CredentialVisibility {
        let visibility = try CredentialVisibility.parse(visibility)
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CockpitError.badRequest("name is required")
        }
        if type == .composio {
            let mode = config["auth_mode"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            guard mode == "oauth" || mode == "api_key" else {
                throw CockpitError.badRequest("composio config_json.auth_mode must be oauth|api_key")
            }
            if mode == "api_key", !pythonNonBlank(secret["api_key"]) {
                throw CockpitError.badRequest("composio api_key mode requires secret_json.api_key")
            }
        }
        return visibility
    }

    /// The original's `str(value or "").strip()` is not empty: a string with more than white space, a non-zero
    /// number, `true`, a non-empty list or object.
    static func pythonNonBlank(_ value: JSONValue?) -> Bool {
        switch value {
        case .string(let s)?: !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .number(let n)?: n != 0
        case .bool(let b)?: b
        case .array(let a)?: !a.isEmpty
        case .object(let o)?: !o.isEmpty
        case .null?, nil: false
        }
    }

    /// Cockpit's limits on the free text and documents of a connection; `secret` is nil when none is being stored.
    static func limits(name: String, description: String?, config: JSONValue, secret: JSONValue?) throws {
        try text(name, field: "name", max: maxName, lines: false)
        if let description { try text(description, field: "description", max: maxDescription, lines: true) }
        _ = try Validation.metadata(config, field: "config_json")
        if let secret { _ = try Validation.metadata(secret, field: "secret_json") }
    }

    /// At most `max` characters (counted as the store counts them) and no control characters (line breaks and tabs
    /// allowed where `lines`).
    static func text(_ value: String, field: String, max: Int, lines: Bool) throws {
        guard value.unicodeScalars.count <= max else {
            throw CockpitError.invalid(field: field, reason: "must be at most \(max) characters")
        }
        let allowed: Set<Unicode.Scalar> = lines ? ["\n", "\r", "\t"] : []
        guard
            !value.unicodeScalars.contains(where: {
                $0.properties.generalCategory == .control && !allowed.contains($0)
            })
        else { throw CockpitError.invalid(field: field, reason: "must not contain control characters") }
    }

    /// A connection's secret is stored only when it is a non-empty object (`{}` is none, or keeps the stored one).
    static func storesSecret(_ secret: JSONValue?) -> Bool {
        guard let members = secret?.objectValue else { return false }
        return !members.isEmpty
    }
}
