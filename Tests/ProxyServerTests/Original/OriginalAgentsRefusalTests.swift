import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Who may not use the agent and guardrail preset routes: another account's admin (its ids are unknown here: 404, or
/// `{"deleted": false}`), a console-only admin, an end-user key and a super-admin without an account (403); a copilot
/// organization admin may.
@Suite struct OriginalAgentsRefusalTests {
    static let base = OriginalAgentsContractTests.base

    @Test(arguments: StoreKind.available)
    func anotherAccountsIdsAreUnknown(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Acme")
            let (other, globex) = try await ControlPlaneRouteTests.newAccount(s, "Globex")
            let (_, team, user, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let (p1, _) = try await OriginalAgentsContractTests.presets(s, admin)
            let (theirPreset, _) = try await OriginalAgentsContractTests.presets(s, globex)
            let id = try #require(
                try await s.call(
                    .post, Self.base, token: admin,
                    json: [
                        "name": "Bot", "guardrail_preset_ids": [.string(p1)],
                        "grants": [["scope_type": "team", "scope_id": .string(team)]],
                    ]
                ).json.itemString("id"))
            func refused(
                _ answer: ServerHarness.Answer, _ status: Int, _ detail: String, _ what: String,
                sourceLocation: SourceLocation = #_sourceLocation
            ) {
                OriginalAgentsContractTests.refused(answer, status, detail, what, sourceLocation: sourceLocation)
            }
            refused(try await s.call(.get, "\(Self.base)/\(id)", token: globex), 404, "Agent not found", "GET")
            refused(
                try await s.call(.put, "\(Self.base)/\(id)", token: globex, json: ["name": "x"]), 404,
                "Agent not found", "PUT")
            #expect(try await s.call(.delete, "\(Self.base)/\(id)", token: globex).json == ["deleted": false])
            for (method, path, json) in [
                (HTTPRequest.Method.get, "\(Self.base)/\(id)/grants", nil),
                (.post, "\(Self.base)/\(id)/grants", ["scope_type": "team", "scope_id": .string(team)]),
                (.delete, "\(Self.base)/\(id)/grants?scope_type=team&scope_id=\(team)", nil),
            ] as [(HTTPRequest.Method, String, JSONValue?)] {
                refused(
                    try await s.call(method, path, token: globex, json: json), 404, "Copilot agent not found",
                    "\(method) \(path)")
            }
            refused(
                try await s.call(
                    .post, Self.base, token: globex, json: ["name": "x", "guardrail_preset_ids": [.string(p1)]]),
                404, "Guardrail preset not found: \(p1)", "another account's preset")
            refused(
                try await s.call(
                    .post, Self.base, token: globex,
                    json: [
                        "name": "x", "guardrail_preset_ids": [.string(theirPreset)],
                        "grants": [["scope_type": "user", "scope_id": .string(user)]],
                    ]),
                404, "copilot user not found", "another account's user")
            refused(
                try await s.call(
                    .post, Self.base, token: globex,
                    json: [
                        "name": "x", "guardrail_preset_ids": [.string(theirPreset)],
                        "grants": [
                            [
                                "scope_type": "account",
                                "scope_id": .string(try #require(UUID(uuidString: id)).uuidString),
                            ]
                        ],
                    ]),
                400, "account scope_id must match current account_id", "another account's id")
            refused(
                try await s.call(.get, "\(Self.base)/effective?user_id=\(user)", token: globex), 404,
                "copilot user not found", "effective")
            refused(
                try await s.call(
                    .post, "/v1/copilot/guardrails/assignments", token: globex,
                    json: ["preset_id": .string(p1), "scope_type": "account", "scope_id": .string(other)]),
                404, "Guardrail preset not found", "another account's preset, assigned")
            refused(
                try await s.call(
                    .post, "/v1/copilot/guardrails/assignments", token: globex,
                    json: ["preset_id": .string(theirPreset), "scope_type": "agent", "scope_id": .string(id)]),
                404, "Copilot agent not found", "another account's agent, assigned")
            #expect(try await s.call(.get, Self.base, token: globex).json == ["items": []])
            #expect(
                try await s.call(.get, "\(Self.base)/\(id)", token: admin).json["item"]?["name"] == "Bot",
                "nothing changed")
        }
    }

    @Test func onlyCopilotAdminsOfTheAccount() async throws {
        try await ZitadelTokenTests.withIssuer { fake, verifier in
            try await ServerHarness.with(.sqlite, zitadel: verifier) { s in
                let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Acme")
                let config: JSONValue = ["organization_id": "org-1", "project_id": .string(ZitadelTokenTests.project)]
                #expect(try await s.call(.put, "/v1/accounts/\(account)/zitadel/config", json: config).status == .ok)
                let (p1, _) = try await OriginalAgentsContractTests.presets(s, admin)
                let id = try #require(
                    try await s.call(
                        .post, Self.base, token: admin, json: ["name": "Bot", "guardrail_preset_ids": [.string(p1)]]
                    )
                    .json.itemString("id"))
                func token(_ roles: [String]) async throws -> String {
                    try await fake.mint(
                        await fake.claims(
                            subject: "someone", organization: "org-1", roles: roles,
                            projectID: ZitadelTokenTests.project))
                }
                let consoleOnly = try await token(["console_org_admin"])
                let copilotAdmin = try await token(["copilot_org_admin"])
                let endUser = try await s.cockpit.keys.generate(
                    account: try #require(UUID(uuidString: account)), NewKey(alias: "end user")
                ).secret
                let requests: [(HTTPRequest.Method, String, JSONValue?)] = [
                    (.get, Self.base, nil), (.post, Self.base, ["name": "x", "guardrail_preset_ids": [.string(p1)]]),
                    (.get, "\(Self.base)/\(id)", nil), (.put, "\(Self.base)/\(id)", ["name": "y"]),
                    (.get, "\(Self.base)/effective?user_id=\(UUID())", nil),
                    (.get, "\(Self.base)/\(id)/grants", nil),
                    (.post, "\(Self.base)/\(id)/grants", ["scope_type": "account", "scope_id": .string(account)]),
                    (.delete, "\(Self.base)/\(id)/grants?scope_type=team&scope_id=x", nil),
                    (.get, "/v1/copilot/guardrails/presets", nil),
                    (.post, "/v1/copilot/guardrails/presets", ["code": "c", "name": "n"]),
                    (.get, "/v1/copilot/guardrails/assignments", nil),
                    (
                        .post, "/v1/copilot/guardrails/assignments",
                        ["preset_id": .string(p1), "scope_type": "account", "scope_id": .string(account)]
                    ),
                    (.delete, "\(Self.base)/\(id)", nil),
                ]
                for (method, path, json) in requests {
                    for caller in [consoleOnly, endUser] {
                        let answer = try await s.call(method, path, token: caller, json: json)
                        #expect(
                            answer.status == .forbidden && answer.json["detail"] != nil,
                            "\(method) \(path): \(answer.text)")
                    }
                    // The master key without an account: no account context.
                    #expect(
                        try await s.call(method, path, json: json).status == .forbidden,
                        "\(method) \(path) without an account")
                }
                #expect(
                    try await s.call(.get, "\(Self.base)/\(id)", token: admin).json["item"]?["name"] == "Bot",
                    "nothing changed")
                for (method, path, json) in requests {
                    let answer = try await s.call(method, path, token: copilotAdmin, json: json)
                    #expect(
                        [200, 404].contains(answer.status.code), "a copilot admin may: \(method) \(path) \(answer.text)"
                    )
                }
            }
        }
    }
}
