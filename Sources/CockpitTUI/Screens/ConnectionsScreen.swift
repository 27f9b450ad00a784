import CockpitCore
import Foundation

/// `:connections`: the account's copilot connections (OpenAPI services, MCP servers, Composio) with their type,
/// credential visibility, a summary of their config (its URLs), whether a secret is stored (never the secret), grants,
/// who can use them and their marketplace state; `/` filters; forms create and edit one (config a JSON object checked
/// as it is typed, the secret typed hidden); `t` tests one (reachable, refused or timed out, with the latency); `+` /
/// `-` grant or remove a grant, `p` lists or publishes it, `c` shows
/// what the user selected in the tree may use, `d` deletes one (its name typed).
enum ConnectionsScreen: CopilotCatalogScreen {
    static let name = "connections"
    static let usage = "connections"
    static let summary =
        "copilot connections (OpenAPI, MCP, Composio): config URLs, secret set or not (never shown), grants, who can use"
    static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("/")], action: .filter,
            description: "filter the connections by name, type, description or URL as you type; esc clears",
            hint: "filter"),
        KeyBinding(
            keys: [.char("n")], action: .new,
            description: "create a connection: type, name, visibility, config (a JSON object), a secret typed hidden",
            hint: "new"),
        KeyBinding(
            keys: [.char("e")], action: .edit,
            description: "edit the selected connection (an empty secret keeps the stored one; it is never shown)",
            hint: "edit"),
        KeyBinding(
            keys: [.char("t")], action: .test,
            description:
                "test the selected connection with one bounded request (OpenAPI spec, MCP initialize, Composio identity): reachable, refused or timed out, with the latency",
            hint: "test"),
        KeyBinding(
            keys: [.char("+")], action: .grant,
            description:
                "grant the selected connection to the node selected in the copilot tree (or a scope typed), may it manage it",
            hint: "grant"),
        KeyBinding(
            keys: [.char("-")], action: .revoke, description: "remove one of the selected connection's grants",
            hint: "revoke"),
        KeyBinding(
            keys: [.char("p")], action: .publish,
            description: "list the selected connection in the marketplace, or publish / withdraw its listing",
            hint: "publish"),
        KeyBinding(
            keys: [.char("c")], action: .check,
            description:
                "the connections the user selected in the copilot tree may use, as the core answers; again: all",
            hint: "check"),
        KeyBinding(
            keys: [.char("d")], action: .delete,
            description: "delete the selected connection with its grants (type its name)", hint: "delete"),
    ]

    static let loadingMessage = "the connections are loading"
    static let noSelectionMessage = "no connection selected (n creates one)"
    static func all(_ o: CatalogOverview) -> [CatalogConnection] { o.connections }
    static func id(_ row: CatalogConnection) -> UUID { row.id }
    static func texts(_ c: CatalogConnection, _ o: CatalogOverview) -> [String] {
        [c.name, c.type.rawValue, c.description ?? ""] + c.urls.map(\.url)
    }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        let back = CatalogActions.back(screen)
        guard let o = overview(s) else { s.message = loadingMessage; return (s, []) }
        switch action {
        case .new: s.mode = .form(ConnectionForms.connection(nil, back)); return (s, [])
        case .check: return CatalogActions.ask(s, screen, membersOnly: true, what: "the connections they may use")
        default: break
        }
        guard let c = selected(&s, screen) else { return (s, []) }
        let what = "connection \(c.name)"
        switch action {
        case .edit: s.mode = .form(ConnectionForms.connection(c, back))
        case .test:
            s.message = "testing \(what)…"
            return (s, [.perform(name, account: s.accountID, ScreenCommand("test", id: c.id))])
        case .grant:
            s.mode = .form(CatalogActions.grantForm(name, id: c.id, what: what, o, s, back, canManage: true))
        case .revoke:
            let scopes = (o.connectionGrants[c.id] ?? []).map(\.scope)
            guard let form = CatalogActions.revokeForm(name, id: c.id, what: what, scopes: scopes, o, s, back) else {
                s.message = "\(what) has no grants"; break
            }
            s.mode = .form(form)
        case .publish:
            s.mode = MarketplaceForms.publish(
                o.listing("connection", c.id), entity: ("connection", c.id), title: c.name,
                description: c.description, view: name, s, back)
        case .delete:
            s.mode = .confirm(
                CatalogActions.delete(
                    name, id: c.id, what: what, name: c.name,
                    after: "Its grants go with it; agents using it lose it at once.", s, back))
        default: break
        }
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        ConnectionsView.draw(&b, s, screen, overview(s), rows(s, screen))
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let account = try c.requireAccount()
        let o = try await CatalogOverview.load(c, name, screen, [.connections, .connectionGrants, .listings]) {
            ask, _ in
            guard let user = ask.user else { return [:] }
            return try await c.backend.usableConnections(account: account, user: user)
        }
        return .data(name, o)
    }
}
