@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// The gateway and customers: `user` names an end user of the key's account, which is created on first use, charged
/// each request's spend, refused while blocked and held to its budget.
@Suite struct GatewayCustomerTests {
    static func chat(
        _ g: GatewayHarness, _ key: String, user: JSONValue, model: String = "mock-test"
    ) async throws
        -> GatewayHarness.Answer
    {
        try await g.call(
            .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat(model, extra: ["user": user]))
    }

    @Test(arguments: StoreKind.available)
    func chargedAndCreatedOnFirstUse(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let key = try await g.newKey()
            for _ in 0..<2 { #expect(try await Self.chat(g, key, user: "shopper-1").status == 200) }
            let embedded = try await g.call(
                .post, "/v1/embeddings", key: key, json: ["model": "embed-test", "input": "hi", "user": "shopper-1"])
            #expect(embedded.status == 200, "\(embedded.text)")
            #expect(try await Self.chat(g, key, user: "").status == 200, "an empty user names no customer")
            let rows = try await g.spendRows()
            let charged = rows.filter { $0.endUser == "shopper-1" }
            #expect(charged.count == 3 && rows.count == 4)
            let logs = try await g.call(.get, "/spend/logs?account_id=\(g.accountID.lowercased)").json.arrayValue ?? []
            #expect(logs.filter { $0["end_user"] == "shopper-1" }.count == 3, "spend logs name their end user")
            let info = try await g.call(
                .get, "/customer/info?account_id=\(g.accountID.lowercased)&end_user_id=shopper-1")
            #expect(info.status == 200, "the customer was created on first use: \(info.text)")
            let spend = try #require(info.json["spend"]?.doubleValue)
            #expect(spend > 0 && abs(spend - charged.map(\.cost).reduce(0, +)) < 1e-12, "spend is the charged sum")
            #expect(
                try await g.call(.get, "/customer/list?account_id=\(g.accountID.lowercased)").json.arrayValue?.count
                    == 1)
            // A replayed batch is not charged twice.
            try await g.gateway.spend.write(charged)
            let again = try await g.call(
                .get, "/customer/info?account_id=\(g.accountID.lowercased)&end_user_id=shopper-1")
            #expect(again.json["spend"]?.doubleValue == spend)
        }
    }

    @Test(arguments: StoreKind.available)
    func blockedCustomerRefused(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let key = try await g.newKey()
            let account = JSONValue.string(g.accountID.lowercased)
            _ = try await g.call(.post, "/customer/block", json: ["account_id": account, "user_ids": ["bad-actor"]])
            let refused = try await Self.chat(g, key, user: "bad-actor")
            #expect(refused.status == 400, "\(refused.text)")
            #expect(
                refused.json["error"]
                    == [
                        "message": "User blocked from making LLM API Calls. User=bad-actor",
                        "type": "invalid_request_error", "param": .null, "code": "400",
                    ])
            #expect(try await Self.chat(g, key, user: "someone-else").status == 200)
            _ = try await g.call(.post, "/customer/unblock", json: ["account_id": account, "user_ids": ["bad-actor"]])
            #expect(try await Self.chat(g, key, user: "bad-actor").status == 200, "unblocking is heard at once")
            #expect(try await g.spendRows().allSatisfy { $0.endUser != "bad-actor" || $0.status == "success" })
        }
    }

    @Test(arguments: StoreKind.available)
    func budgetsEnforced(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let key = try await g.newKey()
            let account = JSONValue.string(g.accountID.lowercased)
            _ = try await g.call(
                .post, "/customer/new", json: ["account_id": account, "user_id": "broke", "max_budget": 0])
            let refused = try await Self.chat(g, key, user: "broke")
            #expect(refused.status == 429 && refused.json["error"]?["type"] == "budget_exceeded", "\(refused.text)")
            #expect(
                refused.json["error"]?["message"]?.stringValue?.hasPrefix("ExceededBudget: End User=broke over budget.")
                    == true)

            // A named budget shared by two customers: each has its own spend against it, per period.
            _ = try await g.call(
                .post, "/budget/new",
                json: ["account_id": account, "budget_id": "tiny", "max_budget": 1e-9, "budget_duration": "1d"])
            for id in ["a", "b"] {
                _ = try await g.call(
                    .post, "/customer/new", json: ["account_id": account, "user_id": .string(id), "budget_id": "tiny"])
            }
            #expect(try await Self.chat(g, key, user: "a").status == 200)
            #expect(try await Self.chat(g, key, user: "a").status == 429, "a's first request spent its budget")
            #expect(try await Self.chat(g, key, user: "b").status == 200, "b has its own spend")
            _ = try await g.spendRows()
            #expect(try await Self.chat(g, key, user: "a").status == 429, "still over once written")
            // Raising the budget is heard at once.
            _ = try await g.call(
                .post, "/budget/update", json: ["account_id": account, "budget_id": "tiny", "max_budget": 100])
            #expect(try await Self.chat(g, key, user: "a").status == 200)

            // Per-model budgets of a named budget hold only for that model.
            _ = try await g.call(
                .post, "/customer/new",
                json: [
                    "account_id": account, "user_id": "per-model", "model_max_budget": ["gpt-test": ["max_budget": 0]],
                ])
            #expect(try await Self.chat(g, key, user: "per-model", model: "gpt-test").status == 429)
            #expect(try await Self.chat(g, key, user: "per-model").status == 200)
            // The master key is not held to customers' budgets (it has no account), as it skips every budget.
            let master = try await g.call(
                .post, "/v1/chat/completions", json: GatewayHarness.chat("mock-test", extra: ["user": "broke"]))
            #expect(master.status == 200)
        }
    }

    @Test func badUserRefused() async throws {
        try await GatewayHarness.with { g in
            let key = try await g.newKey()
            for user: JSONValue in [1, ["x"], .string(String(repeating: "u", count: 201)), "tab\there"] {
                let refused = try await Self.chat(g, key, user: user)
                #expect(
                    refused.status == 400 && refused.json["error"]?["param"] == "user"
                        && refused.json["error"]?["type"] == "invalid_request_error", "\(user): \(refused.text)")
            }
            #expect(try await g.spendRows().isEmpty, "refused before any upstream call")
        }
    }
}
