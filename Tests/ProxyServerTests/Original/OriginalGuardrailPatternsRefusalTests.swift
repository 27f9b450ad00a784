import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Who may not use the pattern, effective and trial routes: another account's admin (our ids and codes are unknown
/// there: 404, and nothing of ours changes), a console-only admin, an end-user key and the master key without an
/// account (403); a copilot organization admin may.
@Suite struct OriginalGuardrailPatternsRefusalTests {
    static let base = "/v1/copilot/guardrails"

    @Test(arguments: StoreKind.available)
    func anotherAccountsPatternsAndScopesAreUnknown(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Acme")
            let (_, globex) = try await ControlPlaneRouteTests.newAccount(s, "Globex")
            let (org, _, user, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let id = try #require(
                try await s.call(
                    .post, "\(Self.base)/patterns", token: admin,
                    json: ["guard_type": "pii", "pattern_name": "n", "pattern_regex": "acme", "pattern_type": "detect"]
                ).json["item"]?["id"]?.stringValue)
            let preset = try await s.call(
                .post, "\(Self.base)/presets", token: admin, json: ["code": "acme-only", "name": "Acme only"])
            #expect(preset.status == .ok)
            let before = try await s.call(.get, "\(Self.base)/patterns", token: admin).json
            for (method, json) in [
                (HTTPRequest.Method.get, nil), (.put, ["pattern_name": "x"]), (.delete, nil),
            ] as [(HTTPRequest.Method, JSONValue?)] {
                OriginalCreditsContractTests.refused(
                    try await s.call(method, "\(Self.base)/patterns/\(id)", token: globex, json: json), 404,
                    "Pattern not found", "\(method)")
            }
            #expect(try await s.call(.get, "\(Self.base)/patterns", token: globex).json == ["items": [], "total": 0])
            OriginalCreditsContractTests.refused(
                try await s.call(.get, "\(Self.base)/effective?org_id=\(org)", token: globex), 404,
                "copilot org not found", "effective")
            OriginalCreditsContractTests.refused(
                try await s.call(.get, "\(Self.base)/effective?user_id=\(user)", token: globex), 404,
                "copilot user not found", "effective")
            OriginalCreditsContractTests.refused(
                try await s.call(.post, "\(Self.base)/presets/acme-only/test", token: globex, json: ["text": "acme"]),
                404,
                "Guardrail preset not found", "trial of a code only we have")
            #expect(try await s.call(.get, "\(Self.base)/patterns", token: admin).json == before, "nothing changed")
        }
    }

    @Test func onlyCopilotAdminsOfTheAccount() async throws {
        try await ZitadelTokenTests.withIssuer { fake, verifier in
            try await ServerHarness.with(.sqlite, zitadel: verifier) { s in
                let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Acme")
                let config: JSONValue = ["organization_id": "org-1", "project_id": .string(ZitadelTokenTests.project)]
                #expect(try await s.call(.put, "/v1/accounts/\(account)/zitadel/config", json: config).status == .ok)
                let id = try #require(
                    try await s.call(
                        .post, "\(Self.base)/patterns", token: admin,
                        json: [
                            "guard_type": "pii", "pattern_name": "n", "pattern_regex": "abc", "pattern_type": "detect",
                        ]
                    ).json["item"]?["id"]?.stringValue)
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
                    (.get, "\(Self.base)/patterns", nil),
                    (
                        .post, "\(Self.base)/patterns",
                        ["guard_type": "toxic", "pattern_name": "t", "pattern_regex": "t", "pattern_type": "detect"]
                    ),
                    (.get, "\(Self.base)/patterns/\(id)", nil),
                    (.put, "\(Self.base)/patterns/\(id)", ["enabled": true]),
                    (.get, "\(Self.base)/effective", nil),
                    (.post, "\(Self.base)/presets/pii/test", ["text": "abc"]),
                    (.delete, "\(Self.base)/patterns/\(id)", nil),
                ]
                for (method, path, json) in requests {
                    for caller in [consoleOnly, endUser] {
                        let answer = try await s.call(method, path, token: caller, json: json)
                        #expect(
                            answer.status == .forbidden && answer.json["detail"] != nil,
                            "\(method) \(path): \(answer.text)")
                    }
                    #expect(
                        try await s.call(method, path, json: json).status == .forbidden,
                        "\(method) \(path) without an account")
                }
                #expect(
                    try await s.call(.get, "\(Self.base)/patterns/\(id)", token: admin).json["item"]?["enabled"]
                        == true,
                    "nothing changed")
                for (method, path, json) in requests {
                    let answer = try await s.call(method, path, token: copilotAdmin, json: json)
                    #expect(answer.status == .ok, "a copilot admin may: \(method) \(path) \(answer.text)")
                }
            }
        }
    }
}
