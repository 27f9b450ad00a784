@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Cockpit's installs and ratings: one install counted per user, one rating per user (a repeat replaces it), the
/// count and average recomputed exactly from the ratings; and who may do it (another tenant's ids are not found, a
/// console-only admin and a read-only principal are refused).
@Suite struct MarketplaceActivityTests {
    /// `n` copilot users in the fixture's team.
    static func users(_ cockpit: Cockpit, _ f: TenantFixture, _ n: Int) async throws -> [String] {
        var ids: [String] = []
        for i in 0..<n {
            let user = try await cockpit.directory.upsertUser(
                account: f.account.id, domain: .copilot,
                UserInput(email: "u\(i)@acme.test", teamIDs: [f.teams[.copilot]!.id]))
            ids.append(user.user.id.lowercased)
        }
        return ids
    }

    @Test(arguments: StoreKind.available)
    func installsCountOncePerUserAndRatingsAverageExactly(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), market = cockpit.marketplace
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id
            let users = try await Self.users(cockpit, f, 37)
            var post = MarketplacePost(entityType: "agent", entityID: "x", title: "Helper")
            (post.installationCount, post.ratingAvg, post.ratingCount) = (100, 2.5, 40)
            let listing = try await market.post(account: a, post).item.listing
            let id = listing.id.lowercased
            // Installs: each user counts once, on top of the figure the post set; a repeat does not count.
            for (i, user) in users.enumerated() {
                let (after, installed) = try await market.install(account: a, listingID: id, userID: user)
                #expect(installed && after.installationCount == 101 + Int64(i))
                let (again, twice) = try await market.install(account: a, listingID: id, userID: user.uppercased())
                #expect(!twice && again.installationCount == 101 + Int64(i))
            }
            // Ratings: each user's rating, some replaced; the count and average come from the ratings alone (the
            // post's 40 ratings at 2.5 are replaced at the first rating).
            var ratings: [String: Int] = [:]
            for (i, user) in users.enumerated() {
                let rating = i % 5 + 1
                ratings[user] = rating
                let after = try await market.rate(account: a, listingID: id, userID: user, rating: Double(rating))
                let sum = ratings.values.reduce(0, +)
                #expect(after.ratingCount == Int64(ratings.count))
                #expect(after.ratingAvg == Double(sum) / Double(ratings.count), "exact after \(i + 1) ratings")
            }
            for user in users.prefix(10) {
                ratings[user] = 1
                _ = try await market.rate(account: a, listingID: id, userID: user, rating: 1)
            }
            let stored = try await market.listing(account: a, id: id).listing
            let sum = ratings.values.reduce(0, +)
            #expect(stored.ratingCount == 37 && stored.ratingAvg == Double(sum) / 37 && stored.installationCount == 137)
            // Installs and ratings are activity, not edits: updated_at is the post's.
            #expect(stored.updatedAt == listing.updatedAt)
            // A re-post resets the figures to the body's (0); the next install counts from there, a user who had
            // installed still does not count again, and the next rating recomputes from every rating kept.
            _ = try await market.post(account: a, MarketplacePost(entityType: "agent", entityID: "x", title: "Helper"))
            #expect(try await market.install(account: a, listingID: id, userID: users[0]).installed == false)
            let newUser = try await Self.users(cockpit, f, 38).last!
            #expect(try await market.install(account: a, listingID: id, userID: newUser).listing.installationCount == 1)
            let rated = try await market.rate(account: a, listingID: id, userID: newUser, rating: 5)
            #expect(rated.ratingCount == 38 && rated.ratingAvg == Double(sum + 5) / 38)
            // Audit: one row per counted install and per rating, none for a repeated install.
            let rows = try await MarketplaceServiceTests.audit(db, a).filter { $0.objectID == id }
            #expect(rows.filter { $0.action == "marketplace.install" }.count == 38)
            #expect(rows.filter { $0.action == "marketplace.rate" }.count == 37 + 10 + 1)
            #expect(rows.first?.after?["rating"] == 5 && rows.first?.after?["user_id"] == .string(newUser))
            // Deleting the listing takes its installs and ratings with it.
            #expect(try await market.delete(account: a, id: id))
            let left = try await db.read(.account(a)) { try MarketplaceActivityRepository($0).snapshot() }
            #expect(left.installs.isEmpty && left.ratings.isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func ratingsAndUsersAreChecked(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), market = cockpit.marketplace
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let other = try await TenantFixture.make(cockpit, name: "Other")
            let a = f.account.id, user = f.users[.copilot]!.id.lowercased
            let id = try await market.post(account: a, MarketplacePost(entityType: "agent", entityID: "x", title: "T"))
                .item.listing.id.lowercased
            let theirs = try await market.post(
                account: other.account.id, MarketplacePost(entityType: "agent", entityID: "x", title: "T")
            ).item.listing.id.lowercased
            let before = try await MarketplaceServiceTests.snapshot(db, a)
            for rating in [0, 6, 4.5, -1, .nan, .infinity, 1e300] as [Double] {
                await #expect(
                    throws: CockpitError.invalid(field: "rating", reason: "must be a whole number from 1 to 5")
                ) {
                    try await market.rate(account: a, listingID: UUID().uuidString, userID: user, rating: rating)
                }
            }
            // The listing before the user; another tenant's listing or user is one that does not exist.
            for listing in [theirs, UUID().uuidString, "not-an-id"] {
                await #expect(throws: CockpitError.notFound("Marketplace listing")) {
                    try await market.rate(account: a, listingID: listing, userID: "nobody", rating: 3)
                }
                await #expect(throws: CockpitError.notFound("Marketplace listing")) {
                    try await market.install(account: a, listingID: listing, userID: "nobody")
                }
            }
            for nobody in [other.users[.copilot]!.id.lowercased, f.users[.console]!.id.lowercased, "x", ""] {
                await #expect(throws: CockpitError.notFound("copilot user")) {
                    try await market.rate(account: a, listingID: id, userID: nobody, rating: 3)
                }
                await #expect(throws: CockpitError.notFound("copilot user")) {
                    try await market.install(account: a, listingID: id, userID: nobody)
                }
            }
            #expect(try await MarketplaceServiceTests.snapshot(db, a) == before, "refusals changed nothing")
        }
    }

    @Test(arguments: StoreKind.available)
    func whoMayUseTheMarketplace(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let other = try await TenantFixture.make(cockpit, name: "Other")
            let a = f.account.id, user = f.users[.copilot]!.id.lowercased
            let id = try await cockpit.marketplace.post(
                account: a, MarketplacePost(entityType: "agent", entityID: "x", title: "T")
            ).item.listing.id.lowercased
            let before = try await MarketplaceServiceTests.snapshot(db, a)
            let console = Principal(
                method: .zitadel, name: "c@acme.test", accountID: a, roles: [.consoleOrgAdmin], domains: [.console])
            let stranger = Principal(
                method: .session, name: "o", accountID: other.account.id, roles: [.accountAdmin])
            let readOnly = Principal(method: .session, name: "r", accountID: a, roles: [.accountAdmin]).readingOnly()
            for (who, principal, readsToo) in [
                ("console admin", console, true), ("another account's admin", stranger, true),
                ("read-only", readOnly, false),
            ] {
                let m = cockpit.acting(as: principal).marketplace
                let changes: [(String, () async throws -> Void)] = [
                    (
                        "post",
                        {
                            _ = try await m.post(
                                account: a, MarketplacePost(entityType: "a", entityID: "y", title: "T"))
                        }
                    ),
                    ("update", { _ = try await m.update(account: a, id: id, MarketplaceChange()) }),
                    ("publish", { _ = try await m.publish(account: a, id: id, false) }),
                    ("delete", { _ = try await m.delete(account: a, id: id) }),
                    (
                        "grant",
                        {
                            _ = try await m.addGrant(
                                account: a, listingID: id, scopeType: "user", scopeID: user)
                        }
                    ),
                    (
                        "ungrant",
                        { _ = try await m.deleteGrants(account: a, listingID: id, scopeType: nil, scopeID: nil) }
                    ),
                    ("install", { _ = try await m.install(account: a, listingID: id, userID: user) }),
                    ("rate", { _ = try await m.rate(account: a, listingID: id, userID: user, rating: 5) }),
                ]
                for (name, change) in changes {
                    do {
                        try await change()
                        Issue.record("\(who) could \(name)")
                    } catch let error as CockpitError {
                        guard case .forbidden = error else {
                            Issue.record("\(who) \(name): \(error)")
                            continue
                        }
                    }
                }
                let reads: [(String, () async throws -> Void)] = [
                    ("list", { _ = try await m.list(account: a) }),
                    ("get", { _ = try await m.listing(account: a, id: id) }),
                    ("discover", { _ = try await m.discover(account: a) }),
                    ("grants", { _ = try await m.grants(account: a, listingID: id) }),
                ]
                for (name, read) in reads {
                    do {
                        try await read()
                        #expect(!readsToo, "\(who) could \(name)")
                    } catch let error as CockpitError {
                        #expect(readsToo, "\(who) \(name): \(error)")
                        if case .forbidden = error {} else { Issue.record("\(who) \(name): \(error)") }
                    }
                }
            }
            #expect(try await MarketplaceServiceTests.snapshot(db, a) == before, "refused changes changed nothing")
        }
    }
}
