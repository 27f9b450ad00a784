import CockpitCore

/// The details of the selection (or of the account when nothing is selected), between two separators.
enum DetailsView {
    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, y: Int, width: Int, splitAt: Int?) {
        let (title, lines) = describe(s)
        Box.horizontal(&b, x: 0, y: y, width: width, left: "├", right: "┤", role: .frame)
        if let splitAt { b.put("┴", x: splitAt, y: y, role: .frame) }
        b.put(" details: \(title) ", x: 2, y: y, role: .title, limit: width - 4)
        for (i, line) in lines.prefix(2).enumerated() { b.put(" " + line, x: 1, y: y + 1 + i, role: .normal, limit: width - 2) }
    }

    static func describe(_ s: CockpitState) -> (String, [String]) {
        guard let account = s.account else { return ("no account", ["choose an account with a (or :account NAME)"]) }
        let domain = s.session.focus
        let data = s.session.data[domain] ?? TreeData()
        switch s.session.panes[domain]?.selected {
        case .org(let id)?:
            guard let org = data.orgs?.first(where: { $0.id == id }) else { break }
            let teams = data.teams[id].map { "\($0.count) teams" } ?? "teams not loaded (enter opens)"
            return ("\(domain.rawValue) organization \(org.name)", ["\(teams) · budget \(money(org.maxBudget))", "id \(org.id.lowercased)"])
        case .team(let id)?:
            guard let team = data.teams.values.joined().first(where: { $0.id == id }) else { break }
            let members = data.members[id]
            let admins = members?.filter { $0.role == .admin }.count ?? 0
            let count = members.map { "members \($0.count) (\(admins) admins)" } ?? "members not loaded (enter opens)"
            return ("\(domain.rawValue) team \(team.name)", ["\(count) · budget \(money(team.maxBudget))", "id \(team.id.lowercased)"])
        case .member(let teamID, let userID)?:
            guard let member = data.members[teamID]?.first(where: { $0.user.id == userID }) else { break }
            let user = member.user
            return ("\(domain.rawValue) user \(user.email ?? user.displayName)",
                    ["\(user.displayName) · role \(user.role) · \(member.role.rawValue) of this team · budget \(money(user.maxBudget))",
                     "id \(user.id.lowercased)"])
        case .more(let level)?:
            let data = s.session.data[domain] ?? TreeData()
            return ("more to load", ["\(data.count(level)) loaded; enter loads the next \(LocalBackend.pageSize)", "or / and a name finds a user anywhere"])
        case nil: break
        }
        let orgs = s.session.data[domain]?.orgs?.count ?? 0
        let recent = s.session.recentSpend.map { " · 14 days " + ReportsView.sparkline(ReportsView.daily($0, days: 14, today: s.now)) } ?? ""
        return ("account \(account.name)", ["\(account.status.rawValue) · domain \(account.domain) · spend \(money(account.spend)) of \(money(account.maxBudget))\(recent)",
                                             "\(orgs) \(domain.rawValue) organizations · id \(account.id.lowercased)"])
    }

    static func money(_ value: Double?) -> String {
        guard let value else { return "no limit" }
        let cents = Int((value * 100).rounded())
        let fraction = String(cents % 100)
        return "$\(cents / 100)." + (fraction.count == 1 ? "0" + fraction : fraction)
    }
}
