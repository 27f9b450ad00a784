import CockpitAPI
import CockpitCore
import Foundation

/// `:credits`: the copilot credits of the account: its allocation (monthly credits, overflow limit, factor), the
/// active plan, and the copilot tree with each scope's allocation, override, usage and a bar of usage against the
/// allocation; forms allocate, split equally, override, set the account's allocation, create a plan and renew the
/// cycle (typed confirmation), then the renewals. `:credits usage 30d` is the ledger by day (`CreditUsageScreen`).
enum CreditsScreen: Screen {
    static let name = "credits"
    static let usage = "credits [history]"
    static let summary =
        "copilot credits: the account's allocation, the plan, each scope's allocation, override and usage; renewals"
    static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("e")], action: .edit,
            description: "allocate credits to the selected scope (credits and overflow cap)", hint: "allocate"),
        KeyBinding(
            keys: [.char("o")], action: .override,
            description: "override the selected scope's allocation, with a reason", hint: "override"),
        KeyBinding(
            keys: [.char("d")], action: .delete,
            description: "remove the selected scope's override that applies (y to confirm); the previous one applies",
            hint: "drop override"),
        KeyBinding(
            keys: [.char("D")], action: .distribute,
            description: "distribute credits equally over the selected organization's teams or team's members",
            hint: "split"),
        KeyBinding(
            keys: [.char("u")], action: .usage, description: "usage by day and cost breakdowns (as :credits usage 30d)",
            hint: "usage"),
        KeyBinding(
            keys: [.char("r")], action: .renew,
            description: "renew the cycle: a form, then type the plan's name (or renew) to confirm", hint: "renew"),
        KeyBinding(
            keys: [.char("H")], action: .history, description: "the renewals (cycle history); again: the tree",
            hint: "history"),
        KeyBinding(
            keys: [.char("n")], action: .new, description: "create the active plan (when there is none)",
            hint: "new plan"),
        KeyBinding(
            keys: [.char("A")], action: .allocateAccount,
            description: "set the account's monthly credits, overflow limit and credit factor", hint: "account",
            superAdminOnly: true),
    ]

    static func overview(_ s: CockpitState) -> CreditsOverview? {
        s.session.screenData[name]?.get(CreditsOverview.self)
    }
    static func history(_ screen: ScreenState) -> Bool { screen.argument == "history" }

    /// The renewals list offers what works there (usage, renew, back to the tree), not the tree's keys.
    static func hinted(_ screen: ScreenState) -> [KeyBinding] {
        guard history(screen) else { return bindings }
        return bindings.filter { [.usage, .renew, .history].contains($0.action) }
    }

    static func rowCount(_ s: CockpitState) -> Int? {
        guard case .screen(let screen) = s.mode, let o = overview(s) else { return 0 }
        return history(screen) ? o.cycles?.count ?? 0 : o.rows.count
    }

    static func open(_ s: CockpitState, argument: String?) -> (CockpitState, [Effect]) {
        var s = s
        let words = (argument ?? "").split(separator: " ", maxSplits: 1).map(String.init)
        switch words.first {
        case "usage"?: return CreditUsageScreen.open(s, argument: words.count > 1 ? words[1] : nil)
        case nil, "history"?:
            if var cached = overview(s) {
                cached.treeLoadedAt = .distantPast
                s.session.screenData[name] = ScreenData(cached)
            }
            let screen = ScreenState(name: name, argument: words.first)
            s.mode = .screen(screen)
            return (s, [.load(screen, account: s.accountID)])
        default:
            s.message = "credits takes usage [Nd] or history, like :credits usage 30d"
            return (s, [])
        }
    }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        switch action {
        case .usage: return CreditUsageScreen.open(s, argument: nil)
        case .history:
            let next = ScreenState(name: name, argument: history(screen) ? nil : "history")
            s.mode = .screen(next)
            return (s, [.load(next, account: s.accountID)])
        default: break
        }
        guard let o = overview(s) else { s.message = "the credits are loading"; return (s, []) }
        let rows = o.rows
        let row = !history(screen) && screen.selected < rows.count ? rows[screen.selected] : nil
        var returnTo = screen
        returnTo.typingFilter = false
        switch action {
        case .allocateAccount: s.mode = .form(CreditForms.account(o, returnTo))
        case .new:
            if let plan = o.plan {
                s.message = "plan \(plan.name) is active: renew it (r) to start the next cycle"
            } else {
                s.mode = .form(CreditForms.plan(returnTo))
            }
        case .renew:
            guard let plan = o.plan else { s.message = "no active plan to renew: n creates one"; break }
            s.mode = .form(CreditForms.renew(plan, now: s.now, returnTo))
        case .edit, .distribute, .override, .delete:
            guard o.plan != nil else { s.message = "no active plan: n creates one"; break }
            guard let row else { s.message = "select a scope in the tree first (H goes back to it)"; break }
            return scoped(s, action, row, o, returnTo)
        default: break
        }
        return (s, [])
    }

    /// The forms and the question about the selected scope.
    static func scoped(
        _ s: CockpitState, _ action: Action, _ row: CreditsOverview.Row, _ o: CreditsOverview, _ returnTo: ScreenState
    ) -> (CockpitState, [Effect]) {
        var s = s
        let label = CreditForms.label(row)
        switch action {
        case .edit: s.mode = .form(CreditForms.allocate(row, o.item(row.scope), returnTo))
        case .override: s.mode = .form(CreditForms.override(row, o.item(row.scope), returnTo))
        case .distribute:
            guard let children = row.children, !children.ids.isEmpty else {
                s.message = "select an organization with teams or a team with members to split credits over"
                break
            }
            s.mode = .form(CreditForms.distribute(row, children, returnTo))
        case .delete:
            guard let applied = o.override(row.scope) else { s.message = "\(label) has no override"; break }
            let previous = o.overrides.filter { $0.scope == row.scope }.dropLast().last
            let after =
                previous.map { "the previous override (\(CreditText.of($0.overrideCredits))) applies again" }
                ?? o.item(row.scope).map { "its allocation (\(CreditText.of($0.baseAllocated))) applies again" }
                ?? "it has no allocation"
            s.mode = .confirm(
                ConfirmState(
                    title: "remove the override of \(label) (\(CreditText.of(applied.overrideCredits))"
                        + (applied.reason.map { ", \($0)" } ?? "") + ")? \(after)",
                    expected: "y",
                    effect: .perform(name, account: s.accountID, ScreenCommand("deleteOverride", id: applied.id)),
                    returnTo: .screen(returnTo)))
        default: break
        }
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        CreditsView.draw(&b, s, screen, overview(s))
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let account = try c.requireAccount(), backend = c.backend
        var o = CreditsOverview()
        o.allocation = try await backend.creditAllocation(account: account)
        o.plan = try await backend.activeCreditPlan(account: account)
        if let plan = o.plan?.id {
            o.effective = try await backend.effectiveAllocation(account: account, plan: plan)
            o.usage = try await backend.creditUsage(account: account, plan: plan)
            o.overrides = try await backend.creditOverrides(account: account, plan: plan)
        }
        if history(screen) { o.cycles = try await backend.creditCycles(account: account) }
        let now = Date()
        if let cached = overview(c.state), now.timeIntervalSince(cached.treeLoadedAt) < CreditsOverview.treeAge {
            (o.tree, o.treeLoadedAt) = (cached.tree, cached.treeLoadedAt)
        } else {
            (o.tree, o.treeLoadedAt) = (await copilotTree(c, account), now)
        }
        return .data(name, o)
    }

    /// The whole copilot tree (organizations, their teams, the teams' members) in three reads; when it cannot be
    /// read, what the trees have loaded.
    static func copilotTree(_ c: ScreenContext, _ account: UUID) async -> TreeData {
        let loaded = c.state.sessions[account]?.data[.copilot] ?? TreeData()
        return (try? await c.backend.wholeTree(account: account, domain: .copilot)) ?? loaded
    }
}
