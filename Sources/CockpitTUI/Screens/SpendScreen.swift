import CockpitCore
import Foundation

/// `:spend [Nd]`: the account's spend over the last N days (30 by default): a sparkline by day, bars by model and by
/// team (team ids read as names where the trees have loaded them).
enum SpendScreen: Screen {
    static let name = "spend"
    static let usage = "spend [Nd]"
    static let summary = "spend charts by day, model and team over N days (30 by default)"
    static let bindings: [KeyBinding] = []

    /// The number of days an argument asks for (`30d`, `7`); nil when it is not 1…366.
    static func days(_ argument: String?) -> Int? {
        let text = (argument ?? "30d").lowercased()
        guard let days = Int(text.hasSuffix("d") ? String(text.dropLast()) : text), (1...366).contains(days) else {
            return nil
        }
        return days
    }

    static func open(_ s: CockpitState, argument: String?) -> (CockpitState, [Effect]) {
        var s = s
        guard let days = days(argument) else {
            s.message = "spend takes a number of days from 1 to 366, like :spend 30d"
            return (s, [])
        }
        let screen = ScreenState(name: name, argument: "\(days)d")
        s.mode = .screen(screen)
        return (s, [.load(screen, account: s.accountID)])
    }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let days = days(screen.argument) ?? 30
        let (x, y, width, height) = Box.panel(&b, title: "spend of \(s.account?.name ?? ""), last \(days) days")
        guard let report = s.session.screenData[name]?.get(SpendReport.self), report.days == days else {
            b.put("loading…", x: x + 2, y: y + 1, role: .statusWarn)
            return
        }
        let perDay = Sparkline.daily(report.byDay, days: days, today: s.now)
        let total = perDay.reduce(0, +)
        b.put(
            "total \(DetailsView.money(total)) · \(report.byModel.reduce(0) { $0 + $1.requests }) requests", x: x + 2,
            y: y + 1, role: .title)
        b.put(
            "by day  " + Sparkline.of(Array(perDay.suffix(width - 14))), x: x + 2, y: y + 2, role: .chart,
            limit: width - 4)
        var row = y + 4
        var teamNames: [String: String] = [:]
        for data in s.session.data.values {
            for team in data.teams.values.joined() {
                teamNames[team.id.lowercased] = "\(team.name) (\(team.domain.rawValue))"
            }
        }
        let byTeam = report.byTeam.map { t -> SpendTotal in
            var t = t; t.group = teamNames[t.group] ?? t.group; return t
        }
        for (title, totals) in [("by model", report.byModel), ("by team", byTeam)] where row < y + height - 2 {
            b.put(title, x: x + 2, y: row, role: .title)
            row += 1
            let top = totals.map(\.cost).max() ?? 0
            for t in totals.prefix(max(0, (height - 8) / 2)) where row < y + height - 1 {
                let label = TextWidth.fit(t.group.isEmpty ? "(no team)" : t.group, to: 38)
                let bar = top > 0 ? String(repeating: "█", count: max(1, Int(t.cost / top * Double(width - 62)))) : ""
                b.put(
                    label + " " + TextWidth.fit(DetailsView.money(t.cost), to: 12) + " ", x: x + 2, y: row,
                    role: .dialog, limit: width - 4)
                b.put(bar, x: x + 55, y: row, role: .chart, limit: width - 57)
                row += 1
            }
            row += 1
        }
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let account = try c.requireAccount(), days = days(screen.argument) ?? 30
        let report = SpendReport(
            days: days, byDay: try await c.backend.costs(account: account, by: .day, days: days),
            byModel: try await c.backend.costs(account: account, by: .model, days: days),
            byTeam: try await c.backend.costs(account: account, by: .team, days: days))
        return .data(name, report)
    }
}
