import CockpitCore
import Foundation

/// What `:credits` shows: the account's allocation, the active plan with its effective allocations, usage and
/// overrides, the copilot tree the scopes belong to, and (on request) the renewals.
struct CreditsOverview: Equatable, Sendable {
    var allocation: AccountCreditAllocation?
    var plan: CreditPlan?
    var effective: EffectiveAllocation? {
        didSet {
            items = Dictionary((effective?.items ?? []).map { ($0.scope, $0) }, uniquingKeysWith: { a, _ in a })
            rows = Self.rows(tree, effective)
        }
    }
    var usage: [ScopeUsage] = [] {
        didSet { usedBy = Dictionary(usage.map { ($0.scope, $0.used) }, uniquingKeysWith: { a, _ in a }) }
    }
    var overrides: [CreditOverride] = [] {
        didSet { newest = Dictionary(overrides.map { ($0.scope, $0) }, uniquingKeysWith: { _, later in later }) }
    }
    var tree = TreeData() { didSet { rows = Self.rows(tree, effective) } }
    /// The rows and lookups by scope, kept with what they come from (a tree of 10,000 users is drawn many times).
    private(set) var rows: [Row] = Self.rows(TreeData(), nil)
    private var items: [CreditScope: EffectiveAllocation.Item] = [:]
    private var usedBy: [CreditScope: Int64] = [:]
    private var newest: [CreditScope: CreditOverride] = [:]
    /// When the tree was read: the refresh every few seconds reuses it for `treeAge` (a tree of a thousand teams is a
    /// thousand reads); opening the view reads it again.
    var treeLoadedAt = Date.distantPast
    static let treeAge: TimeInterval = 30
    /// The renewals, newest first (loaded in the history).
    var cycles: [CreditCycle]?

    /// One line of the copilot tree: a scope, where it sits, what it is called, and what may share credits under it.
    struct Row: Equatable, Sendable {
        var scope: CreditScope
        var depth: Int
        var label: String
        /// The scopes an equal distribution over this row goes to: an organization's teams, a team's members.
        var children: (type: CreditScopeType, ids: [String], noun: String)?

        static func == (a: Row, b: Row) -> Bool {
            a.scope == b.scope && a.depth == b.depth && a.label == b.label && a.children?.ids == b.children?.ids
        }
    }

    /// The rows: each organization, its teams, their members, then the pool and scopes the tree did not name.
    static func rows(_ tree: TreeData, _ effective: EffectiveAllocation?) -> [Row] {
        var rows: [Row] = []
        for org in tree.orgs ?? [] {
            let teams = tree.teams[org.id] ?? []
            rows.append(
                Row(
                    scope: CreditScope(type: .org, id: org.id.lowercased), depth: 0, label: org.name,
                    children: (.team, teams.map(\.id.lowercased), "teams")))
            for team in teams {
                let members = tree.members[team.id] ?? []
                rows.append(
                    Row(
                        scope: CreditScope(type: .team, id: team.id.lowercased), depth: 1, label: team.name,
                        children: (.user, members.map(\.user.id.lowercased), "members")))
                for m in members {
                    rows.append(
                        Row(
                            scope: CreditScope(type: .user, id: m.user.id.lowercased), depth: 2,
                            label: m.user.email ?? m.user.displayName))
                }
            }
        }
        var seen = Set(rows.map(\.scope))
        let pools = (effective?.items ?? []).map(\.scope).filter { $0.type == .pool }
        for scope in pools.isEmpty ? [CreditScope.pool] : pools where seen.insert(scope).inserted {
            rows.append(Row(scope: scope, depth: 0, label: scope.id))
        }
        for item in effective?.items ?? [] where seen.insert(item.scope).inserted {
            rows.append(Row(scope: item.scope, depth: 0, label: String(item.scope.id.prefix(8))))
        }
        return rows
    }

    /// The allocation of a scope in the plan, overrides applied (nil: none).
    func item(_ scope: CreditScope) -> EffectiveAllocation.Item? { items[scope] }

    /// The credits the scope has used (nil: it has no allocation, so usage is not counted for it).
    func used(_ scope: CreditScope) -> Int64? { usedBy[scope] }

    /// The scope's override that applies: its newest.
    func override(_ scope: CreditScope) -> CreditOverride? { newest[scope] }

    /// Usage against the effective allocation (what the gateway enforces), in percent; nil without an allocation.
    func percentage(_ scope: CreditScope) -> Double? {
        guard let item = item(scope), let used = used(scope) else { return nil }
        return item.effectiveAllocated > 0 ? Double(used) / Double(item.effectiveAllocated) * 100 : (used > 0 ? 100 : 0)
    }
}

/// Credits as the cockpit shows them: micro-credits as a decimal with thousands separators and at most two decimals
/// (`1,250.5`), compact (`1.2M`) where a column is too narrow.
enum CreditText {
    static func of(_ micros: Int64) -> String {
        let negative = micros < 0
        let cents = (abs(Double(micros)) / 10_000).rounded()
        let whole = Int64(cents / 100), fraction = Int64(cents) % 100
        var digits = String(whole), grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        let decimals = fraction == 0 ? "" : fraction % 10 == 0 ? ".\(fraction / 10)" : String(format: ".%02d", fraction)
        return (negative ? "-" : "") + digits + grouped + decimals
    }

    /// At most `cells` wide: compact when the full text is longer.
    static func of(_ micros: Int64, cells: Int) -> String {
        let full = of(micros)
        guard full.count > cells else { return full }
        let value = abs(Micros.decimal(micros))
        let (scaled, unit) = value >= 1e9 ? (value / 1e9, "B") : value >= 1e6 ? (value / 1e6, "M") : (value / 1e3, "k")
        return (micros < 0 ? "-" : "") + String(format: scaled >= 100 ? "%.0f" : "%.1f", scaled) + unit
    }

    /// Right-aligned in `cells`.
    static func column(_ micros: Int64?, cells: Int) -> String {
        let text = micros.map { of($0, cells: cells - 1) } ?? "—"
        return String(repeating: " ", count: max(0, cells - 1 - TextWidth.of(text))) + text + " "
    }
}
