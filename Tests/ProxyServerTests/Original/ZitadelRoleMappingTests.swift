import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Incoming Zitadel tokens under the original's `role_mappings` direction and the product-domains claim.
@Suite struct ZitadelRoleMappingTests {
    /// The original's direction: `role_mappings` maps a control-plane role to a project role key; a token holding
    /// that key carries the role. The product-domains claim narrows the trees a token reaches.
    @Test func roleMappingsAreReadBackwardsAndTheDomainsClaimNarrows() async throws {
        try await ZitadelTokenTests.withIssuer { fake, verifier in
            try await ServerHarness.with(.sqlite, zitadel: verifier) { s in
                let created = try await s.call(
                    .post, "/v1/accounts",
                    json: ["account_name": "Acme", "domain": "acme.io", "admin_email": "a@acme.io"])
                let account = try #require(created.json["account_id"]?.stringValue)
                let config: JSONValue = [
                    "organization_id": "org-1", "project_id": .string(ZitadelTokenTests.project),
                    "role_mappings": ["console_org_admin": "acme_console_org_admin"],
                    "product_domains_claim": "acme:domains",
                ]
                let saved = try await s.call(.put, "/v1/accounts/\(account)/zitadel/config", json: config)
                #expect(saved.json["status"] == "ok" && saved.json["zitadel_config"]?["enabled"] == true)
                let mapped = try await fake.mint(
                    await fake.claims(
                        organization: "org-1", roles: ["acme_console_org_admin", "copilot_org_admin"],
                        projectID: ZitadelTokenTests.project))
                #expect(
                    try await s.call(.get, "/v1/me/context", token: mapped).json["roles"] == [
                        "console_org_admin", "copilot_org_admin",
                    ])
                var narrowed = await fake.claims(
                    organization: "org-1", roles: ["acme_console_org_admin", "copilot_org_admin"],
                    projectID: ZitadelTokenTests.project
                ).objectValue!
                narrowed["acme:domains"] = ["console"]
                let consoleOnly = try await fake.mint(.object(narrowed))
                #expect(try await s.call(.get, "/v1/console/orgs", token: consoleOnly).status == .ok)
                #expect(try await s.call(.get, "/v1/copilot/orgs", token: consoleOnly).status == .forbidden)
                #expect(
                    try await s.call(.get, "/v1/auth/zitadel/status", token: consoleOnly).json[
                        "product_domains_allowed"] == ["console"])
            }
        }
    }
}
