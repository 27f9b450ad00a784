@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// `/key/*` with LiteLLM's shapes: success, refusals (wrong tenant, wrong role, bad input) and the error envelope.
@Suite struct LiteLLMKeyRouteTests {
    @Test(arguments: StoreKind.available)
    func keyLifecycle(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let generated = try await g.call(
                .post, "/key/generate",
                json: [
                    "account_id": account, "key_alias": "ci", "models": ["mock-test"], "max_budget": 5,
                    "budget_duration": "30d",
                    "rpm_limit": 10, "tpm_limit": 1000, "max_parallel_requests": 2, "metadata": ["owner": "ci"],
                    "duration": "1h",
                ])
            #expect(generated.status == 200, "\(generated.text)")
            let secret = try #require(generated.json["key"]?.stringValue)
            let hash = try #require(generated.json["token"]?.stringValue)
            #expect(
                hash == KeyGenerator.hash(secret)
                    && generated.json["key_name"]?.stringValue == "sk-..." + secret.suffix(4))
            #expect(generated.json["expires"]?.stringValue != nil && generated.json["budget_duration"] == "30d")
            // Info as the admin and as the key itself; never the secret again.
            let info = try await g.call(.get, "/key/info?key=\(hash)&account_id=\(g.accountID.lowercased)")
            #expect(info.json["info"]?["key_alias"] == "ci" && !info.text.contains(secret))
            #expect(try await g.call(.get, "/key/info", key: secret).json["key"]?.stringValue == hash)
            let updated = try await g.call(
                .post, "/key/update",
                json: [
                    "account_id": account, "key": .string(hash), "rpm_limit": 20,
                    "models": ["mock-test", "gpt-test"], "key_alias": .null,
                ])
            #expect(
                updated.json["rpm_limit"] == 20 && updated.json["models"]?.arrayValue?.count == 2
                    && updated.json["key_alias"] == .null)
            let list = try await g.call(.get, "/key/list?account_id=\(g.accountID.lowercased)&return_full_object=true")
            #expect(
                list.json["total_count"] == 1 && list.json["keys"]?.arrayValue?.first?["token"]?.stringValue == hash)
            let regenerated = try await g.call(.post, "/key/\(hash)/regenerate", json: ["account_id": account])
            let newSecret = try #require(regenerated.json["key"]?.stringValue)
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: secret, json: GatewayHarness.chat("mock-test"))
                    .status == 401)
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: newSecret, json: GatewayHarness.chat("mock-test"))
                    .status == 200)
            let deleted = try await g.call(
                .post, "/key/delete", json: ["account_id": account, "keys": [.string(newSecret)]])
            #expect(deleted.status == 200 && deleted.json["deleted_keys"]?.arrayValue?.count == 1)
            #expect(try await g.call(.get, "/key/list?account_id=\(g.accountID.lowercased)").json["total_count"] == 0)
        }
    }

    @Test func refusals() async throws {
        try await GatewayHarness.with { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let mine = try await g.newKey(["key_alias": "mine"])
            let other = try await g.newKey(["key_alias": "other"])
            // A key reads only its own info and manages nothing.
            let peek = try await g.call(.get, "/key/info?key=\(other)", key: mine)
            #expect(peek.status == 403 && peek.json["error"]?["code"] == "403")
            #expect(try await g.call(.post, "/key/generate", key: mine, json: [:]).status == 403)
            #expect(try await g.call(.post, "/key/block", key: mine, json: ["key": .string(other)]).status == 403)
            // Another account's admin finds nothing of this account.
            let b = try await TenantFixture.make(g.cockpit, name: "Other")
            let bKey = try await g.call(.post, "/key/generate", json: ["account_id": .string(b.account.id.lowercased)])
                .json["key"]!.stringValue!
            _ = try await g.cockpit.admins.add(
                account: b.account.id, email: "keys@other.test", password: "other-password-1")
            let login = try await g.call(
                .post, "/v2/login", key: nil, json: ["username": "keys@other.test", "password": "other-password-1"])
            let bAdmin = try #require(login.json["token"]?.stringValue)
            #expect(try await g.call(.get, "/key/info?key=\(mine)", key: bAdmin).status == 404)
            #expect(try await g.call(.post, "/key/delete", key: bAdmin, json: ["keys": [.string(mine)]]).status == 404)
            #expect(
                try await g.call(
                    .post, "/key/update", key: bAdmin, json: ["account_id": account, "key": .string(mine)]
                ).status == 404)
            #expect(try await g.call(.get, "/key/info?key=\(bKey)", key: bAdmin).status == 200)
            // Naming another account is refused like on every other LiteLLM route (it was ignored before).
            #expect(
                try await g.call(.get, "/key/info?key=\(bKey)&account_id=\(g.accountID.lowercased)", key: bAdmin).status
                    == 404)
            // Bad input changes nothing.
            for body: JSONValue in [
                ["account_id": account, "max_budget": -1], ["account_id": account, "budget_duration": "soon"],
                ["account_id": account, "rpm_limit": "many"],
                ["account_id": account, "models": "x", "team_id": "not-an-id"],
                ["account_id": account, "key": "short"],
            ] {
                let answer = try await g.call(.post, "/key/generate", json: body)
                #expect(
                    answer.status == 400 && answer.json["error"]?["type"] == "invalid_request_error",
                    "\(body): \(answer.text)")
            }
            #expect(
                try await g.call(.post, "/key/generate", json: [:]).status == 400,
                "the master key must name the account")
            #expect(try await g.call(.get, "/key/list?account_id=\(g.accountID.lowercased)").json["total_count"] == 2)
            #expect(
                try await g.call(
                    .post, "/key/delete",
                    json: ["account_id": account, "keys": [.string(mine), "sk-nope-000000000000000000"]]
                ).status == 404)
            #expect(
                try await g.call(.get, "/key/list?account_id=\(g.accountID.lowercased)").json["total_count"] == 2,
                "nothing deleted")
        }
    }
}
