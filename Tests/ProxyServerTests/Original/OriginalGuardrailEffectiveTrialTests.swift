import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// The effective view (V1_CONTRACT.md "Guardrails": checks in order, the union over agent → user → team → org →
/// account with each item's source, `resolution_order`) and cockpit's trial of a preset (hits as UTF-8 byte spans,
/// masks, a refusal, directions, refusals).
@Suite struct OriginalGuardrailEffectiveTrialTests {
    static let base = "/v1/copilot/guardrails"

    static func refused(
        _ answer: ServerHarness.Answer, _ status: Int, _ detail: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        OriginalCreditsContractTests.refused(answer, status, detail, what, sourceLocation: sourceLocation)
    }

    @Test(arguments: StoreKind.available)
    func effectiveIsTheUnionInChainOrder(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Effective")
            let (org, team, user, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let (p1, p2) = try await OriginalAgentsContractTests.presets(s, admin)
            let agent = try #require(
                try await s.call(
                    .post, OriginalAgentsContractTests.base, token: admin,
                    json: ["name": "Bot", "guardrail_preset_ids": [.string(p1)]]
                ).json.itemString("id"))
            for (preset, type, id) in [
                (p2, "account", account), (p1, "org", org), (p2, "team", team), (p1, "user", user), (p1, "team", team),
            ] {
                let answer = try await s.call(
                    .post, "\(Self.base)/assignments", token: admin,
                    json: ["preset_id": .string(preset), "scope_type": .string(type), "scope_id": .string(id)])
                #expect(answer.status == .ok, "\(answer.text)")
            }
            let query = "org_id=\(org)&team_id=\(team)&user_id=\(user.uppercased())&agent_id=\(agent)"
            let answer = try await s.call(.get, "\(Self.base)/effective?\(query)", token: admin)
            #expect(answer.status == .ok, "\(answer.text)")
            let items = answer.json.items
            #expect(
                Set(items.first?.objectValue?.keys.map { $0 } ?? []) == [
                    "scope_type", "scope_id", "preset_id", "code", "name", "preset_json", "source_scope_type",
                    "source_scope_id",
                ])
            #expect(items.map { $0["source_scope_type"] } == ["agent", "user", "team", "team", "org", "account"])
            #expect(
                items.map { $0["preset_id"] }
                    == [p1, p1, p2, p1, p1, p2].map { JSONValue.string($0) }, "oldest first within a scope")
            #expect(items[1]["source_scope_id"] == .string(user) && items[1]["scope_id"] == .string(user))
            #expect(items[0]["code"] == "pii" && items[0]["preset_json"] == ["config": [:]])
            #expect(
                answer.json["resolution_order"]
                    == [
                        ["scope_type": "agent", "scope_id": .string(agent)],
                        ["scope_type": "user", "scope_id": .string(user)],
                        ["scope_type": "team", "scope_id": .string(team)],
                        ["scope_type": "org", "scope_id": .string(org)],
                        ["scope_type": "account", "scope_id": .string(account)],
                    ])
            // Nothing given (or empty ids): the account alone.
            for path in ["\(Self.base)/effective", "\(Self.base)/effective?org_id=&team_id=&user_id=&agent_id="] {
                let alone = try await s.call(.get, path, token: admin).json
                #expect(
                    alone["resolution_order"] == [["scope_type": "account", "scope_id": .string(account)]]
                        && alone.items.map { $0["preset_id"] } == [.string(p2)], "\(path)")
            }
            // The checks in the original's order.
            let ghost = UUID().uuidString
            for (q, detail) in [
                ("org_id=\(ghost)&team_id=\(ghost)&user_id=x&agent_id=x", "copilot org not found"),
                ("org_id=\(org)&team_id=nope&user_id=x&agent_id=x", "copilot team not found"),
                ("team_id=\(team)&user_id=\(ghost)&agent_id=x", "copilot user not found"),
                ("user_id=\(user)&agent_id=\(ghost)", "Copilot agent not found"),
                ("agent_id=not-an-id", "Copilot agent not found"),
            ] {
                Self.refused(try await s.call(.get, "\(Self.base)/effective?\(q)", token: admin), 404, detail, q)
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func trialShowsHitsMasksAndRefusals(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Trial")
            let patterns: JSONValue = [
                ["pattern_name": "greeting", "pattern_regex": "hello", "pattern_type": "detect", "action": "log"],
                ["pattern_name": "email", "pattern_regex": "builtin:email", "pattern_type": "block", "action": "mask"],
                [
                    "pattern_name": "leak", "pattern_regex": "(?i)forbidden", "pattern_type": "block",
                    "action": "block",
                    "applies_to": "output",
                ],
                ["pattern_name": "off", "pattern_regex": "hello", "pattern_type": "block", "enabled": false],
            ]
            let made = try await s.call(
                .post, "\(Self.base)/presets", token: admin,
                json: ["code": "try me", "name": "Trial", "preset_json": ["custom_patterns": patterns]])
            #expect(made.status == .ok, "\(made.text)")
            let path = "\(Self.base)/presets/try%20me/test"
            let text = "é hello, mail bob@example.com; FORBIDDEN"
            let input = try await s.call(
                .post, path, token: admin, json: ["text": .string(text), "direction": "input"])
            #expect(input.status == .ok, "\(input.text)")
            #expect(
                input.json == [
                    "preset": "try me",
                    "hits": [
                        [
                            "pattern_name": "greeting", "pattern_type": "detect", "action": "log",
                            "outcome": "detected",
                            "start": 3, "end": 8,
                        ],
                        [
                            "pattern_name": "email", "pattern_type": "block", "action": "mask", "outcome": "masked",
                            "start": 15, "end": 30,
                        ],
                    ],
                    "refused": .null, "text": "é hello, mail [EMAIL]; FORBIDDEN", "skipped": [],
                ], "spans are UTF-8 bytes (é is two): \(input.text)")
            for direction in ["output", nil] as [String?] {
                let answer = try await s.call(
                    .post, path, token: admin,
                    json: ["text": .string(text), "direction": direction.map(JSONValue.string) ?? .null])
                #expect(
                    answer.json["refused"] == ["preset": "try me", "pattern": "leak"]
                        && answer.json.items.isEmpty && answer.json["hits"]?.arrayValue?.count == 3,
                    "\(direction ?? "null"): \(answer.text)")
            }
            Self.refused(
                try await s.call(.post, "\(Self.base)/presets/nope/test", token: admin, json: ["text": "x"]), 404,
                "Guardrail preset not found", "unknown code")
            Self.refused(
                try await s.call(.post, path, token: admin, json: ["text": "x", "direction": "both"]), 400,
                "direction must be one of: input,output", "direction")
            Self.refused(
                try await s.call(
                    .post, path, token: admin, json: ["text": .string(String(repeating: "a", count: 64 * 1024 + 1))]),
                400, "text must be at most 64 KiB", "size")
            #expect(
                try await s.call(
                    .post, path, token: admin, json: ["text": .string(String(repeating: "a", count: 64 * 1024))]
                ).status == .ok)
            #expect(
                try await s.call(.post, path, token: admin, json: ["direction": "input"]).status
                    == .unprocessableContent)
            let audit = try await s.call(.get, "/v1/audit?domain=copilot&limit=100", token: admin).json.items
            #expect(
                audit.filter { $0["table_name"]?.stringValue?.contains("Guardrail") == true }.map { $0["action"] }
                    == ["upsert"], "a trial is a read: only the preset's upsert is audited")
        }
    }
}
