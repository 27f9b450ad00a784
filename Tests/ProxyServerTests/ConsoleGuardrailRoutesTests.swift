import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// The guardrail routes of the console tree (`/v1/console/guardrails/…`): the copilot routes' contract for the
/// console tree's own presets, patterns and assignments. Each tree keeps its own presets (the same code in both is two
/// presets); assignments name scopes of their tree; `account`-scope assignments of either tree show in both trees'
/// effective views, as the gateway applies them to keys of both.
@Suite struct ConsoleGuardrailRoutesTests {
    static let console = "/v1/console/guardrails"
    static let copilot = "/v1/copilot/guardrails"

    static func refused(
        _ answer: ServerHarness.Answer, _ status: Int, _ detail: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        OriginalCreditsContractTests.refused(answer, status, detail, what, sourceLocation: sourceLocation)
    }

    /// A console organization with a team and a member. Returns their ids.
    static func consoleTree(
        _ s: ServerHarness, _ admin: String
    ) async throws -> (org: String, team: String, user: String) {
        let org = try await s.call(.post, "/v1/console/orgs", token: admin, json: ["name": "Platform"])
        let orgID = try #require(org.json.itemString("id"), "\(org.text)")
        let team = try await s.call(
            .post, "/v1/console/teams", token: admin, json: ["org_id": .string(orgID), "name": "Ops"])
        let teamID = try #require(team.json.itemString("id"), "\(team.text)")
        let user = try await s.call(
            .post, "/v1/console/users", token: admin,
            json: ["email": "ops@tree.io", "display_name": "Ops", "team_ids": [.string(teamID)]])
        return (orgID, teamID, try #require(user.json.itemString("id"), "\(user.text)"))
    }

    @Test(arguments: StoreKind.available)
    func eachTreeHasItsPresetsPatternsAndAssignments(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Trees")
            let (org, team, user) = try await Self.consoleTree(s, admin)
            let made = try await s.call(
                .post, "\(Self.console)/presets", token: admin, json: ["code": "ops", "name": "Ops rules"])
            #expect(made.status == .ok, "\(made.text)")
            let preset = try #require(made.json.itemString("id"))
            // The same code in the copilot tree is another preset; neither tree lists the other's.
            let theirs = try await s.call(
                .post, "\(Self.copilot)/presets", token: admin, json: ["code": "ops", "name": "Copilot ops"])
            #expect(theirs.status == .ok && theirs.json.itemString("id") != preset)
            #expect(
                try await s.call(.get, "\(Self.console)/presets", token: admin).json.items.map { $0["name"] }
                    == ["Ops rules"])
            #expect(
                try await s.call(.get, "\(Self.copilot)/presets", token: admin).json.items.map { $0["name"] }
                    == ["Copilot ops"])

            // Patterns live in the console tree's own type presets.
            let pattern = try await s.call(
                .post, "\(Self.console)/patterns", token: admin,
                json: [
                    "guard_type": "pii", "pattern_name": "mail", "pattern_regex": "builtin:email",
                    "pattern_type": "block", "action": "mask",
                ])
            #expect(pattern.status == .ok, "\(pattern.text)")
            let patternID = try #require(pattern.json.itemString("id"))
            #expect(try await s.call(.get, "\(Self.console)/patterns/\(patternID)", token: admin).status == .ok)
            Self.refused(
                try await s.call(.get, "\(Self.copilot)/patterns/\(patternID)", token: admin), 404,
                "Pattern not found", "the copilot tree has no such pattern")
            #expect(
                try await s.call(.get, "\(Self.copilot)/patterns?guard_type=pii", token: admin).json["total"] == 0)
            let trial = try await s.call(
                .post, "\(Self.console)/presets/pii/test", token: admin, json: ["text": "write to ana@example.com"])
            #expect(trial.status == .ok && trial.json["text"] == "write to [EMAIL]", "\(trial.text)")

            // Assignments to the console tree's scopes, and the effective view of a console user.
            for (type, id) in [("team", team), ("account", account)] {
                let answer = try await s.call(
                    .post, "\(Self.console)/assignments", token: admin,
                    json: ["preset_id": .string(preset), "scope_type": .string(type), "scope_id": .string(id)])
                #expect(answer.status == .ok, "\(answer.text)")
            }
            let listed = try await s.call(.get, "\(Self.console)/assignments", token: admin).json.items
            #expect(listed.map { $0["scope_type"] } == ["account", "team"])
            #expect(try await s.call(.get, "\(Self.copilot)/assignments", token: admin).json.items.isEmpty)
            let effective = try await s.call(
                .get, "\(Self.console)/effective?org_id=\(org)&team_id=\(team)&user_id=\(user)", token: admin)
            #expect(effective.status == .ok, "\(effective.text)")
            #expect(effective.json.items.map { $0["source_scope_type"] } == ["team", "account"])
            #expect(
                effective.json["resolution_order"]?.arrayValue?.map { $0["scope_type"] }
                    == ["user", "team", "org", "account"])
            // The account-scope assignment applies to the copilot tree's keys too, so its effective view shows it.
            let copilotView = try await s.call(.get, "\(Self.copilot)/effective", token: admin).json
            #expect(copilotView.items.map { $0["preset_id"] } == [.string(preset)])
            let audit = try await s.call(.get, "/v1/audit?domain=console&limit=100", token: admin).json.items
            #expect(audit.contains { $0["table_name"] == "Alchemi_CopilotGuardrailPresetTable" }, "audited as console")
        }
    }

    @Test(arguments: StoreKind.available)
    func refusalsNameTheConsoleTree(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Refuse")
            let (_, team, _) = try await Self.consoleTree(s, admin)
            let (_, copilotTeam) = try await OriginalAccessContractTests.tree(s, admin)
            let preset = try #require(
                try await s.call(.post, "\(Self.console)/presets", token: admin, json: ["code": "c", "name": "C"])
                    .json.itemString("id"))
            let copilotPreset = try #require(
                try await s.call(.post, "\(Self.copilot)/presets", token: admin, json: ["code": "c", "name": "C"])
                    .json.itemString("id"))
            for (json, status, detail) in [
                (
                    ["preset_id": .string(preset), "scope_type": "agent", "scope_id": .string(UUID().uuidString)],
                    400, "scope_type must be one of: account,org,team,user"
                ),
                (
                    ["preset_id": .string(preset), "scope_type": "team", "scope_id": .string(copilotTeam)], 404,
                    "console team not found"
                ),
                (
                    ["preset_id": .string(copilotPreset), "scope_type": "team", "scope_id": .string(team)], 404,
                    "Guardrail preset not found"
                ),
                (
                    ["preset_id": .string(preset), "scope_type": "account", "scope_id": .string(UUID().uuidString)],
                    400, "account scope_id must match current account_id"
                ),
            ] as [(JSONValue, Int, String)] {
                Self.refused(
                    try await s.call(.post, "\(Self.console)/assignments", token: admin, json: json), status, detail,
                    "\(json)")
            }
            Self.refused(
                try await s.call(.get, "\(Self.console)/effective?agent_id=\(UUID())", token: admin), 400,
                "agent_id: agents belong to the copilot tree", "agents are the copilot tree's")
            Self.refused(
                try await s.call(.get, "\(Self.console)/effective?team_id=\(copilotTeam)", token: admin), 404,
                "console team not found", "a copilot team is not the console tree's")
            #expect(
                try await s.call(.get, "\(Self.console)/assignments", token: admin).json.items.isEmpty,
                "refusals wrote nothing")
            // Another account's admin sees none of it and reaches none of it.
            let (_, other) = try await ControlPlaneRouteTests.newAccount(s, "Other")
            #expect(try await s.call(.get, "\(Self.console)/presets", token: other).json.items.isEmpty)
            Self.refused(
                try await s.call(
                    .post, "\(Self.console)/assignments", token: other,
                    json: ["preset_id": .string(preset), "scope_type": "account", "scope_id": .string(account)]), 400,
                "account scope_id must match current account_id", "another account's scope")
        }
    }

    @Test(arguments: StoreKind.available)
    func assignmentsAreRemovedFromTheirTreeOnly(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Unassign")
            let (_, team, _) = try await Self.consoleTree(s, admin)
            let preset = try #require(
                try await s.call(.post, "\(Self.console)/presets", token: admin, json: ["code": "c", "name": "C"])
                    .json.itemString("id"))
            let assigned = try await s.call(
                .post, "\(Self.console)/assignments", token: admin,
                json: ["preset_id": .string(preset), "scope_type": "team", "scope_id": .string(team)])
            let id = try #require(assigned.json.itemString("id"))
            // Not the copilot tree's, nor another account's: 404, and nothing removed.
            Self.refused(
                try await s.call(.delete, "\(Self.copilot)/assignments/\(id)", token: admin), 404,
                "Guardrail assignment not found", "another tree's assignment")
            let (_, other) = try await ControlPlaneRouteTests.newAccount(s, "Elsewhere")
            Self.refused(
                try await s.call(.delete, "\(Self.console)/assignments/\(id)", token: other), 404,
                "Guardrail assignment not found", "another account's assignment")
            for ghost in ["not-an-id", UUID().uuidString] {
                Self.refused(
                    try await s.call(.delete, "\(Self.console)/assignments/\(ghost)", token: admin), 404,
                    "Guardrail assignment not found", ghost)
            }
            #expect(try await s.call(.get, "\(Self.console)/assignments", token: admin).json.items.count == 1)
            let removed = try await s.call(.delete, "\(Self.console)/assignments/\(id)", token: admin)
            #expect(removed.status == .ok && removed.json.itemString("id") == id, "\(removed.text)")
            #expect(try await s.call(.get, "\(Self.console)/assignments", token: admin).json.items.isEmpty)
            Self.refused(
                try await s.call(.delete, "\(Self.console)/assignments/\(id)", token: admin), 404,
                "Guardrail assignment not found", "removed once")
            // An agent's assignments are its mandatory presets: they change with the agent.
            let copilotPreset = try #require(
                try await s.call(.post, "\(Self.copilot)/presets", token: admin, json: ["code": "p", "name": "P"])
                    .json.itemString("id"))
            _ = try await s.call(
                .post, OriginalAgentsContractTests.base, token: admin,
                json: ["name": "Bot", "guardrail_preset_ids": [.string(copilotPreset)]])
            let agentAssignment = try #require(
                try await s.call(.get, "\(Self.copilot)/assignments", token: admin).json.items.first?["id"]?
                    .stringValue)
            Self.refused(
                try await s.call(.delete, "\(Self.copilot)/assignments/\(agentAssignment)", token: admin), 400,
                "an agent's guardrail presets change with the agent (PUT /v1/copilot/agents/{agent_id})",
                "an agent's preset")
            let audit = try await s.call(.get, "/v1/audit?domain=console&limit=100", token: admin).json.items
            #expect(
                audit.contains {
                    $0["table_name"] == "Alchemi_CopilotGuardrailAssignmentTable" && $0["action"] == "delete"
                        && $0["object_id"] == .string(id)
                }, "\(audit)")
        }
    }

    @Test func onlyAdminsOfTheConsoleTree() async throws {
        try await ZitadelTokenTests.withIssuer { fake, verifier in
            try await ServerHarness.with(.sqlite, zitadel: verifier) { s in
                let (account, _) = try await ControlPlaneRouteTests.newAccount(s, "Acme")
                let config: JSONValue = ["organization_id": "org-1", "project_id": .string(ZitadelTokenTests.project)]
                #expect(try await s.call(.put, "/v1/accounts/\(account)/zitadel/config", json: config).status == .ok)
                func token(_ roles: [String]) async throws -> String {
                    try await fake.mint(
                        await fake.claims(
                            subject: "someone", organization: "org-1", roles: roles,
                            projectID: ZitadelTokenTests.project))
                }
                let consoleAdmin = try await token(["console_org_admin"])
                let copilotAdmin = try await token(["copilot_org_admin"])
                for (base, allowed, refused) in [
                    (Self.console, consoleAdmin, copilotAdmin), (Self.copilot, copilotAdmin, consoleAdmin),
                ] {
                    let made = try await s.call(
                        .post, "\(base)/presets", token: allowed, json: ["code": "mine", "name": "Mine"])
                    #expect(made.status == .ok, "\(base): \(made.text)")
                    let tree = base == Self.console ? "console" : "copilot"
                    for (method, path, json) in [
                        (HTTPRequest.Method.get, "\(base)/presets", nil),
                        (.post, "\(base)/presets", ["code": "theirs", "name": "Theirs"]),
                        (.get, "\(base)/patterns", nil), (.get, "\(base)/effective", nil),
                        (.delete, "\(base)/assignments/\(UUID())", nil),
                    ] as [(HTTPRequest.Method, String, JSONValue?)] {
                        Self.refused(
                            try await s.call(method, path, token: refused, json: json), 403,
                            "this needs \(tree)_team_admin, \(tree)_org_admin or account_admin", "\(method) \(path)")
                    }
                }
            }
        }
    }
}
