import CockpitCore
import Foundation

/// What `:marketplace`'s forms and questions send to the backend; a refusal is the core's, in its words.
extension MarketplaceScreen {
    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let account = try c.requireAccount(), backend = c.backend, o = overview(c.state)
        let back = form.returnTo ?? ScreenState(name: name)
        let what =
            id.flatMap { id in o?.listings.first { $0.listing.id == id } }.map { "“\($0.listing.title)”" }
            ?? "the listing"
        let message: String
        var selectID = id
        switch verb {
        case "new":
            let (type, entity, entityName) = try MarketplaceForms.entity(form.value("entity"), o)
            var post = MarketplacePost(
                entityType: type, entityID: entity, title: text(form, "title") ?? entityName,
                description: text(form, "description"))
            (post.pricingModel, post.version, post.author) = terms(form)
            post.isFeatured = try CatalogActions.yes(form, "is_featured", "featured")
            post.isVerified = try CatalogActions.yes(form, "is_verified", "verified")
            post.isPublished = try CatalogActions.yes(form, "is_published", "publish now")
            let item = try await backend.postListing(account: account, post)
            (message, selectID) = ("listed “\(item.listing.title)”", item.listing.id)
        case "edit":
            guard let id else { throw CatalogActions.noSelection }
            var change = MarketplaceChange()
            (change.title, change.description) = (form.value("title"), text(form, "description"))
            (change.pricingModel, change.version, change.author) = terms(form)
            change.isFeatured = try CatalogActions.yes(form, "is_featured", "featured")
            change.isVerified = try CatalogActions.yes(form, "is_verified", "verified")
            message = "saved “\(try await backend.updateListing(account: account, id: id, change).listing.title)”"
        case "grant":
            guard let id else { throw CatalogActions.noSelection }
            let scope = try CatalogActions.scope(form, c, o)
            try await backend.grantListing(account: account, id: id, to: scope)
            message = "granted \(what) to \(AgentsScreen.label(scope, o))"
        case "revoke":
            guard let id else { throw CatalogActions.noSelection }
            let scope = try CatalogActions.scope(form, c, o)
            let removed = try await backend.revokeListing(account: account, id: id, from: scope)
            message =
                removed > 0
                ? "removed the grant of \(what) to \(AgentsScreen.label(scope, o))"
                : "\(what) had no grant to \(AgentsScreen.label(scope, o))"
        default: throw CockpitError.invalid(field: "form", reason: "the marketplace has no form \(verb)")
        }
        return try await reloaded(c, back, message, selecting: selectID)
    }

    /// A field's text, nil when empty.
    static func text(_ form: FormState, _ field: String) -> String? {
        form.value(field).isEmpty ? nil : form.value(field)
    }

    /// Pricing, version and author as typed (empty pricing and version: the core's defaults; no author: none).
    static func terms(_ form: FormState) -> (pricing: String, version: String, author: String?) {
        (text(form, "pricing_model") ?? "free", text(form, "version") ?? "1.0.0", text(form, "author"))
    }

    /// A confirmed delete, publish or withdraw; the core's refusal goes to the status line in its words.
    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        try await perform(c, command, noun: "listing", plural: "the marketplace") { id in
            try await c.backend.deleteListing(account: try c.requireAccount(), id: id)
        }
    }
}
