import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// The copilot marketplace in the original's shapes (V1_CONTRACT.md "Marketplace"): listings, discover, publish,
/// grants; and cockpit's installs and ratings beside them. `…/discover` is a fixed path the router prefers to the
/// `{marketplace_id}` capture (so `GET …/discover` never reads as a listing id). The marketplace service checks who
/// may do what; the routes read the wire and answer it.
enum MarketplaceRoutes {
    static let base = "/v1/copilot/marketplace"

    static func register(_ table: RouteTable) {
        table.add(.get, base) { request, _, c in
            let account = try c.callerAccount()
            let page = try await c.marketplace.list(
                account: account, publishedOnly: try flag(request, "published_only", false),
                title: request.query("title"), entityType: request.query("entity_type"),
                includeGrants: try flag(request, "include_grants", false),
                limit: try CreditRoutes.count(request, "limit", 100),
                offset: try CreditRoutes.count(request, "offset", 0))
            return WireJSON.response(
                MarketplaceListAnswer(items: page.items.map(MarketplaceListingView.init), total: page.total))
        }
        table.add(.post, base) { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(MarketplaceCreate.self, from: request, context)
            let (item, _) = try await c.marketplace.post(account: account, body.post)
            return WireJSON.item(MarketplaceListingView(item))
        }
        table.add(.get, "\(base)/discover") { request, _, c in
            let account = try c.callerAccount()
            let page = try await c.marketplace.discover(
                account: account, orgID: request.query("org_id"), teamID: request.query("team_id"),
                userID: request.query("user_id"), title: request.query("title"),
                entityType: request.query("entity_type"), limit: try CreditRoutes.count(request, "limit", 100),
                offset: try CreditRoutes.count(request, "offset", 0))
            return WireJSON.response(
                MarketplaceListAnswer(items: page.items.map(MarketplaceListingView.init), total: page.total))
        }
        registerListing(table)
        registerGrants(table)
        registerActivity(table)
    }

    /// One listing: read, change, publish, delete.
    static func registerListing(_ table: RouteTable) {
        table.add(.get, "\(base)/{marketplace_id}") { _, context, c in
            let item = try await c.marketplace.listing(account: try c.callerAccount(), id: id(context))
            return WireJSON.item(MarketplaceListingView(item))
        }
        table.add(.patch, "\(base)/{marketplace_id}") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(MarketplaceUpdate.self, from: request, context)
            let item = try await c.marketplace.update(account: account, id: id(context), body.change)
            return WireJSON.item(MarketplaceListingView(item))
        }
        table.add(.post, "\(base)/{marketplace_id}/publish") { request, context, c in
            let account = try c.callerAccount()
            let publish = try flag(request, "publish", true)
            let listing = try await c.marketplace.publish(account: account, id: id(context), publish)
            return WireJSON.item(MarketplaceListingView(listing))
        }
        table.add(.delete, "\(base)/{marketplace_id}") { _, context, c in
            let deleted = try await c.marketplace.delete(account: try c.callerAccount(), id: id(context))
            return WireJSON.response(DeletedAnswer(deleted))
        }
    }

    /// A listing's grants: add one, list the rows, delete one or all.
    static func registerGrants(_ table: RouteTable) {
        table.add(.post, "\(base)/{marketplace_id}/grants") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(MarketplaceGrantCreate.self, from: request, context)
            let grant = try await c.marketplace.addGrant(
                account: account, listingID: id(context), scopeType: body.scopeType, scopeID: body.scopeID)
            return WireJSON.item(MarketplaceGrantView(grant))
        }
        table.add(.get, "\(base)/{marketplace_id}/grants") { _, context, c in
            let grants = try await c.marketplace.grants(account: try c.callerAccount(), listingID: id(context))
            return WireJSON.response(ItemList(grants.map(MarketplaceGrantView.init)))
        }
        table.add(.delete, "\(base)/{marketplace_id}/grants") { request, context, c in
            let deleted = try await c.marketplace.deleteGrants(
                account: try c.callerAccount(), listingID: id(context), scopeType: request.query("scope_type"),
                scopeID: request.query("scope_id"))
            return WireJSON.response(MarketplaceGrantsDeleted(deleted))
        }
    }

    /// Cockpit's additions: a copilot user installs or rates a listing.
    static func registerActivity(_ table: RouteTable) {
        table.add(.post, "\(base)/{marketplace_id}/install") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(MarketplaceInstall.self, from: request, context)
            let (listing, installed) = try await c.marketplace.install(
                account: account, listingID: id(context), userID: body.userID)
            return WireJSON.response(
                MarketplaceInstallAnswer(item: MarketplaceListingView(listing), installed: installed))
        }
        table.add(.post, "\(base)/{marketplace_id}/rate") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(MarketplaceRate.self, from: request, context)
            let listing = try await c.marketplace.rate(
                account: account, listingID: id(context), userID: body.userID, rating: body.rating)
            return WireJSON.item(MarketplaceListingView(listing))
        }
    }

    /// The listing id of the path, as sent (a text that is no id names no listing: the core's 404).
    static func id(_ context: CockpitRequestContext) -> String { context.parameters.get("marketplace_id") ?? "" }

    /// A boolean of the query as the original's framework reads one (`true`/`false`, `1`/`0`, `yes`/`no`,
    /// `on`/`off`, `t`/`f`, `y`/`n`, any case); absent or empty: `fallback`; anything else 422.
    static func flag(_ request: Request, _ name: String, _ fallback: Bool) throws -> Bool {
        guard let text = request.query(name) else { return fallback }
        switch text.lowercased() {
        case "true", "1", "yes", "on", "t", "y": return true
        case "false", "0", "no", "off", "f", "n": return false
        default: throw APIError(.unprocessableContent, "\(name) must be a boolean (true or false)")
        }
    }
}
