@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// The marketplace's listing rules in the core (V1_CONTRACT.md "Marketplace"): the re-post that updates, a change,
/// publish, delete, grants, and what cockpit adds: one transaction per change (a refused grant list writes nothing),
/// the limits on text and numbers.
@Suite struct MarketplaceServiceTests {
    /// Everything the account's marketplace holds, as text: a change that is refused must leave it as it was.
    static func snapshot(_ db: Database, _ account: UUID) async throws -> String {
        try await db.read(.account(account)) { tx in
            let repo = MarketplaceRepository(tx)
            let ids = try repo.candidates(account: account, publishedOnly: false, entityType: nil).map(\.id)
            let listings = try repo.listings(ids, account: account)
            let grants = try ids.map { try MarketplaceGrantRepository(tx).grants(listing: $0) }
            let activity = try MarketplaceActivityRepository(tx).snapshot()
            let audit = try AuditRepository(tx).list(account: account, domain: .copilot).items.count
            return "\(listings) \(grants) \(activity) \(audit)"
        }
    }

    static func audit(_ db: Database, _ account: UUID) async throws -> [AuditEntry] {
        try await db.read(.account(account)) {
            try AuditRepository($0).list(account: account, domain: .copilot, page: PageRequest(limit: 500)).items
        }
    }

    @Test(arguments: StoreKind.available)
    func aRepostUpdatesTheListingWithTheBodysValuesDefaultsIncluded(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), market = cockpit.marketplace
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id
            let (org, team) = (f.orgs[.copilot]!.id.lowercased, f.teams[.copilot]!.id.lowercased)
            var post = MarketplacePost(entityType: "agent", entityID: "agent-1", title: "Helper", description: "d")
            (post.isFeatured, post.isVerified, post.pricingModel, post.version) = (true, true, "paid", "2.0.0")
            (post.author, post.installationCount, post.ratingAvg, post.ratingCount) = ("Ann", 7, 4.5, 2)
            post.grants = [
                MarketplaceGrantInput(scopeType: " org ", scopeID: org.uppercased()),
                MarketplaceGrantInput(scopeType: "team", scopeID: team),
                MarketplaceGrantInput(scopeType: "org", scopeID: org),
            ]
            let (first, created) = try await market.post(account: a, post)
            #expect(
                created && first.grants == [CatalogScope(type: .org, id: org), CatalogScope(type: .team, id: team)])
            let l = first.listing
            #expect(l.isPublished && l.isFeatured && l.isVerified && l.pricingModel == "paid" && l.version == "2.0.0")
            #expect(l.author == "Ann" && l.installationCount == 7 && l.ratingAvg == 4.5 && l.ratingCount == 2)
            // A re-post of the same entity: same id; the body's values, defaults included (flags and counters reset,
            // description null when omitted); the author kept when omitted; the grants replaced (omitted: cleared).
            let (again, createdAgain) = try await market.post(
                account: a, MarketplacePost(entityType: "agent", entityID: "agent-1", title: "Helper 2"))
            let b = again.listing
            #expect(!createdAgain && b.id == l.id && b.createdAt == l.createdAt && b.updatedAt > l.updatedAt)
            #expect(b.title == "Helper 2" && b.description == nil && b.isPublished && !b.isFeatured && !b.isVerified)
            #expect(b.pricingModel == "free" && b.version == "1.0.0" && b.author == "Ann")
            #expect(b.installationCount == 0 && b.ratingAvg == 0 && b.ratingCount == 0 && again.grants == [])
            #expect(try await market.listing(account: a, id: l.id.uuidString).grants == [])
            // The original's `or`: an empty pricing model or version keeps the stored one on a re-post (a new
            // listing stores it as sent).
            var blank = MarketplacePost(entityType: "agent", entityID: "agent-1", title: "Helper 3")
            (blank.pricingModel, blank.version, blank.author) = ("", "", "Bo")
            let kept = try await market.post(account: a, blank).item.listing
            #expect(kept.pricingModel == "free" && kept.version == "1.0.0" && kept.author == "Bo")
            var fresh = MarketplacePost(entityType: "agent", entityID: "agent-2", title: "Other")
            fresh.pricingModel = ""
            #expect(try await market.post(account: a, fresh).item.listing.pricingModel == "")
            // Entity type and id are compared as sent: another type, or a padded id, is another listing.
            let other = try await market.post(
                account: a, MarketplacePost(entityType: "connection", entityID: "agent-1", title: "Conn"))
            #expect(other.created && other.item.listing.id != l.id)
            #expect(
                try await market.post(
                    account: a, MarketplacePost(entityType: "agent", entityID: " agent-1", title: "Padded")
                ).created)
            // Audit: create, then update for each re-post, in the copilot domain.
            let rows = try await Self.audit(db, a).filter { $0.objectID == l.id.lowercased }
            #expect(rows.map(\.action) == ["marketplace.update", "marketplace.update", "marketplace.create"])
            #expect(rows.allSatisfy { $0.objectType == "marketplace_listing" })
            #expect(rows.last?.after?["grants"]?.arrayValue?.count == 2 && rows.last?.before == nil)
            #expect(rows[1].before?["title"] == "Helper" && rows[1].after?["title"] == "Helper 2")
        }
    }

    @Test(arguments: StoreKind.available)
    func aRefusedGrantListInARepostChangesNothing(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), market = cockpit.marketplace
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let other = try await TenantFixture.make(cockpit, name: "Other")
            let a = f.account.id, team = f.teams[.copilot]!.id.lowercased
            var post = MarketplacePost(entityType: "agent", entityID: "x", title: "Kept", description: "kept")
            post.grants = [MarketplaceGrantInput(scopeType: "team", scopeID: team)]
            post.installationCount = 3
            let listing = try await market.post(account: a, post).item.listing
            let before = try await Self.snapshot(db, a)
            // Each refusal comes after the row would have been written in the original (partial there); here
            // nothing is: the listing, its grants and the audit trail are as they were.
            let bad: [([MarketplaceGrantInput], CockpitError)] = [
                (
                    [.init(scopeType: "team", scopeID: team), .init(scopeType: "account", scopeID: a.lowercased)],
                    .badRequest("scope_type must be one of: org,team,user")
                ),
                (
                    [.init(scopeType: "team", scopeID: team), .init(scopeType: "user", scopeID: "  ")],
                    .badRequest("scope_id is required for marketplace grants")
                ),
                ([.init(scopeType: "org", scopeID: UUID().uuidString)], .notFound("copilot org")),
                ([.init(scopeType: "team", scopeID: other.teams[.copilot]!.id.lowercased)], .notFound("copilot team")),
                ([.init(scopeType: "user", scopeID: f.users[.console]!.id.lowercased)], .notFound("copilot user")),
                ([.init(scopeType: "", scopeID: team)], .badRequest("scope_type must be one of: org,team,user")),
            ]
            for (grants, error) in bad {
                var repost = MarketplacePost(entityType: "agent", entityID: "x", title: "Changed")
                repost.grants = grants
                await #expect(throws: error) { try await market.post(account: a, repost) }
                var change = MarketplaceChange()
                (change.title, change.grants) = ("Changed", grants)
                await #expect(throws: error) {
                    try await market.update(account: a, id: listing.id.lowercased, change)
                }
                var fresh = MarketplacePost(entityType: "agent", entityID: "new", title: "New")
                fresh.grants = grants
                await #expect(throws: error) { try await market.post(account: a, fresh) }
            }
            #expect(try await Self.snapshot(db, a) == before, "nothing was written")
            // The first refusal is the original's: blank fields before anything else.
            var blank = MarketplacePost(entityType: "agent", entityID: "  ", title: "T")
            blank.grants = [.init(scopeType: "nope", scopeID: "")]
            await #expect(throws: CockpitError.badRequest("entity_type, entity_id, and title are required")) {
                try await market.post(account: a, blank)
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func hostileTextAndNumbersAreRefusedNamingTheField(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), market = cockpit.marketplace
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id
            let listing = try await market.post(
                account: a, MarketplacePost(entityType: "agent", entityID: "x", title: "T")
            ).item.listing
            let before = try await Self.snapshot(db, a)
            let whole = "must be a whole number from 0 to 9007199254740991"
            let numbers: [(WritableKeyPath<MarketplacePost, Double>, Double, CockpitError)] = [
                (\.installationCount, -1, .invalid(field: "installation_count", reason: whole)),
                (\.installationCount, 1.5, .invalid(field: "installation_count", reason: whole)),
                (\.installationCount, 1e300, .invalid(field: "installation_count", reason: whole)),
                (\.installationCount, .nan, .invalid(field: "installation_count", reason: whole)),
                (\.installationCount, .infinity, .invalid(field: "installation_count", reason: whole)),
                (\.ratingCount, -0.5, .invalid(field: "rating_count", reason: whole)),
                (\.ratingCount, 9_007_199_254_740_992, .invalid(field: "rating_count", reason: whole)),
                (\.ratingAvg, .nan, .invalid(field: "rating_avg", reason: "must be a finite number from 0 to 5")),
                (\.ratingAvg, 5.000001, .invalid(field: "rating_avg", reason: "must be a finite number from 0 to 5")),
                (\.ratingAvg, -1e300, .invalid(field: "rating_avg", reason: "must be a finite number from 0 to 5")),
            ]
            for (field, value, error) in numbers {
                var post = MarketplacePost(entityType: "agent", entityID: "x", title: "T")
                post[keyPath: field] = value
                await #expect(throws: error) { try await market.post(account: a, post) }
            }
            var change = MarketplaceChange()
            change.ratingAvg = .infinity
            await #expect(
                throws: CockpitError.invalid(field: "rating_avg", reason: "must be a finite number from 0 to 5")
            ) {
                try await market.update(account: a, id: listing.id.lowercased, change)
            }
            change = MarketplaceChange()
            change.installationCount = -3
            await #expect(throws: CockpitError.invalid(field: "installation_count", reason: whole)) {
                try await market.update(account: a, id: listing.id.lowercased, change)
            }
            change = MarketplaceChange()
            change.title = "   "
            await #expect(throws: CockpitError.invalid(field: "title", reason: "must not be blank")) {
                try await market.update(account: a, id: listing.id.lowercased, change)
            }
            let texts: [(MarketplacePost, CockpitError)] = [
                (
                    MarketplacePost(entityType: String(repeating: "t", count: 101), entityID: "x", title: "T"),
                    .invalid(field: "entity_type", reason: "must be at most 100 characters")
                ),
                (
                    MarketplacePost(entityType: "agent", entityID: String(repeating: "i", count: 201), title: "T"),
                    .invalid(field: "entity_id", reason: "must be at most 200 characters")
                ),
                (
                    MarketplacePost(entityType: "agent", entityID: "x", title: String(repeating: "é", count: 301)),
                    .invalid(field: "title", reason: "must be at most 300 characters")
                ),
                (
                    MarketplacePost(entityType: "agent", entityID: "x", title: "T\u{0}"),
                    .invalid(field: "title", reason: "must not contain control characters")
                ),
                (
                    MarketplacePost(
                        entityType: "agent", entityID: "x", title: "T", description: String(repeating: "d", count: 4001)
                    ),
                    .invalid(field: "description", reason: "must be at most 4000 characters")
                ),
                (
                    MarketplacePost(entityType: "agent", entityID: "x", title: "T", description: "a\u{7}b"),
                    .invalid(field: "description", reason: "must not contain control characters")
                ),
            ]
            for (post, error) in texts {
                await #expect(throws: error) { try await market.post(account: a, post) }
            }
            var author = MarketplacePost(entityType: "agent", entityID: "x", title: "T")
            author.author = String(repeating: "a", count: 201)
            await #expect(throws: CockpitError.invalid(field: "author", reason: "must be at most 200 characters")) {
                try await market.post(account: a, author)
            }
            #expect(try await Self.snapshot(db, a) == before, "bad input changed nothing")
            // The limits themselves are taken; a description keeps its line breaks and tabs; -0 is stored as 0.
            var edge = MarketplacePost(
                entityType: String(repeating: "t", count: 100), entityID: String(repeating: "i", count: 200),
                title: String(repeating: "é", count: 300), description: "line 1\nline 2\r\n\tindented")
            (edge.installationCount, edge.ratingAvg, edge.ratingCount) = (9_007_199_254_740_991, -0.0, 5)
            let stored = try await market.post(account: a, edge).item.listing
            let read = try await market.listing(account: a, id: stored.id.lowercased).listing
            #expect(read == stored && read.installationCount == 9_007_199_254_740_991 && read.ratingAvg.sign == .plus)
            #expect(read.description == "line 1\nline 2\r\n\tindented" && read.title.count == 300)
        }
    }
}
