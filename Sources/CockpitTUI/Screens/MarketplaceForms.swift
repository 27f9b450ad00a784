import CockpitCore
import Foundation

/// The marketplace's forms and questions, shared by `:marketplace` and the views of what is listed (`p` in `:agents`
/// and `:connections`): listing an entity, changing a listing, publishing or withdrawing one.
enum MarketplaceForms {
    /// `p` on an agent or connection: the form that lists it, or, listed already, the question that publishes or
    /// withdraws its listing.
    static func publish(
        _ item: MarketplaceItem?, entity: (type: String, id: UUID), title: String, description: String?,
        view: String, _ s: CockpitState, _ back: ScreenState
    ) -> Mode {
        guard let listing = item?.listing else {
            return .form(
                CatalogActions.form(
                    view, "list", id: entity.id, title: "list \(entity.type) \(title) in the marketplace",
                    [
                        .init(name: "title", label: "title", value: title),
                        .init(name: "description", label: "description", value: description ?? ""),
                        .init(name: "is_published", label: "publish now", value: "yes", hint: "yes or no"),
                    ], back))
        }
        return .confirm(toggle(listing, view: view, s, back))
    }

    /// The question that publishes a withdrawn listing or withdraws a published one.
    static func toggle(_ l: MarketplaceListing, view: String, _ s: CockpitState, _ back: ScreenState) -> ConfirmState {
        ConfirmState(
            title: l.isPublished
                ? "withdraw “\(l.title)” from the marketplace? Copilot users no longer discover it."
                : "publish “\(l.title)” to the marketplace? Copilot users its grants reach discover it.",
            expected: "y",
            effect: .perform(
                view, account: s.accountID, ScreenCommand(l.isPublished ? "withdraw" : "publish", id: l.id)),
            returnTo: .screen(back))
    }

    /// Sends the form that lists an entity; the message to show.
    static func list(_ c: ScreenContext, _ form: FormState, type: String, id: UUID) async throws -> String {
        var post = MarketplacePost(
            entityType: type, entityID: id.lowercased, title: form.value("title"),
            description: form.value("description").isEmpty ? nil : form.value("description"))
        post.isPublished = try CatalogActions.yes(form, "is_published", "publish now")
        let item = try await c.backend.postListing(account: try c.requireAccount(), post)
        return "listed “\(item.listing.title)”" + (item.listing.isPublished ? ", published" : ", not published yet")
    }

    /// Runs a confirmed publish or withdraw; the message to show, or nil when `command` is neither.
    static func publishing(_ c: ScreenContext, _ command: ScreenCommand) async throws -> String? {
        guard ["publish", "withdraw"].contains(command.verb), let id = command.id else { return nil }
        let listing = try await c.backend.publishListing(
            account: try c.requireAccount(), id: id, command.verb == "publish")
        return "“\(listing.title)” is \(listing.isPublished ? "published" : "withdrawn")"
    }

    /// The form of a new listing (what it lists typed as `agent NAME` or `connection NAME`), or of a change to one.
    static func listing(_ item: MarketplaceItem?, _ o: CatalogOverview, _ back: ScreenState) -> FormState {
        let l = item?.listing
        var fields: [FormState.Field] = []
        if l == nil {
            fields.append(
                .init(
                    name: "entity", label: "lists",
                    value: o.agents.first.map { "agent \($0.agent.name)" } ?? o.connections.first.map {
                        "connection \($0.name)"
                    } ?? "", hint: "agent NAME or connection NAME"))
        }
        fields += [
            .init(
                name: "title", label: "title", value: l?.title ?? "",
                hint: l == nil ? "empty: the name of what it lists" : ""),
            .init(name: "description", label: "description", value: l?.description ?? ""),
            .init(name: "pricing_model", label: "pricing", value: l?.pricingModel ?? "free"),
            .init(name: "version", label: "version", value: l?.version ?? "1.0.0"),
            .init(name: "author", label: "author", value: l?.author ?? "", hint: "optional"),
            .init(
                name: "is_featured", label: "featured", value: l?.isFeatured == true ? "yes" : "no", hint: "yes or no"),
            .init(
                name: "is_verified", label: "verified", value: l?.isVerified == true ? "yes" : "no", hint: "yes or no"),
        ]
        if l == nil {
            fields.append(.init(name: "is_published", label: "publish now", value: "yes", hint: "yes or no"))
        }
        return CatalogActions.form(
            MarketplaceScreen.name, l == nil ? "new" : "edit", id: l?.id,
            title: l.map { "edit the listing “\($0.title)”" } ?? "list an agent or a connection", fields, back)
    }

    /// What a new listing's `lists` field names: an agent or a connection by name (or id), with its name.
    static func entity(_ text: String, _ o: CatalogOverview?) throws -> (type: String, id: String, name: String) {
        let words = text.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2, ["agent", "connection"].contains(words[0].lowercased()) else {
            throw CockpitError.invalid(field: "lists", reason: "must be agent NAME or connection NAME")
        }
        let type = words[0].lowercased(), name = words[1].trimmingCharacters(in: .whitespaces)
        let named: [(id: UUID, name: String)] =
            type == "agent"
            ? (o?.agents ?? []).map { ($0.agent.id, $0.agent.name) } : (o?.connections ?? []).map { ($0.id, $0.name) }
        if let id = UUID(uuidString: name) {
            return (type, id.lowercased, named.first { $0.id == id }?.name ?? id.lowercased)
        }
        let ids = named.filter { $0.name.lowercased() == name.lowercased() }
        guard ids.count == 1 else {
            throw CockpitError.invalid(
                field: "lists",
                reason: ids.isEmpty
                    ? "names no \(type) of the account: \(name)" : "names \(ids.count) \(type)s: type its id")
        }
        return (type, ids[0].id.lowercased, ids[0].name)
    }
}
