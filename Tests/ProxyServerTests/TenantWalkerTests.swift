@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing
@testable import ProxyServer

/// Walks every registered route: without credentials (401), with a role that lacks the permission (403), and as
/// account A's admin against account B's objects (refused, nothing of B changed).
@Suite struct TenantWalkerTests {
    struct Tenant {
        let id: String
        let admin: String
        let org: [String: String]
        let team: [String: String]
        let user: [String: String]
        let grant: [String: String]
    }

    static func tenant(_ s: ServerHarness, _ name: String) async throws -> Tenant {
        let (id, admin) = try await ControlPlaneRouteTests.newAccount(s, name)
        var org: [String: String] = [:], team: [String: String] = [:], user: [String: String] = [:], grant: [String: String] = [:]
        for d in ["console", "copilot"] {
            org[d] = try await s.call(.post, "/v1/\(d)/orgs", token: admin, json: ["name": "Org"]).json.itemString("id")
            team[d] = try await s.call(.post, "/v1/\(d)/teams", token: admin, json: ["org_id": .string(org[d]!), "name": "Team"]).json.itemString("id")
            user[d] = try await s.call(.post, "/v1/\(d)/users", token: admin, json: ["email": .string("u@\(name.lowercased()).io"),
                                                                                  "team_ids": [.string(team[d]!)]]).json.itemString("id")
            grant[d] = try await s.call(.post, "/v1/\(d)/models/grants", token: admin, json: ["model_name": "m", "scope": "user",
                                                                                          "scope_id": .string(user[d]!)]).json.itemString("id")
        }
        return Tenant(id: id, admin: admin, org: org, team: team, user: user, grant: grant)
    }

    /// A concrete request for a route template, aimed at tenant `t`'s objects.
    static func request(for route: RouteInfo, aimedAt t: Tenant) -> (path: String, body: JSONValue?) {
        let d = route.path.contains("/copilot/") ? "copilot" : "console"
        var path = route.path
        let id: String
        if path.hasPrefix("/v1/accounts/") { id = t.id }
        else if path.contains("/orgs/") { id = t.org[d]! }
        else if path.contains("/teams/") { id = t.team[d]! }
        else if path.contains("/users/") { id = t.user[d]! }
        else if path.contains("/grants/") { id = t.grant[d]! }
        else { id = UUID().uuidString }
        path = path.replacingOccurrences(of: "{id}", with: id).replacingOccurrences(of: "{email}", with: "admin@bravo.io")
        let query = "org_id=\(t.org[d]!)&team_id=\(t.team[d]!)&user_id=\(t.user[d]!)&model_name=m&feature_code=f&domain=\(d)"
        path += (path.contains("?") ? "&" : "?") + query
        let body: JSONValue = [
            "name": "Stolen", "org_id": .string(t.org[d]!), "team_ids": [.string(t.team[d]!)], "user_id": .string(t.user[d]!),
            "email": "x@bravo.io", "model_name": "m", "scope": "team", "scope_id": .string(t.team[d]!), "effect": "allow",
            "domain": .string(d), "feature_code": "f", "enabled": true, "status": "suspended",
            "account_name": "Stolen", "admin_email": "a@stolen.io", "litellm_params": ["model": "openai/x"],
        ]
        return (path, route.method == "GET" ? nil : body)
    }

    /// Everything B owns, read through the core under B's own scope.
    static func snapshot(_ s: ServerHarness, _ t: Tenant) async throws -> String {
        let id = UUID(uuidString: t.id)!
        return try await s.cockpit.database.read(.account(id)) { tx in
            var parts = ["\(try AccountRepository(tx).get(id)!)", "\(try AdminRepository(tx).list(account: id))"]
            for d in ProductDomain.allCases {
                parts.append("\(try OrganizationRepository(tx).list(domain: d).items)")
                parts.append("\(try TeamRepository(tx).list(domain: d).items)")
                parts.append("\(try UserRepository(tx).list(domain: d).items)")
                parts.append("\(try ModelGrantRepository(tx).list(domain: d))")
                parts.append("\(try EntitlementRepository(tx).list(domain: d))")
                parts.append("\(try MembershipRepository(tx).counts(teamIDs: try TeamRepository(tx).list(domain: d).items.map(\.id)))")
            }
            parts.append("\(try AuditRepository(tx).list(page: PageRequest(limit: 500)).items.count)")
            return parts.joined(separator: "\n")
        }
    }

    @Test(arguments: StoreKind.available)
    func everyTenantRouteRefusesAnotherTenantsObjects(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let a = try await Self.tenant(s, "Alpha")
            let b = try await Self.tenant(s, "Bravo")
            let before = try await Self.snapshot(s, b)
            // The gateway and LiteLLM routes (OpenAI envelope) have their own refusal tests (Gateway/…).
            let tenantRoutes = s.routes.filter {
                !$0.openAIErrors && $0.permission != nil && $0.permission != .superAdmin && !Self.openToAnyPrincipal.contains($0.path)
            }
            #expect(tenantRoutes.count >= 30)
            for route in tenantRoutes {
                let (path, body) = Self.request(for: route, aimedAt: b)
                let answer = try await s.call(HTTPRequest.Method(route.method)!, path, token: a.admin, json: body)
                if route.method == "POST", route.path.hasSuffix("/orgs") {
                    // Creating an organization names no other object: it can only land in A's own account.
                    #expect(answer.status == .created && answer.json["item"]?["account_id"]?.stringValue?.lowercased() == a.id.lowercased())
                } else if route.path.contains("{id}") || route.method != "GET" {
                    #expect(answer.status == .notFound, "\(route) as A against B answered \(answer.status.code): \(answer.text)")
                } else {
                    // Lists filtered by B's ids answer A's own (empty) view or 404; never B's rows.
                    #expect(answer.status == .notFound || answer.status == .ok, "\(route): \(answer.status.code)")
                    #expect(!answer.text.contains(b.org["console"]!) && !answer.text.contains(b.user["console"]!) && !answer.text.contains("Bravo"),
                            "\(route) leaked B's data")
                }
            }
            #expect(try await Self.snapshot(s, b) == before)
        }
    }

    /// Routes every authenticated caller may use: about themselves or the server, never about a tenant's data.
    static let openToAnyPrincipal: Set<String> = ["/v1/me/context", "/v1/auth/zitadel/status"]

    @Test func everyRouteNeedsCredentialsAndItsRole() async throws {
        try await ServerHarness.with(.sqlite) { s in
            let a = try await Self.tenant(s, "Alpha")
            let (_, keySecret) = try await s.cockpit.keys.generate(account: UUID(uuidString: a.id)!, NewKey(alias: "end-user"), actor: .cli)
            for route in s.routes where route.permission != nil && !route.openAIErrors {
                let (path, body) = Self.request(for: route, aimedAt: a)
                let method = HTTPRequest.Method(route.method)!
                let anonymous = try await s.call(method, path, token: nil, json: body)
                #expect(anonymous.status == .unauthorized && anonymous.json["detail"] != nil, "\(route) without credentials: \(anonymous.status.code)")
                if Self.openToAnyPrincipal.contains(route.path) { continue }
                let endUser = try await s.call(method, path, token: keySecret, json: body)
                #expect(endUser.status == .forbidden, "\(route) as an end user: \(endUser.status.code)")
                if route.permission == .superAdmin {
                    let admin = try await s.call(method, path, token: a.admin, json: body)
                    #expect(admin.status == .forbidden, "\(route) as an account admin: \(admin.status.code)")
                }
            }
        }
    }
}
