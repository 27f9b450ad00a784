@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// `/customer/*` with LiteLLM's shapes: the end users of an account, their budgets, blocking, and the refusals
/// (wrong tenant, wrong role, bad input) in the error envelope.
@Suite struct LiteLLMCustomerRouteTests {
    @Test(arguments: StoreKind.available)
    func lifecycle(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let created = try await g.call(
                .post, "/customer/new",
                json: [
                    "account_id": account, "user_id": "acme-user-1", "alias": "Acme One", "max_budget": 5,
                    "budget_duration": "30d", "rpm_limit": 10, "metadata": ["plan": "pro"],
                ])
            #expect(created.status == 200, "\(created.text)")
            #expect(created.json["user_id"] == "acme-user-1" && created.json["alias"] == "Acme One")
            #expect(created.json["spend"] == 0 && created.json["blocked"] == false)
            #expect(created.json["allowed_model_region"] == .null && created.json["default_model"] == .null)
            let table = try #require(created.json["litellm_budget_table"], "\(created.text)")
            #expect(table["max_budget"] == 5 && table["budget_duration"] == "30d" && table["rpm_limit"] == 10)
            #expect(table["budget_reset_at"]?.stringValue != nil, "a periodic budget says when it resets")
            #expect(created.json["budget_id"] == table["budget_id"], "the new budget is linked")

            let taken = try await g.call(
                .post, "/customer/new", json: ["account_id": account, "user_id": "acme-user-1"])
            #expect(taken.status == 400)
            #expect(taken.json["error"]?["message"]?.stringValue?.contains("Customer already exists") == true)

            let info = try await g.call(
                .get, "/customer/info?account_id=\(g.accountID.lowercased)&end_user_id=acme-user-1")
            #expect(info.status == 200 && info.json["metadata"]?["plan"] == "pro", "\(info.text)")

            let updated = try await g.call(
                .post, "/customer/update",
                json: ["account_id": account, "user_id": "acme-user-1", "alias": "Acme 1", "max_budget": 7])
            #expect(updated.status == 200 && updated.json["alias"] == "Acme 1", "\(updated.text)")
            #expect(
                updated.json["litellm_budget_table"]?["max_budget"] == 7
                    && updated.json["budget_id"] == created.json["budget_id"], "budget fields change its own budget")

            let blocked = try await g.call(
                .post, "/customer/block", json: ["account_id": account, "user_ids": ["acme-user-1", "acme-user-2"]])
            #expect(blocked.status == 200, "\(blocked.text)")
            #expect(blocked.json["blocked_users"]?.arrayValue?.map { $0["blocked"] } == [true, true])
            let list = try await g.call(.get, "/customer/list?account_id=\(g.accountID.lowercased)")
            #expect(list.json.arrayValue?.compactMap { $0["user_id"]?.stringValue } == ["acme-user-1", "acme-user-2"])
            let unblocked = try await g.call(
                .post, "/customer/unblock", json: ["account_id": account, "user_ids": ["acme-user-2"]])
            #expect(unblocked.json["blocked_users"]?.arrayValue?.first?["blocked"] == false, "\(unblocked.text)")

            let deleted = try await g.call(
                .post, "/customer/delete", json: ["account_id": account, "user_ids": ["acme-user-1", "acme-user-2"]])
            #expect(deleted.status == 200 && deleted.json["deleted_customers"] == 2, "\(deleted.text)")
            #expect(
                deleted.json["message"]
                    == "Successfully deleted customers with ids: ['acme-user-1', 'acme-user-2']")
            let gone = try await g.call(
                .get, "/customer/info?account_id=\(g.accountID.lowercased)&end_user_id=acme-user-1")
            #expect(gone.status == 404 && gone.json["error"]?["code"] == "404", "\(gone.text)")
        }
    }

    @Test func namedBudgetLinkAndRefusals() async throws {
        try await GatewayHarness.with { g in
            let account = JSONValue.string(g.accountID.lowercased)
            #expect(
                try await g.call(
                    .post, "/budget/new", json: ["account_id": account, "budget_id": "free", "max_budget": 1]
                )
                .status == 200)
            let linked = try await g.call(
                .post, "/customer/new", json: ["account_id": account, "user_id": "u-free", "budget_id": "free"])
            #expect(linked.json["litellm_budget_table"]?["budget_id"] == "free", "\(linked.text)")
            for (body, field): (JSONValue, String) in [
                (["account_id": account], "user_id"),
                (["account_id": account, "user_id": "x", "max_budget": -1], "max_budget"),
                (["account_id": account, "user_id": "x", "max_budget": "NaN"], "max_budget"),
                (["account_id": account, "user_id": "x", "tpm_limit": 1.5], "tpm_limit"),
                (["account_id": account, "user_id": "x", "budget_duration": "soon"], "budget_duration"),
                (["account_id": account, "user_id": "x", "metadata": [1]], "metadata"),
                (["account_id": account, "user_id": "x", "blocked": "maybe"], "blocked"),
                (["account_id": account, "user_id": "x", "budget_id": "free", "max_budget": 2], "budget_id"),
                (["account_id": account, "user_id": .string(String(repeating: "x", count: 201))], "user_id"),
                (["account_id": account, "user_id": "x", "default_model": "gpt-test"], "default_model"),
                (["account_id": account, "user_id": "x", "allowed_model_region": "eu"], "allowed_model_region"),
                (["account_id": account, "user_id": "x", "spend": 3], "spend"),
            ] {
                let refused = try await g.call(.post, "/customer/new", json: body)
                #expect(
                    [400, 422].contains(refused.status)
                        && refused.json["error"]?["message"]?.stringValue?.contains(field) == true,
                    "\(body): \(refused.status) \(refused.text)")
            }
            let unknownBudget = try await g.call(
                .post, "/customer/new", json: ["account_id": account, "user_id": "x", "budget_id": "nope"])
            #expect(unknownBudget.status == 404, "\(unknownBudget.text)")
            let list = try await g.call(.get, "/customer/list?account_id=\(g.accountID.lowercased)")
            #expect(list.json.arrayValue?.count == 1, "refused calls created nothing: \(list.text)")
            let missing = try await g.call(
                .post, "/customer/delete", json: ["account_id": account, "user_ids": ["u-free", "nobody"]])
            #expect(missing.status == 404 && missing.json["error"]?["message"]?.stringValue?.contains("nobody") == true)
            #expect(
                try await g.call(.post, "/customer/unblock", json: ["account_id": account, "user_ids": ["nobody"]])
                    .status == 404)
            #expect(
                try await g.call(.post, "/customer/delete", json: ["account_id": account, "user_ids": []]).status == 400
            )

            let key = try await g.newKey()
            let calls: [(HTTPRequest.Method, String, JSONValue?)] = [
                (.get, "/customer/info?end_user_id=u-free", nil), (.get, "/customer/list", nil),
                (.post, "/customer/block", ["user_ids": ["u-free"]]),
            ]
            for (method, path, body) in calls {
                let refused = try await g.call(method, path, key: key, json: body)
                #expect(refused.status == 403 && refused.json["error"]?["type"] == "permission_error", "\(path)")
            }
            let other = try await OtherTenant.admin(g)
            #expect(try await g.call(.get, "/customer/info?end_user_id=u-free", key: other).status == 404)
            #expect(
                try await g.call(.post, "/customer/update", key: other, json: ["user_id": "u-free", "alias": "x"])
                    .status == 404)
            #expect(try await g.call(.get, "/customer/list", key: other).json == [])
            let info = try await g.call(.get, "/customer/info?account_id=\(g.accountID.lowercased)&end_user_id=u-free")
            #expect(info.json["blocked"] == false && info.json["alias"] == .null, "nothing changed: \(info.text)")
        }
    }
}
