@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// `/budget/*` with LiteLLM's shapes: named budgets of an account, their settings, deletion unlinking customers, and
/// the refusals (wrong tenant, wrong role, bad input) in the error envelope.
@Suite struct LiteLLMBudgetRouteTests {
    @Test(arguments: StoreKind.available)
    func lifecycle(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let created = try await g.call(
                .post, "/budget/new",
                json: [
                    "account_id": account, "budget_id": "pro", "max_budget": 1e300, "soft_budget": 8,
                    "tpm_limit": 1000, "rpm_limit": 10, "max_parallel_requests": 2, "budget_duration": "1mo",
                    "model_max_budget": ["gpt-test": ["max_budget": 1, "budget_duration": "1d"]],
                ])
            #expect(created.status == 200, "\(created.text)")
            #expect(created.json["budget_id"] == "pro" && created.json["max_budget"] == 1e300)
            #expect(created.json["model_max_budget"]?["gpt-test"]?["max_budget"] == 1)
            #expect(created.json["budget_reset_at"]?.stringValue?.hasSuffix("-01T00:00:00.000000Z") == true)
            let generated = try await g.call(.post, "/budget/new", json: ["account_id": account, "max_budget": 1])
            let generatedID = try #require(generated.json["budget_id"]?.stringValue, "\(generated.text)")
            #expect(UUID(uuidString: generatedID) != nil, "no id given: a new UUID")
            let taken = try await g.call(.post, "/budget/new", json: ["account_id": account, "budget_id": "pro"])
            #expect(taken.status == 400 && taken.json["error"]?["message"] == "Budget with id 'pro' already exists.")

            let updated = try await g.call(
                .post, "/budget/update",
                json: ["account_id": account, "budget_id": "pro", "rpm_limit": 20, "soft_budget": .null])
            #expect(updated.status == 200 && updated.json["rpm_limit"] == 20 && updated.json["soft_budget"] == .null)
            #expect(updated.json["tpm_limit"] == 1000, "fields not given stay")

            let info = try await g.call(.post, "/budget/info", json: ["account_id": account, "budgets": ["pro"]])
            #expect(info.json.arrayValue?.first?["rpm_limit"] == 20, "\(info.text)")
            let list = try await g.call(.get, "/budget/list?account_id=\(g.accountID.lowercased)")
            #expect(
                Set(list.json.arrayValue?.compactMap { $0["budget_id"]?.stringValue } ?? []) == ["pro", generatedID])
            let settings = try await g.call(.get, "/budget/settings?account_id=\(g.accountID.lowercased)&budget_id=pro")
            let rpm = settings.json.arrayValue?.first { $0["field_name"] == "rpm_limit" }
            #expect(rpm?["field_value"] == 20 && rpm?["field_type"] == "Integer", "\(settings.text)")

            _ = try await g.call(
                .post, "/customer/new", json: ["account_id": account, "user_id": "c1", "budget_id": "pro"])
            let deleted = try await g.call(.post, "/budget/delete", json: ["account_id": account, "id": "pro"])
            #expect(deleted.status == 200 && deleted.json["budget_id"] == "pro", "\(deleted.text)")
            let customer = try await g.call(.get, "/customer/info?account_id=\(g.accountID.lowercased)&end_user_id=c1")
            #expect(customer.json["budget_id"] == .null && customer.json["litellm_budget_table"] == .null)
            #expect(
                try await g.call(.post, "/budget/delete", json: ["account_id": account, "id": "pro"]).status == 404)
        }
    }

    @Test func refusals() async throws {
        try await GatewayHarness.with { g in
            let account = JSONValue.string(g.accountID.lowercased)
            _ = try await g.call(
                .post, "/budget/new", json: ["account_id": account, "budget_id": "b1", "max_budget": 3])
            for (path, body, field): (String, JSONValue, String) in [
                ("/budget/new", ["account_id": account, "max_budget": -1], "max_budget"),
                ("/budget/new", ["account_id": account, "soft_budget": "lots"], "soft_budget"),
                ("/budget/new", ["account_id": account, "rpm_limit": -3], "rpm_limit"),
                ("/budget/new", ["account_id": account, "max_parallel_requests": 1e300], "max_parallel_requests"),
                ("/budget/new", ["account_id": account, "budget_duration": "forever"], "budget_duration"),
                (
                    "/budget/new", ["account_id": account, "model_max_budget": ["m": ["max_budget": -2]]],
                    "model_max_budget.m"
                ),
                ("/budget/new", ["account_id": account, "model_max_budget": [1, 2]], "model_max_budget"),
                ("/budget/new", ["account_id": account, "budget_reset_at": "2030-01-01"], "budget_reset_at"),
                ("/budget/update", ["account_id": account, "max_budget": 1], "budget_id"),
                ("/budget/update", ["account_id": account, "budget_id": "b1", "max_budget": -1], "max_budget"),
                ("/budget/info", ["account_id": account, "budgets": []], "budget"),
                ("/budget/delete", ["account_id": account], "id"),
            ] {
                let refused = try await g.call(.post, path, json: body)
                #expect(
                    [400, 422].contains(refused.status)
                        && refused.json["error"]?["message"]?.stringValue?.contains(field) == true
                        && refused.json["error"]?["code"] == .string(String(refused.status)),
                    "\(path) \(body): \(refused.status) \(refused.text)")
            }
            let b1 = try await g.call(.post, "/budget/info", json: ["account_id": account, "budgets": ["b1"]])
            #expect(b1.json.arrayValue?.first?["max_budget"] == 3, "nothing changed: \(b1.text)")
            #expect(
                try await g.call(.get, "/budget/list?account_id=\(g.accountID.lowercased)").json.arrayValue?.count == 1)
            #expect(
                try await g.call(.post, "/budget/info", json: ["account_id": account, "budgets": ["b1", "nope"]]).status
                    == 404)

            let key = try await g.newKey()
            #expect(try await g.call(.get, "/budget/list", key: key).status == 403)
            #expect(try await g.call(.post, "/budget/new", key: key, json: ["max_budget": 1]).status == 403)
            let other = try await OtherTenant.admin(g)
            #expect(
                try await g.call(.post, "/budget/update", key: other, json: ["budget_id": "b1", "max_budget": 9]).status
                    == 404)
            #expect(try await g.call(.post, "/budget/delete", key: other, json: ["id": "b1"]).status == 404)
            #expect(try await g.call(.get, "/budget/list", key: other).json == [])
            let settings = try await g.call(.get, "/budget/settings?budget_id=b1", key: other)
            #expect(settings.json.arrayValue?.allSatisfy { $0["field_value"] == .null } == true, "\(settings.text)")
            let key2 = try await g.call(
                .post, "/key/generate", json: ["account_id": account, "budget_id": "b1"])
            #expect(
                key2.status == 400
                    && key2.json["error"]?["message"] == "not supported: budget_id (cockpit does not implement it here)"
            )
        }
    }
}
