import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Copilot agents with the original's bodies (V1_CONTRACT.md "Agents"): CC's create body, the list with and without
/// grants, one agent, the change that keeps what it is not given, delete (grants go, preset assignments stay), the
/// grant routes (idempotent, their checks in the original's order) and cockpit's effective view; every refusal word
/// for word, in order, changing nothing. (The grant routes: OriginalAgentGrantsContractTests.)
@Suite struct OriginalAgentsContractTests {
    static let base = "/v1/copilot/agents"

    /// Expects `answer` to be `status` with exactly `detail`.
    static func refused(
        _ answer: ServerHarness.Answer, _ status: Int, _ detail: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        OriginalCreditsContractTests.refused(answer, status, detail, what, sourceLocation: sourceLocation)
    }

    /// Two guardrail presets of the caller's account, through the presets route.
    static func presets(_ s: ServerHarness, _ admin: String) async throws -> (String, String) {
        var ids: [String] = []
        for code in ["pii", "toxic"] {
            let answer = try await s.call(
                .post, "/v1/copilot/guardrails/presets", token: admin,
                json: ["code": .string(code), "name": .string(code.uppercased()), "preset_json": ["config": [:]]])
            ids.append(try #require(answer.json.itemString("id"), "\(answer.text)"))
        }
        return (ids[0], ids[1])
    }

    static let itemKeys: Set<String> = [
        "id", "account_id", "name", "description", "definition_json", "created_by", "created_at", "updated_at",
        "mandatory_guardrail_preset_ids", "grants",
    ]

    @Test(arguments: StoreKind.available)
    func agentsWithCCsBodiesAndTheOriginalsRefusals(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Agents")
            let (org, team, user, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let (p1, p2) = try await Self.presets(s, admin)
            // A fresh account lists none (CC's refresh needs the 200).
            let empty = try await s.call(.get, Self.base, token: admin)
            #expect(empty.status == .ok && empty.json == ["items": []], "\(empty.text)")
            // CC's create body: all five fields, grants empty.
            let cc: JSONValue = [
                "name": "Researcher", "description": "Finds things", "definition_json": ["model": "gpt-4o"],
                "grants": [], "guardrail_preset_ids": [.string(p2), .string(p1)],
            ]
            let created = try await s.call(.post, Self.base, token: admin, json: cc)
            #expect(created.status == .ok && created.header("x-cockpit-ignored-fields") == nil, "\(created.text)")
            let item = try #require(created.json["item"])
            let id = try #require(item["id"]?.stringValue)
            #expect(Set(item.objectValue?.keys.map { $0 } ?? []) == Self.itemKeys, "\(created.text)")
            #expect(
                item["account_id"] == .string(account) && item["name"] == "Researcher"
                    && item["description"] == "Finds things" && item["definition_json"] == ["model": "gpt-4o"]
                    && item["mandatory_guardrail_preset_ids"] == [.string(p2), .string(p1)] && item["grants"] == [])
            // Each refusal in the original's order, word for word.
            let checks: [(JSONValue, Int, String)] = [
                (["name": "  ", "guardrail_preset_ids": ["nope"]], 400, "name is required"),
                (["name": "B"], 400, "At least one guardrail preset is required for agent creation/update"),
                (
                    ["name": "B", "guardrail_preset_ids": ["", " "]], 400,
                    "At least one guardrail preset is required for agent creation/update"
                ),
                (
                    ["name": "B", "guardrail_preset_ids": ["nope", .string(p1), " other ", "nope"]], 404,
                    "Guardrail preset not found: nope,other"
                ),
                (
                    [
                        "name": "B", "guardrail_preset_ids": [.string(p1)],
                        "grants": [["scope_type": "group", "scope_id": "x"]],
                    ],
                    400, "scope_type must be one of: org,team,user"
                ),
                (
                    ["name": "B", "guardrail_preset_ids": [.string(p1)], "grants": [["scope_type": "team"]]], 400,
                    "scope_id is required for agent grants"
                ),
                (
                    [
                        "name": "B", "guardrail_preset_ids": [.string(p1)],
                        "grants": [
                            ["scope_type": "team", "scope_id": .string(team)],
                            ["scope_type": "team", "scope_id": "ghost"],
                        ],
                    ],
                    404, "copilot team not found"
                ),
                (
                    ["name": "B", "guardrail_preset_ids": ["nope"], "grants": [["scope_type": "bad"]]], 404,
                    "Guardrail preset not found: nope"
                ),
                (
                    ["name": "B", "guardrail_preset_ids": [.string(p1)], "definition_json": [1]], 400,
                    "definition_json must be a JSON object"
                ),
                (
                    ["name": "B\u{1}", "guardrail_preset_ids": [.string(p1)]], 400,
                    "name must not contain control characters"
                ),
            ]
            for (json, status, detail) in checks {
                Self.refused(try await s.call(.post, Self.base, token: admin, json: json), status, detail, "\(json)")
            }
            for json in [
                ["guardrail_preset_ids": [.string(p1)]], ["name": 5, "guardrail_preset_ids": [.string(p1)]],
                [
                    "name": "B", "guardrail_preset_ids": [.string(p1)],
                    "grants": [["scope_type": "team", "scope_id": 5]],
                ],
                [
                    "name": "B", "guardrail_preset_ids": [.string(p1)],
                    "grants": [["scope_type": "team", "scope_id": .null]],
                ],
                ["name": "B", "guardrail_preset_ids": [.string(p1)], "grants": ["team"]],
                ["name": "B", "guardrail_preset_ids": .string(p1)],
            ] as [JSONValue] {
                let answer = try await s.call(.post, Self.base, token: admin, json: json)
                #expect(
                    answer.status == .unprocessableContent && answer.json["detail"] != nil, "\(json): \(answer.text)")
            }
            #expect(try await s.call(.get, Self.base, token: admin).json.items.count == 1, "the refusals wrote nothing")
            // With grants: every scope kind, the account too (cockpit's addition), repeats dropped.
            let granted = try await s.call(
                .post, Self.base, token: admin,
                json: [
                    "name": "Writer", "guardrail_preset_ids": [.string(p1)],
                    "grants": [
                        ["scope_type": "org", "scope_id": .string(org)],
                        ["scope_type": "team", "scope_id": .string(team)],
                        ["scope_type": " user ", "scope_id": .string(user.uppercased())],
                        ["scope_type": "team", "scope_id": .string(team)],
                        ["scope_type": "account", "scope_id": .string(account)],
                    ],
                ])
            let writer = try #require(granted.json.itemString("id"), "\(granted.text)")
            let grants: JSONValue = [
                ["scope_type": "org", "scope_id": .string(org)], ["scope_type": "team", "scope_id": .string(team)],
                ["scope_type": "user", "scope_id": .string(user)],
                ["scope_type": "account", "scope_id": .string(account)],
            ]
            #expect(granted.json["item"]?["grants"] == grants && granted.json["item"]?["description"] == .null)
            // The list: newest first, preset ids always, grants only when asked for.
            let list = try await s.call(.get, Self.base, token: admin)
            #expect(list.json.items.map { $0["id"] } == [.string(writer), .string(id)])
            #expect(list.json.items.allSatisfy { $0["grants"] == nil && $0["mandatory_guardrail_preset_ids"] != nil })
            let withGrants = try await s.call(.get, "\(Self.base)?include_grants=true", token: admin)
            #expect(withGrants.json.items.map { $0["grants"] } == [grants, []])
            #expect(
                try await s.call(.get, "\(Self.base)?include_grants=maybe", token: admin).status
                    == .unprocessableContent)
            // One agent; `effective` is its own route, never an agent id.
            let one = try await s.call(.get, "\(Self.base)/\(writer)", token: admin)
            #expect(one.json["item"] == granted.json["item"], "\(one.text)")
            for missing in [UUID().uuidString, "not-an-id"] {
                Self.refused(
                    try await s.call(.get, "\(Self.base)/\(missing)", token: admin), 404, "Agent not found", missing)
            }
            #expect(try await s.call(.get, "\(Self.base)/effective", token: admin).status == .unprocessableContent)
            // PUT: null or absent keeps; presets and grants replaced only when given; 404 before anything else.
            Self.refused(
                try await s.call(
                    .put, "\(Self.base)/\(UUID())", token: admin, json: ["name": " ", "guardrail_preset_ids": []]),
                404, "Agent not found", "unknown agent")
            let kept = try await s.call(
                .put, "\(Self.base)/\(id)", token: admin, json: ["description": .null, "definition_json": .null])
            #expect(
                kept.json["item"]?["description"] == "Finds things"
                    && kept.json["item"]?["definition_json"] == ["model": "gpt-4o"])
            #expect(kept.json["item"]?["mandatory_guardrail_preset_ids"] == [.string(p2), .string(p1)])
            let changed = try await s.call(
                .put, "\(Self.base)/\(id)", token: admin,
                json: [
                    "name": "Researcher 2", "guardrail_preset_ids": [.string(p1)],
                    "grants": [["scope_type": "team", "scope_id": .string(team)]],
                ])
            #expect(
                changed.json["item"]?["name"] == "Researcher 2"
                    && changed.json["item"]?["mandatory_guardrail_preset_ids"] == [.string(p1)]
                    && changed.json["item"]?["grants"] == [["scope_type": "team", "scope_id": .string(team)]],
                "\(changed.text)")
            for (json, status, detail) in [
                (
                    ["guardrail_preset_ids": []], 400,
                    "At least one guardrail preset is required for agent creation/update"
                ),
                (
                    ["name": "X", "grants": [["scope_type": "user", "scope_id": .string(UUID().uuidString)]]], 404,
                    "copilot user not found"
                ),
                (["name": ""], 400, "name is required"),
            ] as [(JSONValue, Int, String)] {
                Self.refused(
                    try await s.call(.put, "\(Self.base)/\(id)", token: admin, json: json), status, detail, "\(json)")
            }
            #expect(
                try await s.call(.get, "\(Self.base)/\(id)", token: admin).json["item"] == changed.json["item"],
                "refused changes changed nothing")
            // Effective: the agents a copilot user may use, with the grants that reach them.
            let effective = try await s.call(.get, "\(Self.base)/effective?user_id=\(user)", token: admin)
            #expect(effective.json.items.map { $0["id"] } == [.string(writer), .string(id)], "\(effective.text)")
            #expect(
                effective.json.items.first?["granted_via"] == [
                    ["scope_type": "org", "scope_id": .string(org)], ["scope_type": "team", "scope_id": .string(team)],
                    ["scope_type": "user", "scope_id": .string(user)],
                    ["scope_type": "account", "scope_id": .string(account)],
                ])
            #expect(
                effective.json.items.allSatisfy { $0["grants"] == nil && $0["mandatory_guardrail_preset_ids"] != nil })
            Self.refused(
                try await s.call(.get, "\(Self.base)/effective?user_id=\(UUID())", token: admin), 404,
                "copilot user not found", "unknown user")
            // DELETE: grants go with it, preset assignments stay.
            let deleted = try await s.call(.delete, "\(Self.base)/\(writer)", token: admin)
            #expect(deleted.status == .ok && deleted.text == #"{"deleted":true}"#, "\(deleted.text)")
            #expect(try await s.call(.delete, "\(Self.base)/\(writer)", token: admin).json == ["deleted": false])
            let left = try await s.call(
                .get, "/v1/copilot/guardrails/assignments?scope_type=agent&scope_id=\(writer)", token: admin)
            #expect(left.json.items.map { $0["preset_id"] } == [.string(p1)], "\(left.text)")
            #expect(
                try await s.call(.get, "\(Self.base)/effective?user_id=\(user)", token: admin).json.items.map {
                    $0["id"]
                } == [.string(id)])
        }
    }
}
