@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Accounts A and B for the tenant walker, each with one object of every kind (`WalkerObjects`) and spend; A's three
/// principals; B's state and the list of B's ids and names the leak check looks for.
final class TenantWalkerFixture: @unchecked Sendable {
    static let alphaAdmin = "admin@alpha.test"
    static let password = "walker-password-1"
    static let zitadelProject = ZitadelTokenTests.project

    /// Who of account A calls the routes.
    enum Principal: String, CaseIterable, CustomStringConvertible {
        case accountAdmin = "A's account admin (session)"
        case domainAdmin = "A's domain admin (Zitadel, org admin of both trees)"
        case endUserKey = "A's end-user key"
        var description: String { rawValue }
    }

    let s: ServerHarness
    let a: UUID
    let b: UUID
    /// A's current objects; replaced by `refreshA` after a request may have changed them.
    private(set) var aRefs: [IDKind: String] = [:]
    let bRefs: [IDKind: String]
    /// B's admin session and key, which must still work after the walk.
    let bAdmin: String
    let bKey: String
    private var tokens: [Principal: String] = [:]
    private var generation = 0

    private init(_ s: ServerHarness, a: UUID, b: UUID, bRefs: [IDKind: String], bAdmin: String, bKey: String) {
        (self.s, self.a, self.b, self.bRefs, self.bAdmin, self.bKey) = (s, a, b, bRefs, bAdmin, bKey)
    }

    /// Both accounts, A's principals (the domain admin only with `zitadel`), and one call of B's key to B's model.
    static func make(_ s: ServerHarness, zitadel: FakeZitadel?) async throws -> TenantWalkerFixture {
        let bravo = "bravo-\(UUID().uuidString.lowercased().prefix(6))"
        let a = try await account(s, name: "alpha", admin: alphaAdmin, zitadelOrg: "zitadel-alpha")
        let b = try await account(s, name: bravo, admin: "admin@\(bravo).test", zitadelOrg: "zitadel-\(bravo)")
        let objects = try await WalkerObjects.make(s.cockpit, account: b, prefix: bravo)
        var bRefs = objects.refs
        bRefs[.adminEmail] = "admin@\(bravo).test"
        let f = TenantWalkerFixture(
            s, a: a, b: b, bRefs: bRefs, bAdmin: try await s.adminToken(email: bRefs[.adminEmail]!, password: password),
            bKey: objects.keySecret)
        try await f.refreshA()
        try await f.signIn()
        f.tokens[.endUserKey] = try await s.cockpit.keys.generate(account: a, NewKey(alias: "alpha-principal")).secret
        if let zitadel {
            let claims = await zitadel.claims(
                subject: "alpha-domain-admin", organization: "zitadel-alpha",
                roles: ["console_org_admin", "copilot_org_admin"], projectID: zitadelProject)
            f.tokens[.domainAdmin] = try await zitadel.mint(claims)
            let context = try await s.call(.get, "/v1/me/context", token: f.tokens[.domainAdmin])
            #expect(
                context.json["account_id"]?.stringValue == a.lowercased
                    && context.json["roles"] == ["console_org_admin", "copilot_org_admin"],
                "the domain admin's token: \(context.text)")
        }
        // B has spend: its key calls its model once.
        let spent = try await s.call(
            .post, "/v1/chat/completions", token: f.bKey,
            json: GatewayWalkerRequests.call(model: .string(bRefs[.modelName]!)))
        try #require(spent.status == .ok, "B's key calls B's model: \(spent.text)")
        await s.gateway.spend.flush()
        return f
    }

    /// An account with an admin (password sign-in) and a Zitadel organization linked to it.
    private static func account(
        _ s: ServerHarness, name: String, admin: String, zitadelOrg: String
    ) async throws -> UUID {
        let id = try await s.cockpit.accounts.create(
            NewAccount(name: name, domain: "\(name).test", adminEmail: admin, adminPassword: password)
        ).account.id
        let linked = try await s.call(
            .put, "/v1/accounts/\(id.lowercased)/zitadel/config",
            json: ["enabled": true, "organization_id": .string(zitadelOrg), "project_id": .string(zitadelProject)])
        try #require(linked.status == .ok, "\(linked.text)")
        return id
    }

    func token(_ principal: Principal) -> String? { tokens[principal] }

    /// Principals the walk runs as (the domain admin only when there is a Zitadel issuer).
    var principals: [Principal] { Principal.allCases.filter { tokens[$0] != nil } }

    /// A fresh session for A's admin (after `/v2/logout` ended the last one).
    func signIn() async throws {
        tokens[.accountAdmin] = try await s.adminToken(email: Self.alphaAdmin, password: Self.password)
    }

    /// New objects for A, so that a request which changed or deleted the last ones cannot spoil the next.
    func refreshA() async throws {
        generation += 1
        aRefs = try await WalkerObjects.make(s.cockpit, account: a, prefix: "alpha-\(generation)").refs
        aRefs[.adminEmail] = Self.alphaAdmin
        try await s.gateway.registry.refresh()
        // On PostgreSQL the registry's fingerprint (count, latest update) keeps whole seconds: a model deleted and
        // one added within a second look like no change. One more model changes the count.
        if !s.gateway.registry.modelNames(account: a).contains(aRefs[.modelName]!) {
            _ = try await s.cockpit.modelCatalog.upsert(
                ModelInput(modelName: "alpha-\(generation)-extra", providerModel: "mock/x"), account: a)
            try await s.gateway.registry.refresh()
        }
        #expect(
            s.gateway.registry.modelNames(account: a).contains(aRefs[.modelName]!), "the gateway serves A's new model")
    }
}
