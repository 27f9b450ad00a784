import CockpitCore
import Foundation

/// What the catalog views share: reopening where esc left them, the grant and revoke forms over the copilot tree, the
/// typed confirmation of a delete, asking the core about the node selected in the copilot tree, and the reload after
/// a change with the changed row selected.
enum CatalogActions {
    /// A form that names nothing to change (it always names the selection it was opened on).
    static let noSelection = CockpitError.invalid(field: "form", reason: "names nothing to change")

    /// The copilot tree's selection (whichever pane has the focus): where `+` grants and what `c` asks about.
    static func copilotNode(_ s: CockpitState) -> NodeID? { s.session.panes[.copilot]?.selected }

    /// Opens a catalog view where esc left it (selection, filter, question), reading the tree again.
    static func open(_ s: CockpitState, _ name: String, argument: String?) -> (CockpitState, [Effect]) {
        var s = s
        guard argument == nil else { s.message = ":\(name) takes no argument"; return (s, []) }
        var screen = s.session.leftScreens[name] ?? ScreenState(name: name)
        screen.typingFilter = false
        CatalogOverview.forgetTree(&s, name)
        s.mode = .screen(screen)
        return (s, [.load(screen, account: s.accountID)])
    }

    /// The view to come back to from a form or a question: as it is, the filter no longer being typed.
    static func back(_ screen: ScreenState) -> ScreenState {
        var back = screen
        back.typingFilter = false
        return back
    }

    /// A form of a catalog view that goes back to `back`.
    static func form(
        _ view: String, _ verb: String, id: UUID?, title: String, _ fields: [FormState.Field], _ back: ScreenState
    ) -> FormState {
        var form = FormState(kind: .screen(view, verb: verb, id: id), title: title, fields: fields)
        form.returnTo = back
        return form
    }

    /// The form that grants `id` to a scope, starting from the node selected in the copilot tree.
    static func grantForm(
        _ view: String, id: UUID, what: String, _ o: CatalogOverview, _ s: CockpitState, _ back: ScreenState,
        canManage: Bool = false
    ) -> FormState {
        var fields: [FormState.Field] = [
            .init(
                name: "scope", label: "to", value: o.reach.text(copilotNode(s)),
                hint: "account, org NAME, team NAME or user EMAIL")
        ]
        if canManage {
            fields.append(.init(name: "can_manage", label: "may manage it", value: "no", hint: "yes or no"))
        }
        return form(view, "grant", id: id, title: "grant \(what)", fields, back)
    }

    /// The form that removes one of `scopes` (the copilot tree's selection when it is one of them); nil without any.
    static func revokeForm(
        _ view: String, id: UUID, what: String, scopes: [CatalogScope], _ o: CatalogOverview, _ s: CockpitState,
        _ back: ScreenState
    ) -> FormState? {
        guard let first = scopes.first else { return nil }
        let selected = TreeReach.scope(of: copilotNode(s), account: s.accountID)
        let start = scopes.first { $0 == selected } ?? first
        return form(
            view, "revoke", id: id, title: "remove a grant of \(what)",
            [
                .init(
                    name: "scope", label: "from", value: o.reach.text(start),
                    hint: scopes.prefix(4).map(o.reach.label).joined(separator: ", ") + (scopes.count > 4 ? "…" : ""))
            ], back)
    }

    /// The scope a grant or revoke form names.
    static func scope(_ form: FormState, _ c: ScreenContext, _ o: CatalogOverview?) throws -> CatalogScope {
        try (o?.reach ?? TreeReach(c.state.session.data[.copilot] ?? TreeData())).scope(
            form.value("scope"), account: try c.requireAccount())
    }

    /// A yes-or-no field (`label` names it in a refusal).
    static func yes(_ form: FormState, _ field: String, _ label: String) throws -> Bool {
        switch form.value(field).lowercased() {
        case "yes", "y", "true": return true
        case "no", "n", "false", "": return false
        default: throw CockpitError.invalid(field: label, reason: "must be yes or no")
        }
    }

    /// The question before a delete: the object's name typed (when it is easy to type), else `delete`.
    static func delete(
        _ view: String, id: UUID, what: String, name: String, after: String, _ s: CockpitState, _ back: ScreenState
    ) -> ConfirmState {
        let typable =
            !name.isEmpty && name.count <= 40 && name == name.trimmingCharacters(in: .whitespaces)
            && name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
        return ConfirmState(
            title: "delete \(what)? \(after)", expected: typable ? name : "delete",
            effect: .perform(view, account: s.accountID, ScreenCommand("delete", id: id)), returnTo: .screen(back))
    }

    /// `c`: asks the core about the node selected in the copilot tree (`members` only: a user), or, asked already,
    /// shows everything again.
    static func ask(
        _ s: CockpitState, _ screen: ScreenState, membersOnly: Bool, what: String
    ) -> (CockpitState, [Effect]) {
        var s = s, next = back(screen)
        next.selected = 0
        if screen.argument != nil {
            next.argument = nil
        } else {
            guard let ask = CatalogAsk(node: copilotNode(s)), !membersOnly || ask.user != nil else {
                s.message =
                    "select \(membersOnly ? "a user" : "an organization, team or user") in the copilot tree "
                    + "first (esc, tab to it): c shows \(what)"
                return (s, [])
            }
            next.argument = ask.argument
        }
        s.mode = .screen(next)
        return (s, [.load(next, account: s.accountID)])
    }

    /// The view loaded again after a change, back on screen with `message` and the row `select` finds selected.
    static func reloaded(
        _ view: any Screen.Type, _ c: ScreenContext, _ back: ScreenState, _ message: String,
        select: (@Sendable (CockpitState, ScreenState) -> Int?)? = nil
    ) async throws -> ScreenUpdate {
        var update = try await view.load(c, back)
        update.state = { s in
            var screen = back
            if let index = select?(s, back) { screen.selected = index }
            s.mode = .screen(screen)
            s.message = message
        }
        return update
    }
}
