@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Discover as the original answers it: published listings only, newest first; no grants → everyone (`global`);
/// with grants → only for a scope passed that a grant names exactly, with **no inheritance** (an organization's grant
/// is not seen by its teams or users unless the organization is passed too), over every combination of scopes.
@Suite struct MarketplaceDiscoverTests {
    /// Organization O1 with team T1 (user U1 in it) and O2 with team T3; a listing per kind of grant.
    struct World {
        let account: UUID
        let o1: String, o2: String, t1: String, t3: String, u1: String
        /// By name: global, org, team, user, multi (T3 then U1), other (O2); unpublished and draft are never shown.
        let ids: [String: UUID]
    }

    static func world(_ cockpit: Cockpit) async throws -> World {
        let f = try await TenantFixture.make(cockpit, name: "Acme")
        let a = f.account.id, dir = cockpit.directory
        let o2 = try await dir.createOrganization(account: a, domain: .copilot, name: "O2")
        let t3 = try await dir.createTeam(account: a, domain: .copilot, orgID: o2.id, name: "T3")
        let (o1, t1, u1) = (
            f.orgs[.copilot]!.id.lowercased, f.teams[.copilot]!.id.lowercased, f.users[.copilot]!.id.lowercased
        )
        var ids: [String: UUID] = [:]
        let plan: [(String, [(String, String)], Bool)] = [
            ("global", [], true), ("org", [("org", o1)], true), ("team", [("team", t1)], true),
            ("user", [("user", u1)], true), ("multi", [("team", t3.id.lowercased), ("user", u1)], true),
            ("other", [("org", o2.id.lowercased)], true), ("unpublished", [], false),
            ("draft", [("user", u1)], false),
        ]
        for (name, grants, published) in plan {
            var post = MarketplacePost(
                entityType: name == "other" ? "connection" : "agent", entityID: name, title: name)
            post.isPublished = published
            post.grants = grants.map { MarketplaceGrantInput(scopeType: $0.0, scopeID: $0.1) }
            ids[name] = try await cockpit.marketplace.post(account: a, post).item.listing.id
        }
        return World(account: a, o1: o1, o2: o2.id.lowercased, t1: t1, t3: t3.id.lowercased, u1: u1, ids: ids)
    }

    @Test(arguments: StoreKind.available)
    func everyCombinationOfScopesSeesExactlyItsGrants(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let w = try await Self.world(cockpit)
            let names = Dictionary(uniqueKeysWithValues: w.ids.map { ($0.value, $0.key) })
            for org in [nil, w.o1, w.o2] {
                for team in [nil, w.t1, w.t3] {
                    for user in [nil, w.u1] {
                        let page = try await cockpit.marketplace.discover(
                            account: w.account, orgID: org, teamID: team, userID: user)
                        var expected: [(String, String?)] = []
                        // Newest first: the order the listings were posted, reversed.
                        if org == w.o2 { expected.append(("other", "org:\(w.o2)")) }
                        if team == w.t3 {
                            expected.append(("multi", "team:\(w.t3)"))
                        } else if user != nil {
                            expected.append(("multi", "user:\(w.u1)"))
                        }
                        if user != nil { expected.append(("user", "user:\(w.u1)")) }
                        if team == w.t1 { expected.append(("team", "team:\(w.t1)")) }
                        if org == w.o1 { expected.append(("org", "org:\(w.o1)")) }
                        expected.append(("global", nil))
                        let got = page.items.map { (names[$0.listing.id]!, $0.matchedScope?.key) }
                        #expect(
                            got.map(\.0) == expected.map(\.0) && got.map(\.1) == expected.map(\.1),
                            "org \(org ?? "-") team \(team ?? "-") user \(user ?? "-"): \(got)")
                        #expect(page.total == expected.count)
                    }
                }
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func unknownScopesAnswer404InOrderAndFiltersAndPagesApply(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), market = cockpit.marketplace
            let w = try await Self.world(cockpit)
            let other = try await TenantFixture.make(cockpit, name: "Other")
            let ghost = UUID().uuidString
            for (org, team, user, error) in [
                (ghost, ghost, ghost, CockpitError.notFound("copilot org")),
                (w.o1, "not-an-id", ghost, .notFound("copilot team")),
                (w.o1, w.t1, ghost, .notFound("copilot user")),
                (other.orgs[.copilot]!.id.lowercased, nil, nil, .notFound("copilot org")),
                (nil, other.teams[.copilot]!.id.lowercased, nil, .notFound("copilot team")),
                (nil, nil, other.users[.copilot]!.id.lowercased, .notFound("copilot user")),
                (nil, nil, "x", .notFound("copilot user")),
            ] as [(String?, String?, String?, CockpitError)] {
                await #expect(throws: error) {
                    try await market.discover(account: w.account, orgID: org, teamID: team, userID: user)
                }
            }
            // A console organization is not a copilot one; ids are read in any case; empty is none.
            await #expect(throws: CockpitError.notFound("copilot org")) {
                try await market.discover(
                    account: w.account,
                    orgID: try await cockpit.directory.organizations(account: w.account, domain: .console).items
                        .first!.id.lowercased)
            }
            let upper = try await market.discover(account: w.account, orgID: w.o1.uppercased(), teamID: "", userID: "")
            #expect(upper.items.map(\.matchedScope?.key) == ["org:\(w.o1)", nil])
            // Entity type (exact) and title (the ILIKE filter) narrow the listings before the grants are matched.
            let connections = try await market.discover(account: w.account, orgID: w.o2, entityType: "connection")
            #expect(connections.items.map(\.listing.id) == [w.ids["other"]!] && connections.total == 1)
            #expect(try await market.discover(account: w.account, orgID: w.o2, entityType: "Connection").total == 0)
            let titled = try await market.discover(account: w.account, userID: w.u1, title: "U_E%")
            #expect(titled.items.map(\.listing.id) == [w.ids["user"]!])
            // total counts every visible listing; limit and offset page them.
            let all = try await market.discover(account: w.account, orgID: w.o1, teamID: w.t1, userID: w.u1)
            #expect(all.total == 5)
            let page = try await market.discover(
                account: w.account, orgID: w.o1, teamID: w.t1, userID: w.u1, limit: 2, offset: 1)
            #expect(page.total == 5 && page.items.map(\.listing.id) == all.items[1...2].map(\.listing.id))
            let past = try await market.discover(account: w.account, limit: 10, offset: 99)
            #expect(past.items.isEmpty && past.total == 1)
            #expect(try await market.discover(account: w.account, limit: 0).items.isEmpty)
        }
    }
}
