import CockpitCore
import CockpitTesting
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Zitadel tokens against a fake issuer on a loopback port: valid ones map to accounts and roles; attacks fail.
@Suite struct ZitadelTokenTests {
    static let project = "244300000000000001"

    static func withIssuer(_ body: @escaping @Sendable (FakeZitadel, ZitadelVerifier) async throws -> Void) async throws
    {
        let fake = try await FakeZitadel()
        let app = Application(router: fake.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            await fake.setIssuer("http://127.0.0.1:\(client.port!)")
            let http = CurlHTTPClient()
            defer { http.shutdown() }
            let settings = ZitadelSettings(
                issuer: await fake.issuer, projectID: project, clientID: "client-1", organizationID: "org-9",
                clockSkew: 60,
                introspectionClientID: "introspector", introspectionClientSecret: "introspection-secret")
            try await body(fake, ZitadelVerifier(settings: settings, http: http))
        }
    }

    static func b64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_"
        )
        .replacingOccurrences(of: "=", with: "")
    }

    @Test func validTokensVerifyAndAttacksAreRefused() async throws {
        try await Self.withIssuer { fake, verifier in
            let claims = await fake.claims(organization: "org-1", roles: ["console_org_admin"], projectID: Self.project)
            let identity = try await verifier.verify(try await fake.mint(claims))
            #expect(identity.organizationID == "org-1" && identity.roles == ["console_org_admin": ["org-1"]])

            func refused(_ token: String, _ why: Comment) async {
                await #expect(throws: CockpitError.self, why) { try await verifier.verify(token) }
            }
            let kid = await fake.currentKey.kid
            let payload = Self.b64(claims.encodedString)
            await refused("\(Self.b64(#"{"alg":"none","kid":"\#(kid)"}"#)).\(payload).", "alg none")
            // HS256 "signed" with the RSA public key, the classic confusion attack.
            let jwks = try await fake.jwks()
            let publicKey = Data(jwks.encodedString.utf8)
            let signingInput = "\(Self.b64(#"{"alg":"HS256","kid":"\#(kid)"}"#)).\(payload)"
            let mac = HMAC<SHA256>.authenticationCode(
                for: Data(signingInput.utf8), using: SymmetricKey(data: publicKey))
            await refused("\(signingInput).\(Data(mac).base64EncodedString())", "HS256 with the public key")
            func with(_ changes: [String: JSONValue]) -> JSONValue {
                .object((claims.objectValue ?? [:]).merging(changes) { $1 })
            }
            let issuer = await fake.issuer
            await refused(try await fake.mint(with(["iss": "https://evil.example"])), "wrong iss")
            await refused(try await fake.mint(with(["iss": .string(issuer + "/")])), "iss with a trailing slash")
            await refused(
                try await fake.mint(
                    with(["iss": .string(issuer.replacingOccurrences(of: "127.0.0.1", with: "127.0.0.1:443"))])),
                "iss with a port")
            await refused(try await fake.mint(with(["aud": ["someone-else"]])), "wrong aud")
            // No iss at all, even claiming to be active (accepted before: the introspection fallback applied to JWTs too).
            var anonymous = claims.objectValue ?? [:]
            anonymous["iss"] = nil
            await refused(try await fake.mint(.object(anonymous)), "no iss")
            anonymous["active"] = true
            await refused(try await fake.mint(.object(anonymous)), "no iss, active: true")
            let now = Date().timeIntervalSince1970
            await refused(try await fake.mint(with(["exp": .number(now - 120)])), "expired beyond the skew")
            _ = try await verifier.verify(try await fake.mint(with(["exp": .number(now - 30)])))  // within the skew
            await refused(try await fake.mint(with(["nbf": .number(now + 600)])), "not yet valid")
            await refused(
                try await fake.mint(claims, key: try await FakeZitadel.newKey()), "a key the issuer never published")
            let good = try await fake.mint(claims)
            let parts = good.split(separator: ".")
            let tampered =
                "\(parts[0]).\(Self.b64(with(["urn:zitadel:iam:user:resourceowner:id": "org-2"]).encodedString)).\(parts[2])"
            await refused(tampered, "tampered payload")
        }
    }

    @Test func opaqueTokensAreIntrospected() async throws {
        try await Self.withIssuer { fake, verifier in
            let claims = await fake.claims(
                organization: "org-1", roles: ["copilot_team_admin"], projectID: Self.project)
            let token = await fake.issueOpaque(claims)
            #expect(try await verifier.introspect(token).roles == ["copilot_team_admin": ["org-1"]])
            _ = try await verifier.introspect(token)
            #expect(await fake.introspections == 1)  // the answer is cached
            for _ in 0..<3 {
                await #expect(throws: CockpitError.unauthenticated("invalid token: not active")) {
                    try await verifier.introspect("junk")
                }
            }
            #expect(await fake.introspections == 2)  // so is a refusal
            let expired = await fake.issueOpaque(
                .object(claims.objectValue!.merging(["exp": .number(Date().timeIntervalSince1970 - 600)]) { $1 }))
            await #expect(throws: CockpitError.self) { try await verifier.introspect(expired) }
        }
    }

    @Test func keyRotationIsPickedUpAndUnknownKeysCannotHammerTheIssuer() async throws {
        try await Self.withIssuer { fake, verifier in
            let claims = await fake.claims(organization: "org-1", roles: [], projectID: Self.project)
            _ = try await verifier.verify(try await fake.mint(claims))
            let old = await fake.currentKey
            try await fake.rotate()
            _ = try await verifier.verify(try await fake.mint(claims))  // new kid: one refetch, no restart
            let fetches = await fake.jwksFetches
            // One stray key made up front: generating an RSA key per attempt took seconds under load, long enough for
            // the 10 s cooldown to lapse mid-loop (a flaky failure, not a hammering issuer).
            let stray = try await fake.mint(claims, key: try await FakeZitadel.newKey())
            for _ in 0..<20 {
                await #expect(throws: CockpitError.self) { try await verifier.verify(stray) }
            }
            #expect(await fake.jwksFetches == fetches)  // the cooldown held
            await #expect(throws: CockpitError.self) {
                try await verifier.verify(try await fake.mint(claims, key: old))
            }
        }
    }

    @Test func tokensMapToTheLinkedAccountAndTheRolesHeldThere() async throws {
        try await Self.withIssuer { fake, verifier in
            try await ServerHarness.with(.sqlite, zitadel: verifier) { s in
                let created = try await s.call(
                    .post, "/v1/accounts",
                    json: ["account_name": "Acme", "domain": "acme.io", "admin_email": "a@acme.io"])
                let account = try #require(created.json["account_id"]?.stringValue)
                #expect(
                    try await s.call(
                        .put, "/v1/accounts/\(account)/zitadel/config",
                        json: ["enabled": true, "organization_id": "org-1", "project_id": .string(Self.project)]
                    ).status == .ok)
                let orgAdmin = try await fake.mint(
                    await fake.claims(organization: "org-1", roles: ["console_org_admin"], projectID: Self.project))
                let context = try await s.call(.get, "/v1/me/context", token: orgAdmin)
                #expect(
                    context.json["account_id"]?.stringValue == account && context.json["roles"] == ["console_org_admin"]
                )
                #expect(context.json["auth_provider"] == "zitadel")
                #expect(try await s.call(.get, "/v1/console/orgs", token: orgAdmin).status == .ok)
                #expect(try await s.call(.get, "/v1/copilot/orgs", token: orgAdmin).status == .forbidden)
                #expect(try await s.call(.get, "/v1/accounts", token: orgAdmin).status == .forbidden)
                // Roles held only in another organization do not count here.
                var elsewhere = await fake.claims(organization: "org-1", roles: [], projectID: Self.project)
                    .objectValue!
                elsewhere["urn:zitadel:iam:org:project:\(Self.project):roles"] = [
                    "console_org_admin": ["org-2": "other.test"]
                ]
                let outsider = try await fake.mint(.object(elsewhere))
                #expect(try await s.call(.get, "/v1/me/context", token: outsider).json["roles"] == [])
                #expect(try await s.call(.get, "/v1/console/orgs", token: outsider).status == .forbidden)
                // No header moves a token to another account; an unlinked organization is refused.
                let other = try await s.call(
                    .post, "/v1/accounts",
                    json: ["account_name": "Other", "domain": "other.io", "admin_email": "a@other.io"])
                let otherID = try #require(other.json["account_id"]?.stringValue)
                #expect(
                    try await s.call(
                        .get, "/v1/console/orgs", token: orgAdmin, headers: [HTTPField.Name("X-Account-Id")!: otherID]
                    ).status == .forbidden)
                let stranger = try await fake.mint(
                    await fake.claims(organization: "org-9", roles: ["console_org_admin"], projectID: Self.project))
                #expect(try await s.call(.get, "/v1/me/context", token: stranger).status == .forbidden)
                let superAdmin = try await fake.mint(
                    await fake.claims(organization: "org-9", roles: ["super_admin"], projectID: Self.project))
                #expect(try await s.call(.get, "/v1/accounts", token: superAdmin).status == .ok)
                // The super-admin role counts in the vendor organization (ZITADEL_ORG_ID) only: held in a customer's, it is nothing.
                let impostor = try await fake.mint(
                    await fake.claims(organization: "org-1", roles: ["super_admin"], projectID: Self.project))
                #expect(try await s.call(.get, "/v1/accounts", token: impostor).status == .forbidden)
                // A team admin changes the members of the teams it administers, and only those.
                let asAccount: HTTPFields = [HTTPField.Name("X-Account-Id")!: account]
                let org = try #require(
                    try await s.call(.get, "/v1/copilot/orgs", headers: asAccount).json.items.first?["id"]?.stringValue)
                let mine = try #require(
                    try await s.call(
                        .post, "/v1/copilot/teams", json: ["org_id": .string(org), "name": "Mine"], headers: asAccount
                    )
                    .json.itemString("id"))
                let theirs = try #require(
                    try await s.call(
                        .post, "/v1/copilot/teams", json: ["org_id": .string(org), "name": "Theirs"], headers: asAccount
                    )
                    .json.itemString("id"))
                let lead = try #require(
                    try await s.call(
                        .post, "/v1/copilot/users", json: ["email": "lead@acme.io", "identity_user_id": "lead-1"],
                        headers: asAccount
                    ).json.itemString("id"))
                #expect(
                    try await s.call(
                        .post, "/v1/copilot/teams/\(mine)/members", json: ["user_id": .string(lead), "role": "admin"],
                        headers: asAccount
                    ).status == .created)
                let member = try #require(
                    try await s.call(.post, "/v1/copilot/users", json: ["email": "m@acme.io"], headers: asAccount).json
                        .itemString("id"))
                let teamAdmin = try await fake.mint(
                    await fake.claims(
                        subject: "lead-1", organization: "org-1", roles: ["copilot_team_admin"], projectID: Self.project
                    ))
                #expect(
                    try await s.call(
                        .post, "/v1/copilot/teams/\(mine)/members", token: teamAdmin, json: ["user_id": .string(member)]
                    ).status == .created)
                let refused = try await s.call(
                    .post, "/v1/copilot/teams/\(theirs)/members", token: teamAdmin, json: ["user_id": .string(member)])
                #expect(
                    refused.status == .forbidden
                        && refused.json["detail"] == "team admins manage only the teams they administer")
                #expect(
                    try await s.call(.delete, "/v1/copilot/teams/\(theirs)/members?user_id=\(member)", token: teamAdmin)
                        .status == .forbidden)
                #expect(
                    try await s.call(.delete, "/v1/copilot/teams/\(mine)/members?user_id=\(member)", token: teamAdmin)
                        .status == .ok)

                let status = try await s.call(.get, "/v1/auth/zitadel/status", token: orgAdmin)
                #expect(
                    status.json["configured"] == true && status.json["jwks"]?["reachable"] == true
                        && status.json["jwks"]?["keys"] == 1)
                #expect(
                    status.json["zitadel_configured"] == true && status.json["enabled"] == true
                        && status.json["auth_provider"] == "zitadel"
                        && status.json["account_id"] == .string(account)
                        && status.json["roles"] == ["console_org_admin"])
                let defaults: JSONValue = [
                    "project_id": " 244300000000000001 ", "organization_id": "244300000000000002", "role_prefix": " ",
                ]
                #expect(
                    try await s.call(.put, "/v1/super/zitadel/onboarding-defaults", token: orgAdmin, json: defaults)
                        .status == .forbidden)
                #expect(
                    try await s.call(.get, "/v1/super/zitadel/onboarding-defaults").json["item"]
                        == ([
                            "project_id": .null, "organization_id": .null, "role_prefix": .null,
                            "resolve_user_ids_from_zitadel": true,
                        ] as JSONValue))
                let saved = try await s.call(.put, "/v1/super/zitadel/onboarding-defaults", json: defaults)
                let item: JSONValue = [
                    "project_id": "244300000000000001", "organization_id": "244300000000000002", "role_prefix": .null,
                    "resolve_user_ids_from_zitadel": true,
                ]
                #expect(saved.status == .ok && saved.json == ["status": "ok", "item": item])
                #expect(try await s.call(.get, "/v1/super/zitadel/onboarding-defaults").json["item"] == item)
                #expect(
                    try await s.call(.put, "/v1/super/zitadel/onboarding-defaults", json: ["project_id": "1; DROP"])
                        .status == .badRequest)
                // Suspension ends Zitadel access at once too.
                #expect(
                    try await s.call(.post, "/v1/accounts/\(account)/status", json: ["status": "suspended"]).status
                        == .ok)
                #expect(try await s.call(.get, "/v1/me/context", token: orgAdmin).status == .unauthorized)
            }
        }
    }

    /// Settings that would make a super-admin of anyone holding the role in any organization are refused at start.
    @Test func superAdminRolesNeedTheVendorOrganization() throws {
        func settings(_ env: [String: String]) throws -> ZitadelSettings? {
            try ZitadelSettings(
                settings: Settings(
                    environment: ["ZITADEL_ISSUER": "https://z.example", "ZITADEL_PROJECT_ID": "p"].merging(env) { $1 },
                    dotenvPath: nil))
        }
        #expect(
            throws: CockpitError.invalid(
                field: "ZITADEL_ORG_ID",
                reason: "must name the vendor organization whose super_admin role makes a "
                    + "super-admin (or set ZITADEL_SUPER_ADMIN_ROLES=none to give no one super-admin through Zitadel)")
        ) {
            try settings([:])
        }
        #expect(try settings(["ZITADEL_ORG_ID": "vendor"])?.organizationID == "vendor")
        #expect(try settings(["ZITADEL_SUPER_ADMIN_ROLES": "none"])?.superAdminRoles.isEmpty == true)
        for (name, value) in [
            ("ZITADEL_CLOCK_SKEW_SECONDS", "inf"), ("ZITADEL_CLOCK_SKEW_SECONDS", "nan"),
            ("ZITADEL_JWKS_CACHE_SECONDS", "-1"),
        ] {
            #expect(throws: CockpitError.self, "\(name)=\(value)") {
                try settings(["ZITADEL_ORG_ID": "vendor", name: value])
            }
        }
    }

    /// An issuer answering a JWKS document beyond 1 MiB is refused (the keys are not read), not read without end.
    @Test func anOversizedKeySetIsRefused() async throws {
        try await Self.withIssuer { fake, verifier in
            await fake.setJWKSPadding(2 << 20)
            let token = try await fake.mint(
                await fake.claims(organization: "org-1", roles: [], projectID: Self.project))
            do {
                _ = try await verifier.verify(token)
                Issue.record("a 2 MiB key set was read")
            } catch let error as CockpitError {
                #expect(error.message.contains("larger than 1048576 bytes"), "\(error)")
            }
            await fake.setJWKSPadding(0)
        }
    }
}
