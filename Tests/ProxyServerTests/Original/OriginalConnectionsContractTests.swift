import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Copilot connections with the original's bodies (V1_CONTRACT.md "Connections"): create by type (`integration` read
/// as `composio`), list, read, PATCH (merged, `{}` keeps the secret, the type never changes), delete, every answer's
/// `secret_json` masked, and the original's refusals word for word in its order.
@Suite struct OriginalConnectionsContractTests {
    static let base = "/v1/copilot/connections"
    static let rowKeys: Set<String> = [
        "id", "account_id", "connection_type", "name", "description", "credential_visibility",
        "allow_user_self_manage", "config_json", "secret_json", "created_by", "created_at", "updated_at",
    ]
    static let masked: JSONValue = ["masked": true]

    /// CC's create body (`JSON.stringify` leaves out an undefined description).
    static func ccBody(
        _ name: String, description: String? = nil, config: JSONValue = [:], secret: JSONValue = [:]
    ) -> JSONValue {
        var body: [String: JSONValue] = [
            "name": .string(name), "credential_visibility": "use_only", "allow_user_self_manage": false,
            "config_json": config, "secret_json": secret,
        ]
        if let description { body["description"] = .string(description) }
        return .object(body)
    }

    @Test(arguments: StoreKind.available)
    func connectionsWithTheOriginalsBodies(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Conn")
            let created = try await s.call(
                .post, "\(Self.base)/openapi", token: admin,
                json: Self.ccBody(
                    "Petstore", description: "pets",
                    config: ["spec_url": "https://petstore3.swagger.io/api/v3/openapi.json"],
                    secret: ["api_key": "sk-petstore-plain"]))
            #expect(created.status == .ok, "\(created.text)")
            let item = try #require(created.json["item"])
            #expect(Set(item.objectValue?.keys.map { $0 } ?? []) == Self.rowKeys)
            #expect(
                item["connection_type"] == "openapi" && item["name"] == "Petstore" && item["description"] == "pets"
                    && item["credential_visibility"] == "use_only" && item["allow_user_self_manage"] == false
                    && item["account_id"] == .string(account) && item["secret_json"] == Self.masked)
            #expect(item["config_json"] == ["spec_url": "https://petstore3.swagger.io/api/v3/openapi.json"])
            let petstore = try #require(item["id"]?.stringValue)
            // `integration` is Composio (any case); the description CC leaves out is null.
            let composio = try await s.call(
                .post, "\(Self.base)/Integration", token: admin,
                json: Self.ccBody("Composio", config: ["auth_mode": "api_key"], secret: ["api_key": "ck-plain"]))
            #expect(composio.json["item"]?["connection_type"] == "composio", "\(composio.text)")
            #expect(
                composio.json["item"]?["description"] == .null && composio.json["item"]?["secret_json"] == Self.masked)
            let composioID = try #require(composio.json.itemString("id"))
            // Only `name` is required: the other fields take the original's defaults.
            let mcp = try await s.call(.post, "\(Self.base)/MCP", token: admin, json: ["name": "Tools"])
            #expect(
                mcp.json["item"]?["config_json"] == [:] && mcp.json["item"]?["credential_visibility"] == "use_only"
                    && mcp.json["item"]?["allow_user_self_manage"] == false, "\(mcp.text)")
            let mcpID = try #require(mcp.json.itemString("id"))

            let list = try await s.call(.get, Self.base, token: admin)
            #expect(Set(list.json.objectValue?.keys.map { $0 } ?? []) == ["items"])
            #expect(list.json.items.map { $0["id"]?.stringValue } == [mcpID, composioID, petstore])
            #expect(list.json.items.allSatisfy { $0["secret_json"] == Self.masked })
            let onlyComposio = try await s.call(.get, "\(Self.base)?connection_type=INTEGRATION", token: admin)
            #expect(onlyComposio.json.items.map { $0["id"]?.stringValue } == [composioID])
            #expect(try await s.call(.get, "\(Self.base)?connection_type=", token: admin).json.items.count == 3)
            OriginalCreditsContractTests.refused(
                try await s.call(.get, "\(Self.base)?connection_type=graphql", token: admin), 400,
                "connection_type must be openapi|mcp|composio", "list by an unknown type")

            let one = try await s.call(.get, "\(Self.base)/\(petstore.uppercased())", token: admin)
            #expect(one.json["item"] == item, "\(one.text)")
            for id in ["nope", UUID().uuidString] {
                OriginalCreditsContractTests.refused(
                    try await s.call(.get, "\(Self.base)/\(id)", token: admin), 404, "Connection not found", id)
            }

            // PATCH: null keeps, config replaced wholesale, `{}` keeps the secret, the type is not a field.
            let patched = try await s.call(
                .patch, "\(Self.base)/\(petstore)", token: admin,
                json: [
                    "name": .null, "description": "all the pets",
                    "config_json": ["base_url": "https://petstore3.swagger.io/api/v3"],
                    "secret_json": [:], "allow_user_self_manage": true, "connection_type": "mcp",
                ])
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(patched.header("x-cockpit-ignored-fields") == "connection_type")
            let after = try #require(patched.json["item"])
            #expect(
                after["name"] == "Petstore" && after["description"] == "all the pets"
                    && after["connection_type"] == "openapi" && after["allow_user_self_manage"] == true
                    && after["config_json"] == ["base_url": "https://petstore3.swagger.io/api/v3"]
                    && after["secret_json"] == Self.masked && after["created_at"] == item["created_at"])
            // Composio's api_key rule reads the stored secret when none is sent, the sent one (`{}` too) otherwise.
            #expect(
                try await s.call(.patch, "\(Self.base)/\(composioID)", token: admin, json: ["name": "Renamed"]).status
                    == .ok)
            OriginalCreditsContractTests.refused(
                try await s.call(.patch, "\(Self.base)/\(composioID)", token: admin, json: ["secret_json": [:]]), 400,
                "composio api_key mode requires secret_json.api_key", "{} is checked before it keeps the secret")
            for (json, status, detail) in [
                (["name": " "], 404, "Connection not found")
            ] as [(JSONValue, Int, String)] {
                OriginalCreditsContractTests.refused(
                    try await s.call(.patch, "\(Self.base)/\(UUID().uuidString)", token: admin, json: json), status,
                    detail, "PATCH of nothing")
            }
            for (json, detail) in [
                (
                    ["credential_visibility": "everyone", "name": " "],
                    "credential_visibility must be use_only|self_managed"
                ),
                (["name": "  "], "name is required"),
                (["config_json": ["auth_mode": "basic"]], "composio config_json.auth_mode must be oauth|api_key"),
                (["secret_json": ["api_key": " "]], "composio api_key mode requires secret_json.api_key"),
            ] as [(JSONValue, String)] {
                OriginalCreditsContractTests.refused(
                    try await s.call(.patch, "\(Self.base)/\(composioID)", token: admin, json: json), 400, detail,
                    "\(json)")
            }
            #expect(
                try await s.call(.get, "\(Self.base)/\(composioID)", token: admin).json.itemString("name") == "Renamed")

            #expect(try await s.call(.delete, "\(Self.base)/\(mcpID)", token: admin).json == ["deleted": true])
            #expect(try await s.call(.delete, "\(Self.base)/\(mcpID)", token: admin).json == ["deleted": false])
            #expect(try await s.call(.delete, "\(Self.base)/not-an-id", token: admin).json == ["deleted": false])
            #expect(try await s.call(.get, Self.base, token: admin).json.items.count == 2)
        }
    }

    @Test(arguments: StoreKind.available)
    func createRefusesInTheOriginalsOrder(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Order")
            for (type, json, detail) in [
                (
                    "graphql", ["name": " ", "credential_visibility": "all"],
                    "connection_type must be openapi|mcp|composio"
                ),
                (
                    "composio", ["name": " ", "credential_visibility": "Use_Only"],
                    "credential_visibility must be use_only|self_managed"
                ),
                ("composio", ["name": " \t"], "name is required"),
                ("composio", ["name": "C"], "composio config_json.auth_mode must be oauth|api_key"),
                (
                    "integration", ["name": "C", "config_json": ["auth_mode": 1]],
                    "composio config_json.auth_mode must be oauth|api_key"
                ),
                (
                    "composio", ["name": "C", "config_json": ["auth_mode": " API_key "]],
                    "composio api_key mode requires secret_json.api_key"
                ),
                (
                    "composio", ["name": "C", "config_json": ["auth_mode": "api_key"], "secret_json": ["api_key": ""]],
                    "composio api_key mode requires secret_json.api_key"
                ),
            ] as [(String, JSONValue, String)] {
                OriginalCreditsContractTests.refused(
                    try await s.call(.post, "\(Self.base)/\(type)", token: admin, json: json), 400, detail,
                    "\(type) \(json)")
            }
            // Wrong types are 422, as FastAPI answered them: a missing name, a null for a field with a default,
            // documents that are not objects.
            for json in [
                [:], ["name": .null], ["name": "C", "credential_visibility": .null], ["name": "C", "config_json": [1]],
                ["name": "C", "secret_json": "token"], ["name": "C", "allow_user_self_manage": "maybe"],
            ] as [JSONValue] {
                let answer = try await s.call(.post, "\(Self.base)/mcp", token: admin, json: json)
                #expect(answer.status == .unprocessableContent, "\(json): \(answer.status.code) \(answer.text)")
            }
            // Cockpit's rules come after the original's, each naming its field.
            for (json, detail) in [
                (["name": .string(String(repeating: "n", count: 201))], "name must be at most 200 characters"),
                (
                    ["name": "M", "config_json": ["server_url": "http://169.254.169.254/latest"]],
                    "config_json.server_url points at 169.254.169.254, an address inside the network, which account "
                        + "connections may not reach (an operator can allow it with COCKPIT_UPSTREAM_ALLOW)"
                ),
                (
                    ["name": "M", "config_json": ["transport": "stdio"]],
                    "config_json.transport must not be stdio: an account's MCP connection may not run commands on the "
                        + "server (use Streamable HTTP with a server_url)"
                ),
            ] as [(JSONValue, String)] {
                OriginalCreditsContractTests.refused(
                    try await s.call(.post, "\(Self.base)/mcp", token: admin, json: json), 400, detail, "\(json)")
            }
            #expect(try await s.call(.get, Self.base, token: admin).json.items.isEmpty, "nothing refused was stored")
        }
    }
}
