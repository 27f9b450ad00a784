@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// What a key may do: its model list, its rpm limit, its budget, blocking and deletion; errors in OpenAI's envelope.
@Suite struct GatewayPolicyTests {
    static func isOpenAIError(_ a: GatewayHarness.Answer, _ status: Int) -> Bool {
        a.status == status && a.json["error"]?["code"]?.stringValue == String(status)
            && a.json["error"]?["message"]?.stringValue != nil
    }

    @Test func refusalsUseTheOpenAIEnvelope() async throws {
        try await GatewayHarness.with { g in
            let key = try await g.newKey(["models": ["gpt-test"]])
            #expect(
                Self.isOpenAIError(
                    try await g.call(.post, "/v1/chat/completions", key: nil, json: GatewayHarness.chat("gpt-test")),
                    401))
            #expect(
                Self.isOpenAIError(
                    try await g.call(
                        .post, "/v1/chat/completions", key: "sk-unknown-0000000000000000",
                        json: GatewayHarness.chat("gpt-test")), 401))
            let outside = try await g.call(
                .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("claude-test"))
            #expect(Self.isOpenAIError(outside, 403) && outside.json["error"]?["type"] == "permission_error")
            let master = try await g.call(.post, "/v1/chat/completions", json: GatewayHarness.chat("no-such-model"))
            #expect(Self.isOpenAIError(master, 404) && master.json["error"]?["param"] == "model")
            #expect(
                Self.isOpenAIError(
                    try await g.call(.post, "/v1/chat/completions", key: key, json: ["model": "gpt-test"]), 400))
            let bad = try await g.call(
                .post, "/v1/chat/completions", key: key, json: ["model": "gpt-test", "messages": "hi", "stream": "yes"])
            #expect(Self.isOpenAIError(bad, 400))
            var raw = GatewayHarness.Answer(status: 0, json: .null, headers: [:], text: "")
            raw = try await g.client.execute(
                uri: "/v1/chat/completions", method: .post, headers: [.authorization: "Bearer \(key)"],
                body: .init(string: "{\"model\": \"gpt-test\", ")
            ) { r in
                GatewayHarness.Answer(
                    status: Int(r.status.code), json: (try? JSONValue.parse(String(buffer: r.body))) ?? .null,
                    headers: r.headers,
                    text: String(buffer: r.body))
            }
            #expect(Self.isOpenAIError(raw, 400))
            #expect(g.upstream.requestCount == 0, "no refused request reached the upstream")
            #expect(try await g.spendRows().isEmpty)
        }
    }

    @Test func anRPMLimitAnswers429AndHeadersCountDown() async throws {
        try await GatewayHarness.with { g in
            let key = try await g.newKey(["rpm_limit": 2, "tpm_limit": 100_000])
            try await GatewayHarness.awayFromAMinuteBoundary()
            let first = try await g.call(
                .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("mock-test"))
            #expect(
                first.header("x-ratelimit-limit-requests") == "2"
                    && first.header("x-ratelimit-remaining-requests") == "1")
            #expect(first.header("x-ratelimit-limit-tokens") == "100000")
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("mock-test")).status
                    == 200)
            let third = try await g.call(
                .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("mock-test"))
            #expect(Self.isOpenAIError(third, 429) && third.json["error"]?["type"] == "rate_limit_error")
            // The master key is not limited.
            #expect(
                try await g.call(.post, "/v1/chat/completions", json: GatewayHarness.chat("mock-test")).status == 200)
        }
    }

    @Test(arguments: StoreKind.available)
    func aKeyOverBudgetIsRefused(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            // Each call costs about 3e-5 here; the budget allows the first only.
            let key = try await g.newKey(["max_budget": 0.00001, "budget_duration": "1mo"])
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("gpt-test")).status
                    == 200)
            let refused = try await g.call(
                .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("gpt-test"))
            #expect(
                Self.isOpenAIError(refused, 429) && refused.json["error"]?["type"] == "budget_exceeded",
                "\(refused.text)")
            // Also after the spend is in the store, and for a second instance's view (the store's figure).
            _ = try await g.spendRows()
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("gpt-test")).status
                    == 429)
            let info = try await g.call(.get, "/key/info?key=\(key)", key: key)
            #expect((info.json["info"]?["spend"]?.doubleValue ?? 0) > 0.00001)
        }
    }

    @Test func aTeamBudgetRowAndAPerModelKeyBudgetApply() async throws {
        try await GatewayHarness.with { g in
            let team = g.fixture.teams[.console]!
            try await g.cockpit.database.write(.account(g.accountID)) { tx in
                _ = try BudgetRepository(tx).upsert(
                    Budget(
                        id: UUID(), accountID: g.accountID, subject: .team, subjectID: team.id.lowercased,
                        modelName: "", maxBudget: nil, softBudget: nil, budgetDuration: nil, tpmLimit: nil,
                        rpmLimit: 1, maxParallelRequests: nil, createdAt: Date(), updatedAt: Date()))
            }
            try await g.cockpit.access.addModelGrant(
                account: g.accountID, domain: .console, modelName: "*", scope: .account, effect: .allow)
            let teamKey = try await g.newKey(["team_id": .string(team.id.lowercased)])
            try await GatewayHarness.awayFromAMinuteBoundary()
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: teamKey, json: GatewayHarness.chat("mock-test"))
                    .status == 200)
            let second = try await g.call(
                .post, "/v1/chat/completions", key: teamKey, json: GatewayHarness.chat("mock-test"))
            #expect(
                second.status == 429 && second.json["error"]?["message"]?.stringValue?.contains("team") == true,
                "\(second.text)")
            let perModel = try await g.newKey([
                "model_max_budget": ["gpt-test": ["budget_limit": 0.00001, "time_period": "1d"]]
            ])
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: perModel, json: GatewayHarness.chat("gpt-test"))
                    .status == 200)
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: perModel, json: GatewayHarness.chat("gpt-test"))
                    .json["error"]?["type"] == "budget_exceeded")
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: perModel, json: GatewayHarness.chat("mock-test"))
                    .status == 200)
        }
    }

    @Test func treeGrantsDecideForKeysOwnedInATree() async throws {
        try await GatewayHarness.with { g in
            let user = g.fixture.users[.copilot]!
            let key = try await g.newKey(["user_id": .string(user.id.lowercased)])
            let refused = try await g.call(
                .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("mock-test"))
            #expect(refused.status == 403, "no grant anywhere: deny")
            try await g.cockpit.access.addModelGrant(
                account: g.accountID, domain: .copilot, modelName: "mock-test", scope: .user(user.id),
                effect: .allow)
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("mock-test")).status
                    == 200)
            let models = try await g.call(.get, "/v1/models", key: key)
            #expect(models.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["mock-test"])
        }
    }

    @Test func blockedAndDeletedKeysAreRefusedAtOnce() async throws {
        try await GatewayHarness.with { g in
            let key = try await g.newKey()
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("mock-test")).status
                    == 200)
            let account = ["account_id": JSONValue.string(g.accountID.lowercased)]
            #expect(
                try await g.call(.post, "/key/block", json: .object(account.merging(["key": .string(key)]) { $1 }))
                    .json["blocked"] == true)
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("mock-test")).status
                    == 401)
            #expect(
                try await g.call(.post, "/key/unblock", json: .object(account.merging(["key": .string(key)]) { $1 }))
                    .json["blocked"] == false)
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("mock-test")).status
                    == 200)
            _ = try await g.call(.post, "/key/delete", json: .object(account.merging(["keys": [.string(key)]]) { $1 }))
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("mock-test")).status
                    == 401)
        }
    }
}
