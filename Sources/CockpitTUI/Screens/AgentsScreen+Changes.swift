import CockpitCore
import Foundation

/// What `:agents`'s forms and questions send to the backend; a refusal is the core's, in its words (in the form, or
/// in the status line for a question).
extension AgentsScreen {
    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let account = try c.requireAccount(), backend = c.backend, o = overview(c.state)
        let back = form.returnTo ?? ScreenState(name: name)
        let what =
            id.flatMap { id in o?.agents.first { $0.agent.id == id } }.map { "agent \($0.agent.name)" } ?? "the agent"
        let message: String
        var selectID = id
        switch verb {
        case "new":
            let created = try await backend.createAgent(account: account, try AgentForms.input(form, o))
            (message, selectID) = ("created agent \(created.agent.name)", created.agent.id)
        case "edit":
            guard let id else { throw CatalogActions.noSelection }
            let changed = try await backend.updateAgent(account: account, id: id, try AgentForms.change(form, o))
            message = "saved agent \(changed.agent.name)"
        case "grant":
            guard let id else { throw CatalogActions.noSelection }
            let scope = try CatalogActions.scope(form, c, o)
            try await backend.grantAgent(account: account, id: id, to: scope)
            message = "granted \(what) to \(label(scope, o))"
        case "revoke":
            guard let id else { throw CatalogActions.noSelection }
            let scope = try CatalogActions.scope(form, c, o)
            let removed = try await backend.revokeAgent(account: account, id: id, from: scope)
            message =
                removed
                ? "removed the grant of \(what) to \(label(scope, o))" : "\(what) had no grant to \(label(scope, o))"
        case "list":
            guard let id else { throw CatalogActions.noSelection }
            message = try await MarketplaceForms.list(c, form, type: "agent", id: id)
        default: throw CockpitError.invalid(field: "form", reason: "agents has no form \(verb)")
        }
        let selected = selectID
        return try await CatalogActions.reloaded(self, c, back, message) { s, screen in
            rows(s, screen)?.firstIndex { $0.agent.id == selected }
        }
    }

    /// A confirmed delete, publish or withdraw; the core's refusal goes to the status line in its words.
    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        var back = ScreenState(name: name)
        if case .screen(let screen) = c.state.mode, screen.name == name { back = CatalogActions.back(screen) }
        do {
            if let message = try await MarketplaceForms.publishing(c, command) {
                return try await CatalogActions.reloaded(self, c, back, message)
            }
            guard command.verb == "delete", let id = command.id else {
                throw CockpitError.invalid(field: "action", reason: "agents cannot \(command.verb)")
            }
            let gone = try await c.backend.deleteAgent(account: try c.requireAccount(), id: id)
            back.selected = max(0, back.selected - 1)
            return try await CatalogActions.reloaded(
                self, c, back, gone ? "agent deleted" : "the agent was gone already")
        } catch let error as CockpitError {
            return ScreenUpdate(state: { $0.message = "\(command.verb) refused: \(error.message)" })
        }
    }

    /// A scope by name, as the tree has it.
    static func label(_ scope: CatalogScope, _ o: CatalogOverview?) -> String { o?.reach.label(scope) ?? scope.key }
}
