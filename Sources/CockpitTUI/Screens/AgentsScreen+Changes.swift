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
        return try await reloaded(c, back, message, selecting: selectID)
    }

    /// A confirmed delete, publish or withdraw; the core's refusal goes to the status line in its words.
    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        try await perform(c, command, noun: "agent", plural: "agents") { id in
            try await c.backend.deleteAgent(account: try c.requireAccount(), id: id)
        }
    }

    /// A scope by name, as the tree has it.
    static func label(_ scope: CatalogScope, _ o: CatalogOverview?) -> String { o?.reach.label(scope) ?? scope.key }
}
