@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// `POST /v2/login/resolve` as the original's login page calls it: password for unknown domains, the super-admin and
/// accounts without SSO; SSO with the provider's authorization URL (the email as login_hint) for an active account of
/// the email's domain whose SSO settings are enabled; suspended accounts sign in nowhere.
@Suite struct LoginResolveTests {
    @Test func emailFirstLoginPicksPasswordOrTheAccountsProvider() async throws {
        try await ServerHarness.with(.sqlite) { s in
            let (account, _) = try await ControlPlaneRouteTests.newAccount(s, "Resolve")
            let resolve = { (email: String) async throws -> JSONValue in
                try await s.call(.post, "/v2/login/resolve", token: nil, json: ["email": .string(email)]).json
            }
            #expect(try await resolve("someone@nowhere.io") == ["method": "password"])
            #expect(try await resolve("not an email") == ["method": "password"])
            #expect(try await resolve("root") == ["method": "password"], "the super-admin")
            #expect(try await resolve("admin@resolve.io") == ["method": "password"], "no SSO yet")
            _ = try await s.call(
                .post, "/v1/accounts/\(account)/sso",
                json: [
                    "sso_provider": "microsoft", "enabled": true,
                    "sso_settings": [
                        "microsoft_client_id": "cid-1", "microsoft_client_secret": "s3cret", "microsoft_tenant": "t1",
                    ],
                ])
            let sso = try await s.call(
                .post, "/v2/login/resolve", token: "",
                json: ["email": "Ann@Resolve.io", "redirect_uri": "https://app.example/callback"])
            #expect(sso.json["method"] == "sso" && sso.json["account_id"] == .string(account), "\(sso.text)")
            #expect(sso.json["sso_provider"] == "microsoft")
            let url = try #require(sso.json["sso_url"]?.stringValue)
            #expect(url.hasPrefix("https://login.microsoftonline.com/t1/oauth2/v2.0/authorize?client_id=cid-1&"))
            #expect(
                url.contains("login_hint=ann%40resolve.io") && url.contains("redirect_uri=https%3A%2F%2Fapp.example"))
            #expect(!sso.text.contains("s3cret"), "no secret in the answer")
            _ = try await s.call(.post, "/v1/accounts/\(account)/status", json: ["status": "suspended"])
            #expect(try await resolve("ann@resolve.io") == ["method": "password"], "a suspended account has no SSO")
            let bad = try await s.call(.post, "/v2/login/resolve", token: nil, json: ["email": 5])
            #expect(bad.status == .unprocessableContent)
        }
    }
}
