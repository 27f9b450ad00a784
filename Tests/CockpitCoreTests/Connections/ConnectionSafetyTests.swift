@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Cockpit's rules on top of the original's: URLs in `config_json` (nested ones too) name public addresses unless
/// the operator allows them, an MCP connection runs no command, and the size and text limits. A refused input
/// stores nothing.
@Suite struct ConnectionSafetyTests {
    typealias T = ConnectionTesting

    static let internalURLs = [
        "http://127.0.0.1:8080/openapi.json", "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:9000/mcp", "http://localhost:4000/", "http://LOCALHOST/", "https://127.1/",
        "http://2130706433/", "http://[::ffff:127.0.0.1]/", "http://192.168.0.10/", "http://user:pw@10.0.0.1/",
    ]

    @Test(arguments: StoreKind.available)
    func urlsOfTheInternalNetworkAreRefusedNamingTheField(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = T.cockpit(db), service = cockpit.connections
            let a = try await TenantFixture.make(cockpit, name: "Acme").account.id
            for url in Self.internalURLs {
                for (type, config, field) in [
                    ("openapi", JSONValue.object(["spec_url": .string(url)]), "config_json.spec_url"),
                    ("openapi", .object(["spec": .string(url)]), "config_json.spec"),
                    ("openapi", .object(["base_url": .string(url)]), "config_json.base_url"),
                    ("mcp", .object(["server_url": .string(url)]), "config_json.server_url"),
                    (
                        "mcp", .object(["mcpServers": .object(["gh": .object(["URL": .string(url)])])]),
                        "config_json.mcpServers.gh.URL"
                    ),
                    (
                        "openapi", .object(["spec": .object(["servers": .array([.object(["url": .string(url)])])])]),
                        "config_json.spec.servers[0].url"
                    ),
                ] {
                    do {
                        _ = try await service.create(account: a, type: type, ConnectionInput(name: "X", config: config))
                        Issue.record("\(url) under \(field) was accepted")
                    } catch let CockpitError.invalid(got, reason) {
                        #expect(got == field, "\(url)")
                        #expect(
                            reason.contains("inside the network, which account connections may not reach"), "\(url)")
                    }
                }
            }
            // Not URLs of the network: other schemes are refused, paths and inline specs are not addresses.
            await #expect(throws: CockpitError.invalid(field: "config_json.spec", reason: "must be an http(s) URL")) {
                try await service.create(
                    account: a, type: "openapi",
                    ConnectionInput(name: "X", config: .object(["spec": .string("file:///etc/passwd")])))
            }
            for value: JSONValue in [.string("litellm_proxy"), .string("//10.0.0.1/x"), .number(5), .bool(true)] {
                await #expect(throws: CockpitError.invalid(field: "config_json.url", reason: "must be an http(s) URL"))
                {
                    try await service.create(
                        account: a, type: "openapi", ConnectionInput(name: "X", config: .object(["url": value])))
                }
            }
            #expect(try await service.list(account: a).isEmpty, "nothing refused was stored")
            let fine = try await service.create(
                account: a, type: "openapi",
                ConnectionInput(
                    name: "Inline",
                    config: .object([
                        "spec": .string("openapi: 3.0.0\ninfo: {title: x}"), "url": .null, "base_url": .string(" "),
                        "servers": .array([.object(["url": .string("/v1")])]),
                        "spec_url": .string("https://93.184.216.34/spec.json"),
                    ])))
            #expect(fine.config["spec_url"] == .string("https://93.184.216.34/spec.json"))
        }
    }

    @Test func theAllowListLetsAnOperatorsHostsThrough() async throws {
        try await TestStores.with(.sqlite) { (db: Database) async throws in
            let cockpit = T.cockpit(db, allow: "127.0.0.1,10.9.0.0/16,tools.internal")
            let a = try await TenantFixture.make(cockpit, name: "Acme").account.id
            for url in ["http://127.0.0.1:8080/mcp", "http://10.9.3.4/", "https://tools.internal/spec.json"] {
                let c = try await cockpit.connections.create(
                    account: a, type: "mcp",
                    ConnectionInput(name: "Allowed", config: .object(["server_url": .string(url)])))
                #expect(c.config["server_url"] == .string(url))
            }
            await #expect(throws: CockpitError.self) {
                try await cockpit.connections.create(
                    account: a, type: "mcp",
                    ConnectionInput(name: "X", config: .object(["server_url": .string("http://10.8.0.1/")])))
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func anMCPConnectionRunsNoCommand(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = T.cockpit(db), service = cockpit.connections
            let a = try await TenantFixture.make(cockpit, name: "Acme").account.id
            for (config, field) in [
                (JSONValue.object(["transport": .string(" STDIO ")]), "config_json.transport"),
                (.object(["command": .string("npx"), "args": .array([.string("server")])]), "config_json.command"),
                (
                    .object(["mcpServers": .object(["fs": .object(["Command": .string("/bin/sh")])])]),
                    "config_json.mcpServers.fs.Command"
                ),
            ] {
                do {
                    _ = try await service.create(account: a, type: "mcp", ConnectionInput(name: "M", config: config))
                    Issue.record("\(config) was accepted")
                } catch let CockpitError.invalid(got, reason) {
                    #expect(got == field && reason.contains("may not run commands"))
                }
            }
            let http = try await service.create(
                account: a, type: "mcp",
                ConnectionInput(name: "M", config: .object(["transport": .string("streamable_http")])))
            await #expect(throws: CockpitError.self) {
                try await service.update(
                    account: a, id: http.id.lowercased,
                    ConnectionPatch(config: .object(["transport": .string("stdio")])))
            }
            // Only MCP runs servers: an OpenAPI connection's `command` is just data.
            _ = try await service.create(
                account: a, type: "openapi", ConnectionInput(name: "O", config: .object(["command": .string("x")])))
            #expect(
                try await service.get(account: a, id: http.id.lowercased).config["transport"]
                    == .string("streamable_http"))
        }
    }

    @Test(arguments: StoreKind.available)
    func sizesAndTextAreLimited(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = T.cockpit(db), service = cockpit.connections
            let a = try await TenantFixture.make(cockpit, name: "Acme").account.id
            let big = JSONValue.object(["blob": .string(String(repeating: "x", count: 64 * 1024))])
            let cases: [(ConnectionInput, CockpitError)] = [
                (
                    ConnectionInput(name: String(repeating: "n", count: 201)),
                    .invalid(field: "name", reason: "must be at most 200 characters")
                ),
                (
                    ConnectionInput(name: "a\u{7}b"),
                    .invalid(field: "name", reason: "must not contain control characters")
                ),
                (
                    ConnectionInput(name: "N", description: String(repeating: "d", count: 4001)),
                    .invalid(field: "description", reason: "must be at most 4000 characters")
                ),
                (
                    ConnectionInput(name: "N", description: "x\u{1b}[2J"),
                    .invalid(field: "description", reason: "must not contain control characters")
                ),
                (
                    ConnectionInput(name: "N", config: big),
                    .invalid(field: "config_json", reason: "must be at most 64 KiB")
                ),
                (
                    ConnectionInput(name: "N", secret: big),
                    .invalid(field: "secret_json", reason: "must be at most 64 KiB")
                ),
                (
                    ConnectionInput(name: "N", config: .object(["a": .string("x\u{0}y")])),
                    .invalid(field: "config_json.a", reason: "must not hold NUL characters")
                ),
            ]
            for (input, error) in cases {
                await #expect(throws: error) { try await service.create(account: a, type: "openapi", input) }
            }
            #expect(try await service.list(account: a).isEmpty)
            // At the limits, and a multi-line description, are fine; numbers are stored as sent.
            let c = try await service.create(
                account: a, type: "openapi",
                ConnectionInput(
                    name: String(repeating: "n", count: 200), description: "line one\nline two\ttab",
                    config: .object(["retries": .number(1e300), "neg": .number(-2)])))
            #expect(try await service.get(account: a, id: c.id.lowercased).config["retries"] == .number(1e300))
        }
    }
}
