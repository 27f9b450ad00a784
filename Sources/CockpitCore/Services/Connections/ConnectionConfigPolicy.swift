import Foundation

/// Cockpit's outbound rules for what a tenant puts in a connection's `config_json` (docs/COPILOT_CATALOG.md
/// "Connections"), checked on the whole document, nested objects and lists included (MCP clients nest servers,
/// e.g. `mcpServers.<name>.url`; an inline OpenAPI spec lists `servers[].url`):
/// - under a key `url`, `server_url`, `base_url` or `spec_url` (any case), a non-blank string is an absolute http(s)
///   URL, or a path (`/v1`) resolved against one; `spec` counts when it is a string with a scheme (`…://`), not when
///   it is the spec itself. Every such URL must name a public address unless `COCKPIT_UPSTREAM_ALLOW` allows it: the
///   same `UpstreamAddressPolicy` as an account's models, checked again on the resolved address when connecting;
/// - an MCP connection may not run a command: `transport` `stdio` (any case) or a `command` key is refused;
/// - no string holds a NUL character (PostgreSQL's `jsonb` cannot keep one).
/// Each refusal is a 400 naming the field's path (`config_json.mcpServers.github.url`).
struct ConnectionConfigPolicy {
    static let urlKeys: Set<String> = ["url", "server_url", "base_url", "spec_url"]

    /// One URL found in the document and where.
    struct Found: Sendable, Equatable {
        var field: String
        var url: String
    }

    /// Checks everything but the addresses (no network); returns the URLs whose addresses `checkAddresses` checks.
    static func check(_ config: JSONValue, type: ConnectionType) throws -> [Found] {
        var found: [Found] = []
        try walk(config, path: "config_json") { path, key, value in
            let name = key.lowercased()
            if type == .mcp { try refuseCommands(name, value, path: path) }
            if let url = try url(name, value, path: path) { found.append(Found(field: path, url: url)) }
        }
        return found
    }

    /// Checks each URL's host with `policy` (resolving names: call off the caller's thread).
    static func checkAddresses(_ found: [Found], policy: UpstreamAddressPolicy) throws {
        for item in found {
            try policy.check(url: item.url, field: item.field, subject: "account connections")
        }
    }

    /// An MCP server started as a command on this machine is never a tenant's to configure.
    static func refuseCommands(_ key: String, _ value: JSONValue, path: String) throws {
        if key == "command" {
            throw CockpitError.invalid(
                field: path,
                reason: "is not allowed: an account's MCP connection may not run commands on the server "
                    + "(connect to an http(s) server_url instead)")
        }
        if key == "transport",
            value.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == "stdio"
        {
            throw CockpitError.invalid(
                field: path,
                reason: "must not be stdio: an account's MCP connection may not run commands on the "
                    + "server (use Streamable HTTP with a server_url)")
        }
    }

    /// The URL a member holds, when its key names one; refuses a value that cannot be one.
    static func url(_ key: String, _ value: JSONValue, path: String) throws -> String? {
        let isSpec = key == "spec"
        guard isSpec || urlKeys.contains(key) else { return nil }
        switch value {
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if isSpec { return hasScheme(trimmed) ? text : nil }
            if trimmed.isEmpty || (trimmed.hasPrefix("/") && !trimmed.hasPrefix("//")) { return nil }
            return text
        case .null, .object, .array: return nil
        case .number, .bool:
            if isSpec { return nil }
            throw CockpitError.invalid(field: path, reason: "must be an http(s) URL")
        }
    }

    /// True for `scheme://…` (a location, not a document).
    static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.range(of: "://"), colon.lowerBound > text.startIndex else { return false }
        let scheme = text[..<colon.lowerBound]
        return scheme.first?.isLetter == true
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// Visits every member of every object in the document (depth first) with its path; refuses NUL characters.
    static func walk(
        _ value: JSONValue, path: String, _ visit: (String, String, JSONValue) throws -> Void
    ) throws {
        switch value {
        case .object(let members):
            for key in members.keys.sorted() {
                let member = members[key] ?? .null
                let inner = "\(path).\(key)"
                guard !key.unicodeScalars.contains("\u{0}") else {
                    throw CockpitError.invalid(field: path, reason: "must not hold NUL characters")
                }
                try visit(inner, key, member)
                try walk(member, path: inner, visit)
            }
        case .array(let items):
            for (i, item) in items.enumerated() { try walk(item, path: "\(path)[\(i)]", visit) }
        case .string(let s):
            if s.unicodeScalars.contains("\u{0}") {
                throw CockpitError.invalid(field: path, reason: "must not hold NUL characters")
            }
        case .null, .bool, .number: break
        }
    }
}
