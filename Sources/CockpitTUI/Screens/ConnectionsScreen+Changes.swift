import CockpitCore
import Foundation

/// What `:connections`'s forms and questions send to the backend; a refusal is the core's, in its words, and never
/// repeats a secret.
extension ConnectionsScreen {
    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let account = try c.requireAccount(), backend = c.backend, o = overview(c.state)
        let back = form.returnTo ?? ScreenState(name: name)
        let what =
            id.flatMap { id in o?.connections.first { $0.id == id } }.map { "connection \($0.name)" }
            ?? "the connection"
        let message: String
        var selectID = id
        switch verb {
        case "new":
            let (type, input) = try ConnectionForms.input(form)
            let created = try await backend.createConnection(account: account, type: type, input)
            (message, selectID) = ("created connection \(created.name)", created.id)
        case "edit":
            guard let id else { throw CatalogActions.noSelection }
            message =
                "saved connection \(try await backend.updateConnection(account: account, id: id, try ConnectionForms.patch(form)).name)"
        case "grant":
            guard let id else { throw CatalogActions.noSelection }
            let scope = try CatalogActions.scope(form, c, o)
            let manage = try CatalogActions.yes(form, "can_manage", "may manage it")
            try await backend.grantConnection(account: account, id: id, to: scope, canManage: manage)
            message = "granted \(what) to \(AgentsScreen.label(scope, o))" + (manage ? ", which may manage it" : "")
        case "revoke":
            guard let id else { throw CatalogActions.noSelection }
            let scope = try CatalogActions.scope(form, c, o)
            let removed = try await backend.revokeConnection(account: account, id: id, from: scope)
            message =
                removed
                ? "removed the grant of \(what) to \(AgentsScreen.label(scope, o))"
                : "\(what) had no grant to \(AgentsScreen.label(scope, o))"
        case "list":
            guard let id else { throw CatalogActions.noSelection }
            message = try await MarketplaceForms.list(c, form, type: "connection", id: id)
        default: throw CockpitError.invalid(field: "form", reason: "connections has no form \(verb)")
        }
        return try await reloaded(c, back, message, selecting: selectID)
    }

    /// A confirmed delete, publish, withdraw or test; the core's refusal goes to the status line in its words.
    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        try await perform(
            c, command, noun: "connection", plural: "connections",
            other: { command in
                guard command.verb == "test", let id = command.id else { return nil }
                return try await test(c, id)
            }
        ) { id in
            try await c.backend.deleteConnection(account: try c.requireAccount(), id: id)
        }
    }

    /// Tests a connection and keeps the answer for its details (not stored anywhere else).
    static func test(_ c: ScreenContext, _ id: UUID) async throws -> ScreenUpdate {
        let health = try await c.backend.testConnection(account: try c.requireAccount(), id: id)
        let named =
            overview(c.state)?.connections.first { $0.id == id }.map { "connection \($0.name)" } ?? "the connection"
        let line = ConnectionsView.test(health).text
        return ScreenUpdate(
            session: { session in
                guard var o = session.screenData[name]?.get(CatalogOverview.self) else { return }
                o.probes[id] = health
                session.screenData[name] = ScreenData(o)
            }, state: { $0.message = "\(named): \(line)" })
    }
}
