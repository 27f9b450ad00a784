import CockpitCore
import Foundation

/// `:agents`: the account's copilot agents with their guardrail presets, grants, who can use them and their
/// marketplace state; `/` filters; forms create and edit one (its definition a JSON object checked as it is typed);
/// `+` grants one to the node selected in the copilot tree (or a scope typed), `-` removes a grant, `p` lists it in
/// the marketplace or publishes / withdraws its listing, `c` shows what the user selected in the tree may use (the
/// core's answer), `d` deletes one (its name typed).
enum AgentsScreen: CopilotCatalogScreen {
    static let name = "agents"
    static let usage = "agents"
    static let summary =
        "copilot agents: guardrail presets, grants by scope, who can use each, marketplace state; create, edit, grant"
    static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("/")], action: .filter,
            description: "filter the agents by name, description or preset as you type; esc clears", hint: "filter"),
        KeyBinding(
            keys: [.char("n")], action: .new,
            description: "create an agent: name, description, definition (a JSON object, checked as you type), presets",
            hint: "new"),
        KeyBinding(keys: [.char("e")], action: .edit, description: "edit the selected agent", hint: "edit"),
        KeyBinding(
            keys: [.char("+")], action: .grant,
            description:
                "grant the selected agent to the node selected in the copilot tree (or a scope typed: account, org, team, user)",
            hint: "grant"),
        KeyBinding(
            keys: [.char("-")], action: .revoke, description: "remove one of the selected agent's grants",
            hint: "revoke"),
        KeyBinding(
            keys: [.char("p")], action: .publish,
            description: "list the selected agent in the marketplace, or publish / withdraw its listing (y to confirm)",
            hint: "publish"),
        KeyBinding(
            keys: [.char("c")], action: .check,
            description: "the agents the user selected in the copilot tree may use, as the core answers; again: all",
            hint: "check"),
        KeyBinding(
            keys: [.char("d")], action: .delete,
            description: "delete the selected agent with its grants (type its name)", hint: "delete"),
    ]

    static let loadingMessage = "the agents are loading"
    static let noSelectionMessage = "no agent selected (n creates one)"
    static func all(_ o: CatalogOverview) -> [AgentDetail] { o.agents }
    static func id(_ row: AgentDetail) -> UUID { row.agent.id }
    static func texts(_ d: AgentDetail, _ o: CatalogOverview) -> [String] {
        [d.agent.name, d.agent.description ?? ""] + o.presetLabels(d.presetIDs)
    }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        let back = CatalogActions.back(screen)
        guard let o = overview(s) else { s.message = loadingMessage; return (s, []) }
        switch action {
        case .new: s.mode = .form(AgentForms.agent(nil, o, back)); return (s, [])
        case .check: return CatalogActions.ask(s, screen, membersOnly: true, what: "the agents they may use")
        default: break
        }
        guard let d = selected(&s, screen) else { return (s, []) }
        let what = "agent \(d.agent.name)"
        switch action {
        case .edit: s.mode = .form(AgentForms.agent(d, o, back))
        case .grant: s.mode = .form(CatalogActions.grantForm(name, id: d.agent.id, what: what, o, s, back))
        case .revoke:
            guard
                let form = CatalogActions.revokeForm(
                    name, id: d.agent.id, what: what, scopes: d.grants ?? [], o, s, back)
            else { s.message = "\(what) has no grants"; break }
            s.mode = .form(form)
        case .publish:
            s.mode = MarketplaceForms.publish(
                o.listing("agent", d.agent.id), entity: ("agent", d.agent.id), title: d.agent.name,
                description: d.agent.description, view: name, s, back)
        case .delete:
            s.mode = .confirm(
                CatalogActions.delete(
                    name, id: d.agent.id, what: what, name: d.agent.name,
                    after: "Its grants go with it; its listing and guardrail assignments stay.", s, back))
        default: break
        }
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        AgentsView.draw(&b, s, screen, overview(s), rows(s, screen))
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let account = try c.requireAccount()
        let o = try await CatalogOverview.load(c, name, screen, [.agents, .listings]) { ask, _ in
            guard let user = ask.user else { return [:] }
            return try await c.backend.usableAgents(account: account, user: user)
        }
        return .data(name, o)
    }
}
