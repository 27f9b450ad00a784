@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// LiteLLM's own documentation examples against cockpit with only a master key: master-key management calls that
/// name no account act in the default account (created by `cockpit migrate`), calls that name a key, user, team or
/// organization act in the account that owns it, and a multi-tenant installation (COCKPIT_DEFAULT_ACCOUNT empty)
/// refuses calls that name nothing.
@Suite struct LiteLLMSingleTenantTests {
    @Test(arguments: StoreKind.available)
    func theDocumentedExamplesRunUnchanged(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let created = try #require(try await s.cockpit.acting(as: .system).owners.ensureDefaultAccount())
            #expect(created.name == "default")
            #expect(
                try await s.cockpit.acting(as: .system).owners.ensureDefaultAccount() == nil,
                "only an installation without accounts gets one")
            let account = JSONValue.string(created.id.lowercased)
            // /key/generate as LiteLLM's quick start writes it.
            let key = try await s.call(
                .post, "/key/generate", json: ["models": ["gpt-3.5-turbo"], "max_budget": 10, "rpm_limit": 60])
            #expect(key.status == .ok && key.json["account_id"] == account, "\(key.text)")
            let secret = try #require(key.json["key"]?.stringValue)
            // /user/new, /team/new (no organization in the console tree yet: one named default is made) and member_add.
            let user = try await s.call(
                .post, "/user/new", json: ["user_email": "krrish@berri.ai", "user_role": "internal_user"])
            #expect(user.status == .ok, "\(user.text)")
            let userID = try #require(user.json["user_id"]?.stringValue)
            let team = try await s.call(.post, "/team/new", json: ["team_alias": "my-new-team", "max_budget": 100])
            #expect(team.status == .ok, "\(team.text)")
            let teamID = try #require(team.json["team_id"]?.stringValue)
            let added = try await s.call(
                .post, "/team/member_add",
                json: ["team_id": .string(teamID), "member": ["role": "user", "user_id": .string(userID)]])
            #expect(added.status == .ok, "\(added.text)")
            // Calls that name a key act in its account: info, update, block.
            #expect(try await s.call(.get, "/key/info?key=\(secret)").json["info"]?["account_id"] == account)
            #expect(
                try await s.call(.post, "/key/update", json: ["key": .string(secret), "max_budget": 20]).json[
                    "max_budget"]
                    == 20)
            #expect(try await s.call(.get, "/team/info?team_id=\(teamID)").json["team_id"] == .string(teamID))
            #expect(try await s.call(.get, "/spend/logs?request_id=none").status == .ok)
            // A key, user or team of another account is found in that account, not in the default one.
            let (other, admin) = try await ControlPlaneRouteTests.newAccount(s, "Other")
            let theirs = try await s.call(.post, "/key/generate", token: admin, json: ["key_alias": "theirs"])
            let theirSecret = try #require(theirs.json["key"]?.stringValue)
            #expect(
                try await s.call(.get, "/key/info?key=\(theirSecret)").json["info"]?["account_id"] == .string(other))
            // The tenant admin still cannot reach the default account's key.
            #expect(try await s.call(.get, "/key/info?key=\(secret)", token: admin).status == .notFound)
        }
    }

    @Test func nothingALiteLLMCallSendsIsDroppedWithoutAWord() async throws {
        try await ServerHarness.with(.sqlite) { s in
            _ = try await s.cockpit.acting(as: .system).owners.ensureDefaultAccount()
            let tagged = try await s.call(.post, "/key/generate", json: ["models": ["m"], "tags": ["prod"]])
            #expect(tagged.status == .badRequest, "\(tagged.text)")
            #expect(tagged.json["error"]?["message"]?.stringValue?.hasPrefix("not supported: tags") == true)
            let odd = try await s.call(.post, "/key/generate", json: ["models": ["m"], "colour": "blue"])
            #expect(odd.status == .ok && odd.header("x-cockpit-ignored-fields") == "colour", "\(odd.text)")
            let plain = try await s.call(
                .post, "/key/generate", json: ["models": ["m"], "key_alias": "a", "max_budget": 1, "metadata": [:]])
            #expect(plain.status == .ok && plain.header("x-cockpit-ignored-fields") == nil)
            let team = try await s.call(.post, "/team/new", json: ["team_alias": "t", "guardrails": ["pii"]])
            #expect(team.status == .badRequest && team.text.contains("not supported: guardrails"))
            #expect(
                try await s.call(.get, "/team/list").json.arrayValue?.isEmpty == true, "the refusal changed nothing")
        }
    }

    @Test func aMultiTenantInstallationRefusesCallsThatNameNoAccount() async throws {
        try await ServerHarness.with(.sqlite, environment: ["COCKPIT_DEFAULT_ACCOUNT": ""]) { s in
            #expect(s.cockpit.settings.defaultAccountName == nil)
            #expect(try await s.cockpit.acting(as: .system).owners.ensureDefaultAccount() == nil)
            let refused = try await s.call(.post, "/key/generate", json: ["models": ["m"]])
            #expect(refused.status == .badRequest && refused.text.contains("account_id is required"), "\(refused.text)")
            // A call naming an existing key still finds its account.
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Tenant")
            let key = try await s.call(.post, "/key/generate", token: admin, json: ["key_alias": "k"])
            let secret = try #require(key.json["key"]?.stringValue)
            #expect(try await s.call(.get, "/key/info?key=\(secret)").json["info"]?["account_id"] == .string(account))
        }
    }
}
