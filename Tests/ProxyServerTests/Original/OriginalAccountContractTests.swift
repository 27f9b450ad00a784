import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Accounts and admins with the bodies the original's super-admin client (TA) sends, and the answers it reads
/// (V1_CONTRACT.md "Accounts and admins"): 200 everywhere, the id in two places on create, the flat bundle, admin rows
/// by `user_email`, `new_email` moves, and the original's refusals word for word.
@Suite struct OriginalAccountContractTests {
    @Test(arguments: StoreKind.available)
    func accountsAsTheSuperAdminClientUsesThem(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            // TA sends all but metadata.
            let created = try await s.call(
                .post, "/v1/accounts",
                json: [
                    "account_name": "Zenith", "account_alias": "zen", "domain": "zenith.io",
                    "admin_email": "owner@zenith.io", "admin_password": "owner-password-1", "max_budget": 50,
                ])
            #expect(created.status == .ok && created.json["status"] == "created", "\(created.text)")
            let id = try #require(created.json["account_id"]?.stringValue)
            let bundle = try #require(created.json["item"])
            #expect(bundle["account_id"] == .string(id) && bundle["account_name"] == "Zenith")
            #expect(bundle["account_alias"] == "zen" && bundle["domain"] == "zenith.io" && bundle["status"] == "active")
            #expect(bundle["spend"] == 0 && bundle["max_budget"] == 50 && bundle["metadata"] == [:])
            #expect(bundle["sso_config"] == .null && bundle["allocation"] == .null && bundle["zitadel_config"] == [:])
            #expect(bundle["feature_pack"] == ["features": [], "config": [:]])
            #expect(bundle["console_model_policy"] == ["allow_models": [], "deny_models": []])
            let admin = try #require(bundle["admins"]?.arrayValue?.first)
            #expect(admin["user_email"] == "owner@zenith.io" && admin["role"] == "account_admin")
            #expect(admin["id"]?.stringValue != nil && admin["created_by"]?.stringValue != nil)
            #expect(!created.text.contains("owner-password-1"), "passwords are never returned")
            // Without an admin.
            let bare = try await s.call(.post, "/v1/accounts", json: ["account_name": "Bare", "domain": "bare.io"])
            #expect(bare.status == .ok && bare.json["item"]?["admins"] == [])
            // List, get, patch (TA's edit form), status.
            #expect(try await s.call(.get, "/v1/accounts?status=active").json["items"]?.arrayValue?.count == 2)
            #expect(try await s.call(.get, "/v1/accounts/\(id)").json["item"]?["account_name"] == "Zenith")
            let patched = try await s.call(
                .patch, "/v1/accounts/\(id)",
                json: ["account_name": "Zenith Labs", "account_alias": .null, "domain": "zenith.io", "max_budget": 75])
            #expect(patched.json["item"]?["account_name"] == "Zenith Labs" && patched.json["item"]?["max_budget"] == 75)
            #expect(patched.json["item"]?["account_alias"] == "zen", "null leaves a field as it is, as in the original")
            let cleared = try await s.call(.patch, "/v1/accounts/\(id)", json: ["clear": ["account_alias"]])
            #expect(cleared.json["item"]?["account_alias"] == .null, "cockpit's clear removes it")
            let suspended = try await s.call(.patch, "/v1/accounts/\(id)", json: ["status": "suspended"])
            #expect(suspended.json["item"]?["status"] == "suspended")
            #expect(
                try await s.call(.post, "/v1/accounts/\(id)/status", json: ["status": "active"]).json["item"]?["status"]
                    == "active")
            for (json, status, detail) in [
                (["status": "Paused"], 400, "status must be active or suspended"),
                (["max_budget": -1], 400, "max_budget must be >= 0"),
                ([:], 400, "No update fields provided"),
                (["account_name": "Bare"], 409, "Account already exists"),
                (["domain": "bare.io"], 409, "Domain already assigned to another account"),
            ] as [(JSONValue, Int, String)] {
                let refused = try await s.call(.patch, "/v1/accounts/\(id)", json: json)
                #expect(
                    refused.status.code == status && refused.json["detail"] == .string(detail),
                    "\(json): \(refused.text)")
            }
            let unknown = try await s.call(.patch, "/v1/accounts/\(UUID())", json: ["account_name": "x"])
            #expect(unknown.status == .notFound && unknown.json["detail"] == "Account not found")
            let wrongName = try await s.call(.delete, "/v1/accounts/\(id)?hard_delete=true&confirm_name=zenith")
            #expect(wrongName.json["detail"] == "confirm_name must match account_name for hard delete")
            #expect(try await s.call(.get, "/v1/accounts/\(id)").json["item"]?["account_name"] == "Zenith Labs")
            let (_, tenant) = try await ControlPlaneRouteTests.newAccount(s, "Tenant")
            #expect(try await s.call(.get, "/v1/accounts", token: tenant).status == .forbidden)
        }
    }

    @Test(arguments: StoreKind.available)
    func adminsAsTheSuperAdminClientUsesThem(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (id, _) = try await ControlPlaneRouteTests.newAccount(s, "Admins")
            let base = "/v1/accounts/\(id)/admins"
            // TA sends {user_email, password}.
            let added = try await s.call(
                .post, base, json: ["user_email": "ops@admins.io", "password": "ops-password-1"])
            #expect(added.status == .ok && added.json == ["status": "ok"], "\(added.text)")
            #expect(
                try await s.call(.post, base, json: ["user_email": "ops@admins.io", "role": "account_admin"]).status
                    == .ok)
            let rows = try await s.call(.get, base).json["items"]?.arrayValue ?? []
            #expect(rows.map { $0["user_email"] } == ["ops@admins.io", "admin@admins.io"], "newest first")
            // TA's edit: {new_email?, password?}.
            let moved = try await s.call(
                .patch, base + "/ops%40admins.io", json: ["new_email": "sre@admins.io", "password": "sre-password-1"])
            #expect(
                moved.json["status"] == "ok" && moved.json["item"]?["user_email"] == "sre@admins.io", "\(moved.text)")
            #expect(moved.json["item"]?["id"] == rows.first?["id"], "the same row")
            _ = try await s.adminToken(email: "sre@admins.io", password: "sre-password-1")
            let clash = try await s.call(.patch, base + "/sre@admins.io", json: ["new_email": "admin@admins.io"])
            #expect(clash.status == .conflict && clash.json["detail"] == "new_email already exists for this account")
            let ghost = try await s.call(.patch, base + "/ghost@admins.io", json: ["password": "x-password-1"])
            #expect(ghost.status == .notFound && ghost.json["detail"] == "Admin not found")
            let role = try await s.call(.post, base, json: ["user_email": "x@admins.io", "role": "owner"])
            #expect(
                role.status == .badRequest
                    && role.json["detail"]?.stringValue?.hasPrefix("role must be account_admin") == true)
            let missing = try await s.call(.post, base, json: ["password": "p-password-1"])
            #expect(missing.status == .badRequest && missing.json["detail"] == "user_email is required")
            #expect(try await s.call(.delete, base + "/sre@admins.io").json == ["status": "ok"])
            #expect(try await s.call(.delete, base + "/sre@admins.io").json["detail"] == "Admin not found")
        }
    }
}
