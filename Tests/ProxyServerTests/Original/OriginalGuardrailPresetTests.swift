import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Guardrail presets and assignments with the original's bodies (V1_CONTRACT.md "Guardrails"): a preset upserted by
/// code (id kept), assignments to every kind of scope (duplicates accumulate), the list filtered by scope, every
/// refusal word for word and in order.
@Suite struct OriginalGuardrailPresetTests {
    static let base = "/v1/copilot/guardrails"

    static func refused(
        _ answer: ServerHarness.Answer, _ status: Int, _ detail: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        OriginalCreditsContractTests.refused(answer, status, detail, what, sourceLocation: sourceLocation)
    }

    @Test(arguments: StoreKind.available)
    func presetsUpsertByCode(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Presets")
            #expect(try await s.call(.get, "\(Self.base)/presets", token: admin).json == ["items": []])
            let body: JSONValue = ["code": "pii", "name": "PII", "preset_json": ["config": ["mask": true]]]
            let created = try await s.call(.post, "\(Self.base)/presets", token: admin, json: body)
            #expect(created.status == .ok && created.header("x-cockpit-ignored-fields") == nil, "\(created.text)")
            let item = try #require(created.json["item"])
            #expect(
                Set(item.objectValue?.keys.map { $0 } ?? []) == [
                    "id", "account_id", "code", "name", "preset_json", "created_by", "created_at", "updated_at",
                ])
            #expect(
                item["account_id"] == .string(account) && item["code"] == "pii" && item["name"] == "PII"
                    && item["preset_json"] == ["config": ["mask": true]])
            // The same code: name and preset_json replaced, the id and created_at kept; the code as sent.
            let again = try await s.call(
                .post, "\(Self.base)/presets", token: admin, json: ["code": "pii", "name": "Personal data"])
            #expect(
                again.json["item"]?["id"] == item["id"] && again.json["item"]?["name"] == "Personal data"
                    && again.json["item"]?["preset_json"] == [:]
                    && again.json["item"]?["created_at"] == item["created_at"])
            let spaced = try await s.call(
                .post, "\(Self.base)/presets", token: admin, json: ["code": " pii ", "name": "Other"])
            #expect(spaced.json["item"]?["code"] == " pii " && spaced.json["item"]?["id"] != item["id"])
            let list = try await s.call(.get, "\(Self.base)/presets", token: admin)
            #expect(list.json.items.map { $0["id"] } == [spaced.json["item"]!["id"]!, item["id"]!], "newest first")
            for (json, detail) in [
                (["code": " ", "name": "x"], "code and name are required"),
                (["code": "x", "name": ""], "code and name are required"),
                (["code": "x", "name": "n", "preset_json": [1]], "preset_json must be a JSON object"),
                (
                    ["code": .string(String(repeating: "c", count: 201)), "name": "n"],
                    "code must be at most 200 characters"
                ),
            ] as [(JSONValue, String)] {
                Self.refused(
                    try await s.call(.post, "\(Self.base)/presets", token: admin, json: json), 400, detail, "\(json)")
            }
            for json in [["name": "n"], ["code": "c"], ["code": 1, "name": "n"]] as [JSONValue] {
                #expect(
                    try await s.call(.post, "\(Self.base)/presets", token: admin, json: json).status
                        == .unprocessableContent)
            }
            #expect(
                try await s.call(.get, "\(Self.base)/presets", token: admin).json.items.count == 2,
                "refusals wrote nothing")
            let audit = try await s.call(.get, "/v1/audit?domain=copilot&limit=100", token: admin)
            #expect(
                audit.json.items.filter { $0["table_name"] == "Alchemi_CopilotGuardrailPresetTable" }.map {
                    $0["action"]
                }
                    == ["upsert", "upsert", "upsert"])
        }
    }

    @Test(arguments: StoreKind.available)
    func assignmentsToEveryScopeInTheOriginalsOrder(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Assign")
            let (org, team, user, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let (preset, _) = try await OriginalAgentsContractTests.presets(s, admin)
            let agent = try #require(
                try await s.call(
                    .post, OriginalAgentsContractTests.base, token: admin,
                    json: ["name": "Bot", "guardrail_preset_ids": [.string(preset)]]
                ).json.itemString("id"))
            let assign: (String, String, String) async throws -> ServerHarness.Answer = { presetID, type, id in
                try await s.call(
                    .post, "\(Self.base)/assignments", token: admin,
                    json: ["preset_id": .string(presetID), "scope_type": .string(type), "scope_id": .string(id)])
            }
            let ghost = UUID().uuidString
            for (presetID, type, id, status, detail) in [
                ("x", "group", "x", 400, "scope_type must be one of: account,agent,org,team,user"),
                ("x", "agent", ghost, 404, "Copilot agent not found"),
                ("x", "account", ghost, 400, "account scope_id must match current account_id"),
                ("x", "team", ghost, 404, "copilot team not found"),
                ("x", "user", "nope", 404, "copilot user not found"),
                ("x", "team", team, 404, "Guardrail preset not found"),
                (ghost, "org", org, 404, "Guardrail preset not found"),
            ] as [(String, String, String, Int, String)] {
                Self.refused(try await assign(presetID, type, id), status, detail, "\(type) \(id) \(presetID)")
            }
            var made: [JSONValue] = []
            for (type, id) in [
                ("account", account), ("agent", agent), ("org", org), ("team", team), ("user", user), ("team", team),
            ] {
                let answer = try await assign(preset, type, id)
                #expect(answer.status == .ok, "\(type): \(answer.text)")
                made.append(try #require(answer.json["item"]))
            }
            #expect(
                Set(made[0].objectValue?.keys.map { $0 } ?? []) == [
                    "id", "account_id", "preset_id", "scope_type", "scope_id", "created_by", "created_at",
                ])
            #expect(made.map { $0["scope_type"] } == ["account", "agent", "org", "team", "user", "team"])
            #expect(made[3]["id"] != made[5]["id"], "duplicates accumulate, as in the original")
            // The list: all newest first (the agent's own mandatory assignment included), or one scope's.
            let all = try await s.call(.get, "\(Self.base)/assignments", token: admin).json.items
            #expect(all.count == 7 && all.first?["id"] == made[5]["id"], "\(all)")
            let teams = try await s.call(
                .get, "\(Self.base)/assignments?scope_type=team&scope_id=\(team)", token: admin)
            #expect(teams.json.items.map { $0["id"] } == [made[5]["id"]!, made[3]["id"]!])
            let agents = try await s.call(
                .get, "\(Self.base)/assignments?scope_type=agent&scope_id=\(agent)", token: admin)
            #expect(agents.json.items.count == 2 && agents.json.items.allSatisfy { $0["preset_id"] == .string(preset) })
            #expect(
                try await s.call(.get, "\(Self.base)/assignments?scope_id=\(team)", token: admin).json.items.count == 7)
            Self.refused(
                try await s.call(.get, "\(Self.base)/assignments?scope_type=team", token: admin), 400,
                "scope_id is required when scope_type is provided", "type without id")
            Self.refused(
                try await s.call(.get, "\(Self.base)/assignments?scope_type=pool&scope_id=x", token: admin), 400,
                "scope_type must be one of: account,agent,org,team,user", "bad type")
            for json in [
                ["preset_id": .string(preset), "scope_type": "team"],
                ["scope_type": "team", "scope_id": .string(team)],
            ]
                as [JSONValue]
            {
                #expect(
                    try await s.call(.post, "\(Self.base)/assignments", token: admin, json: json).status
                        == .unprocessableContent)
            }
            let audit = try await s.call(.get, "/v1/audit?domain=copilot&limit=100", token: admin)
            #expect(
                audit.json.items.filter { $0["table_name"] == "Alchemi_CopilotGuardrailAssignmentTable" }.map {
                    $0["action"]
                }
                    == Array(repeating: "create", count: 6))
        }
    }
}
