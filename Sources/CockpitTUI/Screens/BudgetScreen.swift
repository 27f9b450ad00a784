import CockpitAPI
import CockpitCore
import Foundation

/// `:budget` (and `b` in the trees): the budget and limits of the organization, team or member selected in the focused
/// tree: its own lifetime budget, a budget over a period, a soft budget, rpm, tpm and parallel requests; e edits them.
enum BudgetScreen: Screen {
    static let name = "budget"
    static let usage = "budget"
    static let summary = "budget and limits of the organization, team or member selected in the focused tree"
    static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("e")], action: .edit,
            description: "edit the budget over a period, the soft budget and the rate limits", hint: "edit")
    ]

    /// What the view shows: the node and its row (nil: none).
    struct Entry: Equatable, Sendable {
        var domain: ProductDomain
        var node: NodeID
        var row: Budget?
    }

    static func entry(_ s: CockpitState) -> Entry? { s.session.screenData[name]?.get(Entry.self) }

    static func open(_ s: CockpitState, argument: String?) -> (CockpitState, [Effect]) {
        var s = s
        guard let node = TreeSelection(s).node, node.budgetSubject != nil else {
            s.message = "select an organization, a team or a member first"
            return (s, [])
        }
        let screen = ScreenState(name: name)
        s.mode = .screen(screen)
        return (s, [.load(screen, account: s.accountID)])
    }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        guard action == .edit, let entry = entry(s) else { return (s, []) }
        let r = entry.row
        s.mode = .form(
            form(
                "edit", title: "budget and limits of \(TreeSelection(s).name)",
                fields: [
                    .init(
                        name: "max_budget", label: "budget in USD",
                        value: r?.maxBudget.map { FormState.amount($0) } ?? "",
                        hint: "over the period below; empty = none"),
                    .init(
                        name: "budget_duration", label: "budget period", value: r?.budgetDuration ?? "",
                        hint: "e.g. 30d or 1mo"),
                    .init(
                        name: "soft_budget", label: "soft budget in USD",
                        value: r?.softBudget.map { FormState.amount($0) } ?? "", hint: "warns, never refuses"),
                    .init(
                        name: "rpm_limit", label: "requests per minute", value: FormState.text(r?.rpmLimit),
                        hint: "empty = no limit"),
                    .init(
                        name: "tpm_limit", label: "tokens per minute", value: FormState.text(r?.tpmLimit),
                        hint: "empty = no limit"),
                    .init(
                        name: "max_parallel_requests", label: "parallel requests",
                        value: FormState.text(r?.maxParallelRequests), hint: "empty = no limit"),
                ]))
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let at = TreeSelection(s)
        let (x, y, width, _) = Box.dialog(
            &b, maxWidth: 76, rows: 8, title: "budget of \(at.name) (\(at.domain.rawValue))")
        guard let entry = entry(s) else { b.put("loading…", x: x + 2, y: y + 1, role: .statusWarn); return }
        let r = entry.row
        let money = { (v: Double?) in v.map(DetailsView.money) ?? "none" }
        let limit = { (v: Int64?, unit: String) in v.map { "\($0) \(unit)" } ?? "no limit" }
        let lines = [
            ("its own budget", money(lifetime(at))),
            (
                "budget over a period",
                r?.maxBudget.map { DetailsView.money($0) + (r?.budgetDuration.map { " per \($0)" } ?? "") } ?? "none"
            ),
            ("soft budget", money(r?.softBudget)),
            ("requests", limit(r?.rpmLimit, "per minute")),
            ("tokens", limit(r?.tpmLimit, "per minute")),
            ("parallel requests", limit(r?.maxParallelRequests, "at once")),
        ]
        for (i, line) in lines.enumerated() {
            b.put(
                TextWidth.fit(line.0, to: 24) + line.1, x: x + 2, y: y + 1 + i, role: i == 0 ? .title : .dialog,
                limit: width - 4)
        }
    }

    /// The node's own lifetime budget, as the tree has it.
    static func lifetime(_ at: TreeSelection) -> Double? {
        switch at.node {
        case .org(let id)?: at.data.orgs?.first { $0.id == id }?.maxBudget
        case .team(let id)?: at.data.teams.values.joined().first { $0.id == id }?.maxBudget
        case .member(let team, let user)?: at.data.members[team]?.first { $0.user.id == user }?.user.maxBudget
        default: nil
        }
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let at = TreeSelection(c.state)
        guard let node = at.node else {
            throw CockpitError.invalid(field: "node", reason: "select an organization, a team or a member first")
        }
        return .data(
            name,
            Entry(
                domain: at.domain, node: node,
                row: try await c.backend.budget(account: try c.requireAccount(), domain: at.domain, node: node)))
    }

    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        guard let entry = entry(c.state) else {
            throw CockpitError.invalid(field: "node", reason: "select an organization, a team or a member first")
        }
        let limits = BudgetLimits(
            maxBudget: try FormState.amount(form.value("max_budget"), field: "max_budget"),
            softBudget: try FormState.amount(form.value("soft_budget"), field: "soft_budget"),
            budgetDuration: form.value("budget_duration").isEmpty ? nil : form.value("budget_duration"),
            rpmLimit: try FormState.count(form.value("rpm_limit"), field: "rpm_limit"),
            tpmLimit: try FormState.count(form.value("tpm_limit"), field: "tpm_limit"),
            maxParallelRequests: try FormState.count(
                form.value("max_parallel_requests"), field: "max_parallel_requests"))
        let row = try await c.backend.setBudget(
            account: try c.requireAccount(), domain: entry.domain, node: entry.node, limits)
        let saved = Entry(domain: entry.domain, node: entry.node, row: row)
        return ScreenUpdate(
            session: { $0.screenData[name] = ScreenData(saved) },
            state: {
                $0.mode = .screen(ScreenState(name: name))
                $0.message = row == nil ? "no budget or limits left" : "budget and limits saved"
            })
    }
}
