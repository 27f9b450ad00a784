@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing
@testable import ProxyServer

/// Tenant isolation, proven on every route of the route table: the `/v1` control plane, the super-admin routes, the
/// LiteLLM management routes, the gateway and the public routes, and every route added later (a route the walker has
/// no request for fails the test).
///
/// Accounts A and B each hold one of everything: both trees (organizations, teams, users in teams), model grants,
/// feature entitlements, budget rows, a virtual key, a stored model, spend. Each of A's principals — its account
/// admin (a session from `/v2/login`), a domain admin (a Zitadel token with both trees' org-admin roles) and an
/// end-user virtual key — sends every request template with A's own references except one, which is B's (each kind
/// the template reads in turn: org, team, user, email and grant ids of both trees, key id, hash and alias, stored
/// model id and model name, account id, admin email; then all of them at once), and again with those references
/// pointing at nothing. Budgets have no id of their own on any route: they are reached through their subjects (user,
/// team, org updates with budget fields) and checked in B's rows. The rule:
/// - B's reference gets the same answer as a reference to nothing (status and body, the reference itself aside):
///   whether B's object exists never shows.
/// - That answer refuses: 404. 403 only where the route refuses the principal before any look-up (a role it lacks:
///   the unknown reference gets the same 403), 401 where the route does not take the credential (sessions and
///   Zitadel tokens on the gateway). The principal that may use the route (its control below) always gets 404,
///   never 403 (QUALITY.md: another tenant's id is 404, never a 403 that leaks existence).
/// - A read may instead answer 200 where it filters by the reference (lists, searches, effective access, spend),
///   with the same body as for the unknown reference.
/// - `X-Account-Id` naming B: 403 on every authenticated route, as for an account that does not exist (only a
///   super-admin may name an account, ARCHITECTURE.md); public and gateway routes ignore it.
/// - No answer to A holds an id or name of B (both trees, emails, keys' ids, hashes and aliases, model ids and names,
///   budgets, grants, entitlements, spend rows, B's account and admin) that A's request did not carry itself.
/// - B's rows, read under B's own scope, are the same after every route; B's admin session and key still work.
/// - Each template also runs with A's own references as the principal that may use the route, and must succeed:
///   otherwise its refusals would prove nothing.
@Suite struct TenantWalkerTests {
    @Test(arguments: StoreKind.available)
    func everyRouteRefusesAnotherTenantsObjects(kind: StoreKind) async throws {
        try await ZitadelTokenTests.withIssuer { zitadel, verifier in
            try await ServerHarness.with(kind, zitadel: verifier, environment: ["STORE_MODEL_IN_DB": "true"]) { s in
                let started = Date()
                let f = try await TenantWalkerFixture.make(s, zitadel: zitadel)
                var before = try await WalkerTenantState.read(s, f.b)
                let walker = TenantWalker(
                    s, f, bStrings: before.strings.union([f.bKey, f.bAdmin].map { $0.lowercased() }))
                let specs = RouteSpecs.walker
                Self.expectEveryRouteHasASpec(s.routes, specs)
                for route in s.routes {
                    guard let spec = specs[route.description] else { continue }
                    try await walker.walk(route, spec)
                    let after = try await WalkerTenantState.read(s, f.b)
                    let changed = after.changes(from: before)
                    #expect(changed.isEmpty, "\(route) changed B's \(changed)")
                    before = after
                }
                try await Self.sweepReads(s, f, walker, specs)
                #expect(
                    try await s.call(.get, "/v1/me/context", token: f.bAdmin).json["account_id"]?.stringValue
                        == f.b.lowercased,
                    "B's admin session still works")
                #expect(try await s.call(.get, "/key/info", token: f.bKey).status == .ok, "B's key still works")
                #expect(
                    walker.kindsWalked == Self.everyKind,
                    "kinds never walked: \(Self.everyKind.subtracting(walker.kindsWalked))")
                #expect(walker.checks >= 1500, "\(walker.checks) checks: the walk shrank")  // 1,590 when written
                print(
                    "tenant walker (\(kind), " + String(format: "%.1f s", Date().timeIntervalSince(started))
                        + "): \(s.routes.count) routes, "
                        + "\(f.principals.count) principals, \(walker.kindsWalked.count) kinds of reference and X-Account-Id; \(walker.summary)"
                )
            }
        }
    }

    /// Routes every authenticated caller may use: about themselves or the server, never about a tenant's data.
    /// Routes any authenticated caller may call (`/v2/logout` answers 400 to a credential that is not a session).
    /// `/v1/logs` answers a key with its own requests only.
    static let openToAnyPrincipal: Set<String> = [
        "/v1/me/context", "/v1/auth/zitadel/status", "/v2/logout", "/v1/logs",
    ]

    /// Every control-plane route needs credentials (401) and its role: an end user gets 403, and so does an account
    /// admin on a super-admin route.
    @Test func everyRouteNeedsCredentialsAndItsRole() async throws {
        try await ServerHarness.with(.sqlite, environment: ["STORE_MODEL_IN_DB": "true"]) { s in
            let f = try await TenantWalkerFixture.make(s, zitadel: nil)
            let specs = RouteSpecs.walker
            for route in s.routes where route.signedIn && !route.openAIErrors {
                // A route without a template is reported by the walker test.
                guard let template = specs[route.description]?.templates.first else { continue }
                let request = template(Refs(f.aRefs, nonce: "roles"))
                let method = try #require(HTTPRequest.Method(route.method))
                let anonymous = try await s.call(method, request.path, token: nil, json: request.body)
                #expect(
                    anonymous.status == .unauthorized && anonymous.json["detail"] != nil,
                    "\(route) without credentials: \(anonymous.status.code)")
                if Self.openToAnyPrincipal.contains(route.path) { continue }
                let endUser = try await s.call(method, request.path, token: f.token(.endUserKey), json: request.body)
                #expect(endUser.status == .forbidden, "\(route) as an end user: \(endUser.status.code)")
                if TenantWalker.isSuperAdminRoute(route) {
                    let admin = try await s.call(
                        method, request.path, token: f.token(.accountAdmin), json: request.body)
                    #expect(admin.status == .forbidden, "\(route) as an account admin: \(admin.status.code)")
                }
            }
        }
    }

    static let everyKind: Set<IDKind> = Set(
        ProductDomain.allCases.flatMap { d -> [IDKind] in
            [
                .org(d), .team(d), .user(d), .email(d), .grant(d), .entitlement(d), .guardrailPreset(d),
                .guardrailCode(d), .guardrailPattern(d), .guardrailAssignment(d),
            ]
        } + [
            .account, .keyID, .keyHash, .keyAlias, .modelID, .modelName, .adminEmail, .customerID, .budgetID, .plan,
            .creditOverride, .marketplaceListing, .connection, .agent,
        ])

    /// A route without a spec fails (add one in Walker/…Requests.swift); so does a spec for a route that is gone.
    static func expectEveryRouteHasASpec(_ routes: [RouteInfo], _ specs: [String: RouteSpec]) {
        let missing = routes.map(\.description).filter { specs[$0] == nil }
        #expect(
            missing.isEmpty,
            "the tenant walker has no request for \(missing): add a template in Tests/ProxyServerTests/Walker")
        let stale = Set(specs.keys).subtracting(routes.map(\.description)).sorted()
        #expect(stale.isEmpty, "the tenant walker has requests for routes the server does not have: \(stale)")
    }

    /// After the walk, every read again as each principal with A's references: nothing written during the walk
    /// made B's data visible.
    static func sweepReads(
        _ s: ServerHarness, _ f: TenantWalkerFixture, _ walker: TenantWalker, _ specs: [String: RouteSpec]
    ) async throws {
        for route in s.routes where route.method == "GET" {
            for template in specs[route.description]?.templates ?? [] {
                let request = template(Refs(f.aRefs, nonce: "sweep"))
                for principal in f.principals {
                    walker.leakCheck(
                        try await walker.send(.get, request, principal), request,
                        "\(route) as \(principal) after the walk")
                }
            }
        }
    }
}
