@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing
@testable import ProxyServer

@Suite struct HealthAndAuthTests {
    @Test func healthMetricsAndRequestIDs() async throws {
        try await ServerHarness.with(.sqlite) { s in
            let live = try await s.call(.get, "/health/liveliness", token: nil)
            #expect(live.status == .ok && live.json["status"] == "ok")
            #expect(live.headers[HTTPField.Name("x-request-id")!]?.isEmpty == false)
            let ready = try await s.call(.get, "/health/readiness", token: nil)
            #expect(
                ready.status == .ok && ready.json["db"] == "connected"
                    && ready.json["version"] == .string(CockpitServer.version))
            // What several instances would not share is said, not left to be found out.
            #expect(
                ready.json["shared_state"]?["budgets"]?.stringValue?.hasPrefix("per instance") == true
                    && ready.json["shared_state"]?["cooldowns"] == "per instance"
                    && ready.json["shared_state"]?["rate_limits"] == ready.json["cache"])
            let metrics = try await s.call(.get, "/metrics", token: nil)
            #expect(metrics.status == .ok && metrics.text.contains("hb_requests"))
            let zitadel = try await s.call(.get, "/v1/auth/zitadel/status").json
            #expect(
                zitadel["configured"] == false && zitadel["zitadel_configured"] == false && zitadel["enabled"] == false
                    && zitadel["auth_provider"] == "master_key" && zitadel["issuer"] == .null)
            let missing = try await s.call(.get, "/no/such/route")
            #expect(missing.status == .notFound && missing.json["detail"] != nil)
            #expect(missing.headers[HTTPField.Name("x-request-id")!]?.isEmpty == false)
            // Request metrics keep Hummingbird's names and labels: counted, timed, and errors by status.
            let after = try await s.call(.get, "/metrics", token: nil).text
            #expect(
                after.contains(
                    #"hb_requests{http_route="/health/liveliness",http_request_method="GET",http_response_status_code="200"}"#
                ))
            #expect(
                after.contains(
                    #"http_server_request_duration_count{http_route="/health/readiness",http_request_method="GET",http_response_status_code="200"}"#
                ))
            #expect(
                after.contains(#"hb_request_errors{http_route="NotFound",http_request_method="GET",error_type="404"}"#))
            #expect(after.contains(#"http_server_active_requests{http_request_method="GET"}"#))
        }
    }

    @Test func readinessReportsAnUnmigratedStore() async throws {
        try await ServerHarness.with(.sqlite, migrated: false) { s in
            let ready = try await s.call(.get, "/health/readiness", token: nil)
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.json["db"]?.stringValue?.contains("pending") == true)
        }
    }

    @Test func oversizedAndMalformedBodiesAreRefused() async throws {
        try await ServerHarness.with(.sqlite, maxBodyBytes: 256) { s in
            let big: JSONValue = [
                "account_name": .string(String(repeating: "x", count: 1000)), "domain": "a.io", "admin_email": "a@a.io",
            ]
            #expect(try await s.call(.post, "/v1/accounts", json: big).status == .contentTooLarge)
            #expect(try await s.call(.post, "/v1/accounts", raw: "{not json").status == .badRequest)
            let wrongType = try await s.call(
                .post, "/v1/accounts", json: ["account_name": 5, "domain": "a.io", "admin_email": "a@a.io"])
            #expect(
                wrongType.status == .unprocessableContent
                    && wrongType.json["detail"] == "account_name has the wrong type or format")
            let missing = try await s.call(.post, "/v1/accounts", json: ["domain": "a.io"])
            #expect(missing.status == .unprocessableContent && missing.json["detail"] == "account_name is required")
            #expect(try await s.call(.get, "/v1/accounts").json.items.isEmpty)
        }
    }

    @Test func theCredentialChain() async throws {
        try await ServerHarness.with(.sqlite) { s in
            #expect(try await s.call(.get, "/v1/me/context", token: nil).status == .unauthorized)
            #expect(try await s.call(.get, "/v1/me/context", token: "sk-wrong").status == .unauthorized)
            #expect(try await s.call(.get, "/v1/me/context", token: "garbage").status == .unauthorized)
            let master = try await s.call(.get, "/v1/me/context")
            #expect(
                master.json["is_super_admin"] == true && master.json["auth_provider"] == "master_key"
                    && master.json["account_id"] == .null)
            // Other API-key headers work too.
            #expect(
                try await s.call(
                    .get, "/v1/me/context", token: nil, headers: [HTTPField.Name("x-api-key")!: ServerHarness.masterKey]
                ).status == .ok)

            let superLogin = try await s.call(
                .post, "/v2/login", token: nil,
                json: ["username": "root", "password": .string(ServerHarness.uiPassword)])
            #expect(superLogin.status == .ok && superLogin.json["roles"] == ["super_admin"])
            let superToken = try #require(superLogin.json["token"]?.stringValue)
            #expect(try await s.call(.get, "/v1/me/context", token: superToken).json["auth_provider"] == "session")
            #expect(
                try await s.call(.post, "/v2/login", token: nil, json: ["username": "root", "password": "nope"]).status
                    == .unauthorized)

            let created = try await s.call(
                .post, "/v1/accounts",
                json: [
                    "account_name": "Acme", "domain": "acme.io", "admin_email": "admin@acme.io",
                    "admin_password": "admin-password",
                ])
            #expect(created.status == .ok)
            let account = try #require(created.json["account_id"]?.stringValue)
            let admin = try await s.adminToken(email: "admin@acme.io", password: "admin-password")
            let context = try await s.call(.get, "/v1/me/context", token: admin)
            #expect(context.json["account_id"]?.stringValue?.lowercased() == account.lowercased())
            #expect(context.json["roles"] == ["account_admin"] && context.json["product_domains_allowed"] == ["all"])

            // A tampered or expired token is refused.
            var tampered = Array(admin)
            tampered[10] = tampered[10] == "a" ? "b" : "a"
            #expect(try await s.call(.get, "/v1/me/context", token: String(tampered)).status == .unauthorized)
            let sessions = try SessionTokens(secret: ServerHarness.sessionSecret)
            let expired = sessions.issue(
                sub: "admin@acme.io", accountID: UUID(uuidString: account), roles: [.accountAdmin],
                now: Date().addingTimeInterval(-13 * 3600)
            ).token
            #expect(try await s.call(.get, "/v1/me/context", token: expired).status == .unauthorized)
            let forged = try SessionTokens(secret: "another-secret-0123456789").issue(
                sub: "root", accountID: nil, roles: [.superAdmin]
            ).token
            #expect(try await s.call(.get, "/v1/accounts", token: forged).status == .unauthorized)

            // Only a super-admin may name an account; a super-admin without one cannot use tenant routes.
            let other = try await s.call(
                .post, "/v1/accounts",
                json: ["account_name": "Other", "domain": "other.io", "admin_email": "a@other.io"])
            let otherID = try #require(other.json["account_id"]?.stringValue)
            let moved = try await s.call(
                .get, "/v1/console/orgs", token: admin, headers: [HTTPField.Name("X-Account-Id")!: otherID])
            #expect(moved.status == .forbidden)
            let noAccount = try await s.call(.get, "/v1/console/orgs")
            #expect(noAccount.status == .forbidden && noAccount.json["detail"] == "account context required")
            let named = try await s.call(.get, "/v1/copilot/orgs", headers: [HTTPField.Name("X-Account-Id")!: otherID])
            #expect(named.status == .ok && named.json.items.count == 1)
            #expect(
                try await s.call(
                    .get, "/v1/copilot/orgs", headers: [HTTPField.Name("X-Account-Id")!: UUID().uuidString]
                ).status == .notFound)
        }
    }

    @Test(arguments: StoreKind.available)
    func suspensionAndRevocationTakeEffectAtOnce(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let created = try await s.call(
                .post, "/v1/accounts",
                json: [
                    "account_name": "Acme", "domain": "acme.io", "admin_email": "admin@acme.io",
                    "admin_password": "admin-password",
                ])
            let account = try #require(UUID(uuidString: created.json["account_id"]?.stringValue ?? ""))
            let admin = try await s.adminToken(email: "admin@acme.io", password: "admin-password")
            let (key, secret) = try await s.cockpit.keys.generate(account: account, NewKey(alias: "ci"))
            #expect(try await s.call(.get, "/v1/me/context", token: secret).json["auth_provider"] == "virtual_key")
            #expect(try await s.call(.get, "/v1/me/context", token: admin).status == .ok)

            _ = try await s.cockpit.keys.setBlocked(account: account, id: key.id, blocked: true)
            #expect(try await s.call(.get, "/v1/me/context", token: secret).status == .unauthorized)
            _ = try await s.cockpit.keys.setBlocked(account: account, id: key.id, blocked: false)
            #expect(try await s.call(.get, "/v1/me/context", token: secret).status == .ok)

            #expect(
                try await s.call(.post, "/v1/accounts/\(account)/status", json: ["status": "suspended"]).status == .ok)
            #expect(try await s.call(.get, "/v1/me/context", token: secret).status == .unauthorized)
            #expect(try await s.call(.get, "/v1/me/context", token: admin).status == .unauthorized)
            #expect(
                try await s.call(
                    .post, "/v2/login", token: nil, json: ["username": "admin@acme.io", "password": "admin-password"]
                ).status == .unauthorized)
            #expect(try await s.call(.post, "/v1/accounts/\(account)/status", json: ["status": "active"]).status == .ok)
            #expect(try await s.call(.get, "/v1/me/context", token: admin).status == .ok)
            try await s.cockpit.keys.delete(account: account, id: key.id)
            #expect(try await s.call(.get, "/v1/me/context", token: secret).status == .unauthorized)
        }
    }
}
