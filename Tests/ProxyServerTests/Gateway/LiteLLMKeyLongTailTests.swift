@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// `/key/regenerate` (body form, with new values), `/key/bulk_update`, `/key/reset_spend` and `/key/list` paged in
/// SQL: success, refusals (wrong tenant, wrong role, bad input) and the error envelope.
@Suite struct LiteLLMKeyLongTailTests {
    @Test(arguments: StoreKind.available)
    func regenerateWithNewValues(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let old = try await g.newKey(["key_alias": "before", "models": ["mock-test"]])
            let answer = try await g.call(
                .post, "/key/regenerate",
                json: [
                    "account_id": account, "key": .string(old), "key_alias": "after", "max_budget": 3,
                    "models": ["mock-test", "gpt-test"], "duration": "1h", "rpm_limit": 9,
                ])
            #expect(answer.status == 200, "\(answer.text)")
            let secret = try #require(answer.json["key"]?.stringValue)
            #expect(
                answer.json["key_alias"] == "after" && answer.json["max_budget"] == 3 && answer.json["rpm_limit"] == 9)
            #expect(answer.json["models"]?.arrayValue?.count == 2 && answer.json["expires"]?.stringValue != nil)
            #expect(answer.json["token"]?.stringValue == KeyGenerator.hash(secret))
            let chat = GatewayHarness.chat("mock-test")
            #expect(try await g.call(.post, "/v1/chat/completions", key: old, json: chat).status == 401)
            #expect(try await g.call(.post, "/v1/chat/completions", key: secret, json: chat).status == 200)
            // A chosen new secret, through the path form.
            let chosen = "sk-chosen-secret-0123456789"
            let again = try await g.call(
                .post, "/key/\(KeyGenerator.hash(secret))/regenerate",
                json: ["account_id": account, "new_key": .string(chosen)])
            #expect(again.status == 200 && again.json["key"]?.stringValue == chosen, "\(again.text)")
        }
    }

    @Test func regenerateRefusals() async throws {
        try await GatewayHarness.with { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let key = try await g.newKey(["key_alias": "kept"])
            for (body, field): (JSONValue, String) in [
                (["account_id": account, "key": .string(key), "max_budget": -1], "max_budget"),
                (["account_id": account, "key": .string(key), "duration": "soon"], "duration"),
                (["account_id": account, "key": .string(key), "new_key": "nope"], "new_key"),
                (["account_id": account, "key": .string(key), "grace_period": "1h"], "grace_period"),
                (["account_id": account, "key": .string(key), "tags": ["a"]], "tags"),
                (["account_id": account], "key"),
            ] {
                let refused = try await g.call(.post, "/key/regenerate", json: body)
                #expect(refused.status == 400, "\(body): \(refused.text)")
                #expect(
                    refused.json["error"]?["message"]?.stringValue?.contains(field) == true
                        && refused.json["error"]?["type"] == "invalid_request_error", "\(refused.text)")
            }
            // Nothing changed: the old secret still works and the alias stays.
            #expect(try await g.call(.get, "/key/info", key: key).json["info"]?["key_alias"] == "kept")
            let other = try await g.newKey()
            #expect(try await g.call(.post, "/key/regenerate", key: other, json: ["key": .string(key)]).status == 403)
            let bAdmin = try await OtherTenant.admin(g)
            #expect(try await g.call(.post, "/key/regenerate", key: bAdmin, json: ["key": .string(key)]).status == 404)
        }
    }

    @Test(arguments: StoreKind.available)
    func bulkUpdateAndResetSpend(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let (a, b) = (try await g.newKey(), try await g.newKey())
            let bulk = try await g.call(
                .post, "/key/bulk_update",
                json: [
                    "account_id": account,
                    "keys": [["key": .string(a), "max_budget": 7], ["key": .string(b), "max_budget": -2]],
                ])
            #expect(bulk.status == 200 && bulk.json["total_requested"] == 2, "\(bulk.text)")
            #expect(bulk.json["successful_updates"]?.arrayValue?.first?["key_info"]?["max_budget"] == 7)
            #expect(
                bulk.json["failed_updates"]?.arrayValue?.first?["failed_reason"]?.stringValue?.contains("max_budget")
                    == true)
            for body: JSONValue in [
                ["account_id": account, "keys": []], ["account_id": account, "keys": [["max_budget": 1]]],
                ["account_id": account, "keys": [["key": .string(a), "tags": ["x"]]]],
                ["account_id": account, "keys": [["key": .string(a), "max_budget": "lots"]]],
            ] {
                #expect(try await g.call(.post, "/key/bulk_update", json: body).status == 400, "\(body)")
            }
            let unknown = try await g.call(
                .post, "/key/bulk_update",
                json: [
                    "account_id": account,
                    "keys": [["key": .string(a), "max_budget": 1], ["key": "sk-nope-00000000000000000"]],
                ])
            #expect(unknown.status == 404 && unknown.json["error"]?["code"] == "404")
            #expect(try await g.call(.get, "/key/info", key: a).json["info"]?["max_budget"] == 7, "nothing changed")
            #expect(
                try await g.call(.post, "/key/bulk_update", key: b, json: ["keys": [["key": .string(a)]]]).status == 403
            )
            // Spend: some first, then reset within LiteLLM's bounds.
            _ = try await g.call(.post, "/v1/chat/completions", key: a, json: GatewayHarness.chat("gpt-test"))
            await g.gateway.spend.flush()
            let spent = try #require(try await g.call(.get, "/key/info", key: a).json["info"]?["spend"]?.doubleValue)
            #expect(spent > 0)
            for value: JSONValue in [-1, .number(spent * 2), "x", .null] {
                let refused = try await g.call(
                    .post, "/key/reset_spend", json: ["account_id": account, "key": .string(a), "reset_to": value])
                #expect(refused.status == 400 && refused.text.contains("reset_to"), "\(value): \(refused.text)")
            }
            let reset = try await g.call(
                .post, "/key/\(KeyGenerator.hash(a))/reset_spend", json: ["account_id": account, "reset_to": 0])
            #expect(
                reset.status == 200 && reset.json["spend"] == 0 && reset.json["previous_spend"]?.doubleValue == spent)
            #expect(try await g.call(.get, "/key/info", key: a).json["info"]?["spend"] == 0)
            let bAdmin = try await OtherTenant.admin(g)
            #expect(
                try await g.call(.post, "/key/reset_spend", key: bAdmin, json: ["key": .string(a), "reset_to": 0])
                    .status
                    == 404)
        }
    }

    @Test(arguments: StoreKind.available)
    func listPagesInSQL(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let id = g.accountID.lowercased
            for n in 0..<5 { _ = try await g.newKey(["key_alias": .string("key-\(n)")]) }
            let first = try await g.call(.get, "/key/list?account_id=\(id)&page=1&size=2")
            #expect(
                first.json["total_count"] == 5 && first.json["total_pages"] == 3
                    && first.json["keys"]?.arrayValue?.count == 2)
            let last = try await g.call(.get, "/key/list?account_id=\(id)&page=3&size=2&return_full_object=true")
            #expect(last.json["keys"]?.arrayValue?.count == 1 && last.json["current_page"] == 3)
            #expect(try await g.call(.get, "/key/list?account_id=\(id)&page=9&size=2").json["keys"] == [])
            let one = try await g.call(.get, "/key/list?account_id=\(id)&key_alias=key-3&return_full_object=true")
            #expect(one.json["total_count"] == 1 && one.json["keys"]?.arrayValue?.first?["key_alias"] == "key-3")
            for query in ["page=0", "size=101", "size=-1", "user_id=nope", "page=1e300"] {
                let refused = try await g.call(.get, "/key/list?account_id=\(id)&\(query)")
                #expect(refused.status == 400, "\(query): \(refused.text)")
            }
            let bAdmin = try await OtherTenant.admin(g)
            #expect(try await g.call(.get, "/key/list", key: bAdmin).json["total_count"] == 0)
        }
    }
}

/// An admin of a second account, signed in (its session token).
enum OtherTenant {
    static func admin(_ g: GatewayHarness) async throws -> String {
        let b = try await TenantFixture.make(g.cockpit, name: "Other \(UUID().uuidString.prefix(6))")
        let email = "admin-\(UUID().uuidString.prefix(6).lowercased())@other.test"
        _ = try await g.cockpit.admins.add(account: b.account.id, email: email, password: "other-password-1")
        let login = try await g.call(
            .post, "/v2/login", key: nil, json: ["username": .string(email), "password": "other-password-1"])
        return try #require(login.json["token"]?.stringValue)
    }
}
