import CockpitCore
import Foundation

/// `:marketplace`: the account's copilot marketplace: listings of agents and connections with their state, installs,
/// rating and grants (with who they reach); `/` filters; `n` lists an agent or a connection, `e` edits a listing,
/// `p` publishes or withdraws it, `+` / `-` grant it to a scope of the copilot tree or remove a grant, `c` shows what
/// the node selected in the tree discovers (the core's answer), `d` deletes a listing.
enum MarketplaceScreen: CopilotCatalogScreen {
    static let name = "marketplace"
    static let usage = "marketplace"
    static let summary =
        "the copilot marketplace: listings of agents and connections, published or not, their grants; list, publish"
    static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("/")], action: .filter,
            description: "filter the listings by title, what they list or description as you type; esc clears",
            hint: "filter"),
        KeyBinding(
            keys: [.char("n")], action: .new, description: "list an agent or a connection (a form)", hint: "new"),
        KeyBinding(
            keys: [.char("e")], action: .edit,
            description: "edit the selected listing: title, description, pricing, version, author, featured, verified",
            hint: "edit"),
        KeyBinding(
            keys: [.char("p")], action: .publish,
            description: "publish the selected listing, or withdraw it (y to confirm)", hint: "publish"),
        KeyBinding(
            keys: [.char("+")], action: .grant,
            description:
                "grant the selected listing to the organization, team or user selected in the copilot tree (or one typed)",
            hint: "grant"),
        KeyBinding(
            keys: [.char("-")], action: .revoke, description: "remove one of the selected listing's grants",
            hint: "revoke"),
        KeyBinding(
            keys: [.char("c")], action: .check,
            description:
                "what the node selected in the copilot tree discovers (a user with their team and organization); again: all",
            hint: "check"),
        KeyBinding(
            keys: [.char("d")], action: .delete, description: "delete the selected listing (type its title)",
            hint: "delete"),
    ]

    static let loadingMessage = "the marketplace is loading"
    static let noSelectionMessage = "no listing selected (n lists one)"
    static func all(_ o: CatalogOverview) -> [MarketplaceItem] { o.listings }
    static func id(_ row: MarketplaceItem) -> UUID { row.listing.id }
    static func texts(_ item: MarketplaceItem, _ o: CatalogOverview) -> [String] {
        [item.listing.title, o.entity(item.listing), item.listing.description ?? ""]
    }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        let back = CatalogActions.back(screen)
        guard let o = overview(s) else { s.message = loadingMessage; return (s, []) }
        switch action {
        case .new: s.mode = .form(MarketplaceForms.listing(nil, o, back)); return (s, [])
        case .check: return CatalogActions.ask(s, screen, membersOnly: false, what: "what it discovers")
        default: break
        }
        guard let item = selected(&s, screen) else { return (s, []) }
        let l = item.listing, what = "“\(l.title)”"
        switch action {
        case .edit: s.mode = .form(MarketplaceForms.listing(item, o, back))
        case .publish: s.mode = .confirm(MarketplaceForms.toggle(l, view: name, s, back))
        case .grant: s.mode = .form(CatalogActions.grantForm(name, id: l.id, what: what, o, s, back))
        case .revoke:
            guard
                let form = CatalogActions.revokeForm(name, id: l.id, what: what, scopes: item.grants ?? [], o, s, back)
            else { s.message = "\(what) has no grants: every copilot user discovers it"; break }
            s.mode = .form(form)
        case .delete:
            s.mode = .confirm(
                CatalogActions.delete(
                    name, id: l.id, what: "the listing \(what)", name: l.title,
                    after: "What it lists stays; its grants, installs and ratings go.", s, back))
        default: break
        }
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        MarketplaceView.draw(&b, s, screen, overview(s), rows(s, screen))
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let account = try c.requireAccount()
        let o = try await CatalogOverview.load(c, name, screen, [.listings, .agents, .connections]) { ask, o in
            let (org, team, user) = ask.discoverScopes(o.tree)
            let found = try await c.backend.discover(account: account, org: org, team: team, user: user)
            return Dictionary(
                found.map { ($0.listing.id, $0.matchedScope.map { [$0] } ?? []) }, uniquingKeysWith: { a, _ in a })
        }
        return .data(name, o)
    }
}
