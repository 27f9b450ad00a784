import CockpitCore
import Foundation

/// The details of the selection (or of the account when nothing is selected), between two separators.
enum DetailsView {
    /// Draws the pane's separator with the title, then `lines` lines: the summary and the id on small screens; with
    /// more room, the keys, the model grants and the latest audit entries of the selection between them.
    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, y: Int, lines: Int, width: Int, splitAt: Int?) {
        let (title, summary) = describe(s)
        Box.horizontal(&b, x: 0, y: y, width: width, left: "├", right: "┤", role: .frame)
        if let splitAt { b.put("┴", x: splitAt, y: y, role: .frame) }
        b.put(" details: \(title) ", x: 2, y: y, role: .title, limit: width - 4)
        let extra = lines > summary.count ? DetailsView.extra(s).prefix(lines - summary.count) : []
        let shown = Array(summary.prefix(1)) + extra + summary.dropFirst()
        for (i, line) in shown.prefix(lines).enumerated() {
            b.put(" " + line, x: 1, y: y + 1 + i, role: .normal, limit: width - 2)
        }
    }

    /// The keys, model grants and latest audit entries of the selection (of the account when nothing is selected).
    static func extra(_ s: CockpitState) -> [String] {
        let domain = s.session.focus
        var subject: UUID?
        switch s.session.panes[domain]?.selected {
        case .org(let id)?, .team(let id)?, .member(_, let id)?: subject = id
        case .more?, nil: subject = nil
        }
        var out: [String] = []
        if let keys = s.session.keys {
            let mine = keys.filter { k in
                subject.map { k.domain == domain && [k.orgID, k.teamID, k.userID].contains($0) } ?? true
            }
            let revoked = mine.filter(\.blocked).count
            out.append(
                mine.isEmpty
                    ? "keys: none"
                    : "keys \(mine.count)\(revoked > 0 ? " (\(revoked) revoked)" : "") · spend \(money(mine.reduce(0) { $0 + $1.spend }))"
            )
        }
        if let grants = s.session.grants[domain] {
            let here = grants.filter { $0.scope.subjectID == subject }
            let allowed = here.filter { $0.effect == .allow }.map(\.modelName),
                denied = here.filter { $0.effect == .deny }.map(\.modelName)
            out.append(
                here.isEmpty
                    ? "models: no grants here (what is above applies)"
                    : "models:" + (allowed.isEmpty ? "" : " allow \(allowed.joined(separator: ", "))")
                        + (denied.isEmpty ? "" : " · deny \(denied.joined(separator: ", "))"))
        }
        if let audit = s.session.audit {
            let entries = audit.filter { e in subject.map { e.objectID == $0.lowercased } ?? true }.prefix(3)
            out += entries.map {
                String(Timestamp.format($0.at).prefix(16)).replacingOccurrences(of: "T", with: " ")
                    + "  \($0.action) by \($0.actor)"
            }
        }
        return out
    }

    static func describe(_ s: CockpitState) -> (String, [String]) {
        guard let account = s.account else { return ("no account", ["choose an account with a (or :account NAME)"]) }
        let domain = s.session.focus
        let data = s.session.data[domain] ?? TreeData()
        switch s.session.panes[domain]?.selected {
        case .org(let id)?:
            guard let org = data.orgs?.first(where: { $0.id == id }) else { break }
            let teams = data.teams[id].map { "\($0.count) teams" } ?? "teams not loaded (enter opens)"
            return (
                "\(domain.rawValue) organization \(org.name)",
                ["\(teams) · budget \(money(org.maxBudget))", "id \(org.id.lowercased)"]
            )
        case .team(let id)?:
            guard let team = data.teams.values.joined().first(where: { $0.id == id }) else { break }
            let members = data.members[id]
            let admins = members?.filter { $0.role == .admin }.count ?? 0
            let count = members.map { "members \($0.count) (\(admins) admins)" } ?? "members not loaded (enter opens)"
            return (
                "\(domain.rawValue) team \(team.name)",
                ["\(count) · budget \(money(team.maxBudget))", "id \(team.id.lowercased)"]
            )
        case .member(let teamID, let userID)?:
            guard let member = data.members[teamID]?.first(where: { $0.user.id == userID }) else { break }
            let user = member.user
            return (
                "\(domain.rawValue) user \(user.email ?? user.displayName)",
                [
                    "\(user.displayName) · role \(user.role) · \(member.role.rawValue) of this team · budget \(money(user.maxBudget))",
                    "id \(user.id.lowercased)",
                ]
            )
        case .more(let level)?:
            let data = s.session.data[domain] ?? TreeData()
            return (
                "more to load",
                [
                    "\(data.count(level)) loaded; enter loads the next \(LocalBackend.pageSize)",
                    "or / and a name finds a user anywhere",
                ]
            )
        case nil: break
        }
        let orgs = s.session.data[domain]?.orgs?.count ?? 0
        let recent =
            s.session.recentSpend.map { " · 14 days " + Sparkline.of(Sparkline.daily($0, days: 14, today: s.now)) }
            ?? ""
        return (
            "account \(account.name)",
            [
                "\(account.status.rawValue) · domain \(account.domain) · spend \(money(account.spend)) of \(money(account.maxBudget))\(recent)",
                "\(orgs) \(domain.rawValue) organizations · id \(account.id.lowercased)",
            ]
        )
    }

    static func money(_ value: Double?) -> String {
        guard let value else { return "no limit" }
        let cents = Int((value * 100).rounded())
        let fraction = String(cents % 100)
        return "$\(cents / 100)." + (fraction.count == 1 ? "0" + fraction : fraction)
    }
}
