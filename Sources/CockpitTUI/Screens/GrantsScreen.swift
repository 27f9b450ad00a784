import CockpitCore
import Foundation

/// `:grants`: the model grants of the focused tree, each with its scope (account, organization, team, user); n allows
/// or denies a model at the selected node, d removes a grant, c asks whether the selected node may use a model and
/// which grant (or the account's policy) decides.
enum GrantsScreen: Screen {
    static let name = "grants"
    static let usage = "grants"
    static let summary =
        "model grants of the focused tree: allow or deny at the selected node, remove, check the effective answer"
    static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("n")], action: .new,
            description: "allow or deny a model at the node selected in the tree (the account when none)",
            hint: "new"),
        KeyBinding(
            keys: [.char("d")], action: .delete, description: "remove the selected grant (y to confirm)", hint: "remove"
        ),
        KeyBinding(
            keys: [.char("c")], action: .check,
            description: "may the selected node use a model? the answer and what decides it", hint: "check"),
    ]

    static func grants(_ s: CockpitState) -> [ModelGrant]? { s.session.screenData[name]?.get([ModelGrant].self) }
    static func rowCount(_ s: CockpitState) -> Int? { grants(s)?.count ?? 0 }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        let at = TreeSelection(s)
        switch action {
        case .new:
            s.mode = .form(
                form(
                    "new", title: "allow or deny a \(at.domain.rawValue) model for \(at.name)",
                    fields: [
                        .init(name: "model_name", label: "model", hint: "as clients ask for it; * for every model"),
                        .init(name: "effect", label: "allow or deny", value: "allow"),
                    ]))
        case .check:
            s.mode = .form(
                form(
                    "check", title: "may \(at.name) use a model?", fields: [.init(name: "model_name", label: "model")],
                    changes: false))
        case .delete:
            guard let grants = grants(s), screen.selected < grants.count else { break }
            let g = grants[screen.selected]
            s.mode = .confirm(
                ConfirmState(
                    title: "remove the grant (\(g.effect.rawValue) \(g.modelName) for \(at.label(g.scope)))?",
                    expected: "y",
                    effect: .perform(name, account: s.accountID, ScreenCommand("delete", id: g.id)), returnTo: s.mode))
        default: break
        }
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let at = TreeSelection(s)
        let rows = grants(s)?.map { g in
            ListTable.Row(
                cells: [at.label(g.scope) + " ", g.modelName + " ", g.effect.rawValue],
                role: g.effect == .deny ? .statusWarn : .dialog)
        }
        ScopedRules.draw(
            &b, s, screen, title: "\(at.domain.rawValue) model grants of \(s.account?.name ?? "")", rows: rows,
            rule: "model",
            value: "effect", empty: "no grants: with none anywhere, every model is denied")
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let grants = try await c.backend.grants(account: try c.requireAccount(), domain: c.state.session.focus)
        return .data(name, grants.sorted { ($0.scope.order, $0.modelName) < ($1.scope.order, $1.modelName) })
    }

    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let account = try c.requireAccount(), at = TreeSelection(c.state), model = form.value("model_name")
        if verb == "check" {
            let answer = try await c.backend.effectiveModel(
                account: account, domain: at.domain, model: model, at: at.point)
            return ScopedRules.answered(name, model, at: at, answer, yes: "allowed", no: "denied")
        }
        guard let effect = GrantEffect(rawValue: form.value("effect").lowercased()) else {
            throw CockpitError.invalid(field: "effect", reason: "must be allow or deny")
        }
        let grant = try await c.backend.setGrant(
            account: account, domain: at.domain, model: model, scope: at.scope, effect: effect)
        var update = try await load(c, ScreenState(name: name))
        update.state = {
            $0.mode = .screen(ScreenState(name: name));
            $0.message = "\(grant.effect.rawValue) \(grant.modelName) for \(at.name)"
        }
        return update
    }

    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        guard command.verb == "delete", let id = command.id else {
            throw CockpitError.invalid(field: "action", reason: "grants cannot \(command.verb)")
        }
        try await c.backend.deleteGrant(account: try c.requireAccount(), domain: c.state.session.focus, id: id)
        var update = try await load(c, ScreenState(name: name))
        update.state = { $0.message = "grant removed" }
        return update
    }
}
