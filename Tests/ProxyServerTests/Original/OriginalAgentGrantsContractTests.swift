import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// An agent's grant routes with the original's bodies (V1_CONTRACT.md "Agents"): grant (the agent, then the scope
/// type, then the scope; an existing grant comes back unchanged), the list (`{scope_type, scope_id}` only, oldest
/// first), revoke (both query values required, the scope type checked before the agent), and the audit rows as CC
/// reads them.
@Suite struct OriginalAgentGrantsContractTests {
    static let base = OriginalAgentsContractTests.base

    static func refused(
        _ answer: ServerHarness.Answer, _ status: Int, _ detail: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        OriginalCreditsContractTests.refused(answer, status, detail, what, sourceLocation: sourceLocation)
    }

    @Test(arguments: StoreKind.available)
    func grantRoutesInTheOriginalsOrder(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Grants")
            let (_, team, user, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let (p1, _) = try await OriginalAgentsContractTests.presets(s, admin)
            let id = try #require(
                try await s.call(
                    .post, Self.base, token: admin, json: ["name": "Bot", "guardrail_preset_ids": [.string(p1)]]
                )
                .json.itemString("id"))
            let grants = "\(Self.base)/\(id)/grants", ghost = "\(Self.base)/\(UUID())/grants"
            // POST: agent → scope type → scope.
            for (path, json, status, detail) in [
                (ghost, ["scope_type": "bad", "scope_id": ""], 404, "Copilot agent not found"),
                (grants, ["scope_type": "bad", "scope_id": "x"], 400, "scope_type must be one of: org,team,user"),
                (grants, ["scope_type": "user", "scope_id": "x"], 404, "copilot user not found"),
                (grants, ["scope_type": "team", "scope_id": ""], 404, "copilot team not found"),
                (
                    grants, ["scope_type": "account", "scope_id": "x"], 400,
                    "account scope_id must match current account_id"
                ),
            ] as [(String, JSONValue, Int, String)] {
                Self.refused(try await s.call(.post, path, token: admin, json: json), status, detail, "\(path) \(json)")
            }
            #expect(
                try await s.call(.post, grants, token: admin, json: ["scope_type": "team"]).status
                    == .unprocessableContent)
            let first = try await s.call(
                .post, grants, token: admin, json: ["scope_type": "team", "scope_id": .string(team)])
            #expect(
                Set(first.json["item"]?.objectValue?.keys.map { $0 } ?? []) == [
                    "id", "account_id", "agent_id", "scope_type", "scope_id", "created_by", "created_at",
                ], "\(first.text)")
            #expect(
                first.json["item"]?["agent_id"] == .string(id) && first.json["item"]?["account_id"] == .string(account))
            let again = try await s.call(
                .post, grants, token: admin, json: ["scope_type": "team", "scope_id": .string(team)])
            #expect(again.json == first.json, "an existing grant comes back unchanged")
            _ = try await s.call(.post, grants, token: admin, json: ["scope_type": "user", "scope_id": .string(user)])
            // GET: only {scope_type, scope_id}, oldest first.
            let listed = try await s.call(.get, grants, token: admin)
            #expect(
                listed.json == [
                    "items": [
                        ["scope_type": "team", "scope_id": .string(team)],
                        ["scope_type": "user", "scope_id": .string(user)],
                    ]
                ], "\(listed.text)")
            Self.refused(
                try await s.call(.get, ghost, token: admin), 404, "Copilot agent not found", "GET unknown agent")
            // DELETE: both query values required (422) → scope type before the agent → agent.
            for query in ["", "?scope_type=team", "?scope_id=x"] {
                #expect(
                    try await s.call(.delete, grants + query, token: admin).status == .unprocessableContent, "\(query)")
            }
            Self.refused(
                try await s.call(.delete, "\(ghost)?scope_type=pool&scope_id=x", token: admin), 400,
                "scope_type must be one of: org,team,user", "type first")
            Self.refused(
                try await s.call(.delete, "\(ghost)?scope_type=team&scope_id=x", token: admin), 404,
                "Copilot agent not found", "then the agent")
            #expect(
                try await s.call(.delete, "\(grants)?scope_type=team&scope_id=\(team)", token: admin).json == [
                    "deleted": true
                ])
            #expect(
                try await s.call(.delete, "\(grants)?scope_type=team&scope_id=\(team)", token: admin).json == [
                    "deleted": false
                ])
            #expect(
                try await s.call(.get, grants, token: admin).json.items == [
                    ["scope_type": "user", "scope_id": .string(user)]
                ])
            // The audit as CC reads it: the original's tables and verbs.
            _ = try await s.call(.put, "\(Self.base)/\(id)", token: admin, json: ["name": "Bot 2"])
            _ = try await s.call(.delete, "\(Self.base)/\(id)", token: admin)
            let audit = try await s.call(.get, "/v1/audit?domain=copilot&limit=100", token: admin)
            let seen = audit.json.items.compactMap { row -> String? in
                guard let table = row["table_name"]?.stringValue, table.hasPrefix("Alchemi_CopilotAgent") else {
                    return nil
                }
                return "\(row["action"]?.stringValue ?? "") \(table)"
            }
            #expect(
                seen.sorted() == [
                    "create Alchemi_CopilotAgentTable", "delete Alchemi_CopilotAgentGrantTable",
                    "delete Alchemi_CopilotAgentTable", "update Alchemi_CopilotAgentTable",
                    "upsert Alchemi_CopilotAgentGrantTable", "upsert Alchemi_CopilotAgentGrantTable",
                    "upsert Alchemi_CopilotAgentGrantTable",
                ], "\(seen)")
        }
    }
}
