import CockpitCore
import Foundation

/// `:spend` and `:audit`: read-only reports in a dialog over the trees.
enum ReportsView {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A sparkline of values, one block character each.
    static func sparkline(_ values: [Double]) -> String {
        guard let top = values.max(), top > 0 else { return String(repeating: "▁", count: values.count) }
        return String(values.map { blocks[min(7, Int(($0 / top) * 7.999))] })
    }

    /// Cost per day for each of the last `days` days, oldest first (days without spend are 0).
    static func daily(_ totals: [SpendRepository.Total], days: Int, today: Date) -> [Double] {
        let byDay = Dictionary(totals.map { ($0.group, $0.cost) }, uniquingKeysWith: +)
        return (0..<days).reversed().map { byDay[Timestamp.day(today.addingTimeInterval(-Double($0) * 86_400))] ?? 0 }
    }

    static func frame(_ b: inout ScreenBuffer, title: String) -> (x: Int, y: Int, width: Int, height: Int) {
        let width = min(b.width - 4, 110), height = b.height - 4
        let x = (b.width - width) / 2, y = 2
        b.fill(x: x, y: y, width: width, height: height, role: .dialog)
        Box.draw(&b, x: x, y: y, width: width, height: height, role: .dialog, title: title + " — esc closes", titleRole: .dialogButtonFocus)
        return (x, y, width, height)
    }

    static func spend(_ b: inout ScreenBuffer, _ s: CockpitState, days: Int) {
        let (x, y, width, height) = frame(&b, title: "spend of \(s.account?.name ?? ""), last \(days) days")
        guard let report = s.session.spend, report.days == days else { b.put("loading…", x: x + 2, y: y + 1, role: .statusWarn); return }
        let perDay = daily(report.byDay, days: days, today: s.now)
        let total = perDay.reduce(0, +)
        b.put("total \(DetailsView.money(total)) · \(report.byModel.reduce(0) { $0 + $1.requests }) requests", x: x + 2, y: y + 1, role: .title)
        b.put("by day  " + sparkline(Array(perDay.suffix(width - 14))), x: x + 2, y: y + 2, role: .chart, limit: width - 4)
        var row = y + 4
        // Team ids read as names where the trees have loaded them.
        var teamNames: [String: String] = [:]
        for data in s.session.data.values { for team in data.teams.values.joined() { teamNames[team.id.lowercased] = "\(team.name) (\(team.domain.rawValue))" } }
        let byTeam = report.byTeam.map { t -> SpendRepository.Total in var t = t; t.group = teamNames[t.group] ?? t.group; return t }
        for (title, totals) in [("by model", report.byModel), ("by team", byTeam)] where row < y + height - 2 {
            b.put(title, x: x + 2, y: row, role: .title)
            row += 1
            let top = totals.map(\.cost).max() ?? 0
            for t in totals.prefix(max(0, (height - 8) / 2)) where row < y + height - 1 {
                let label = TextWidth.fit(t.group.isEmpty ? "(no team)" : t.group, to: 38)
                let bar = top > 0 ? String(repeating: "█", count: max(1, Int(t.cost / top * Double(width - 62)))) : ""
                b.put(label + " " + TextWidth.fit(DetailsView.money(t.cost), to: 12) + " ", x: x + 2, y: row, role: .dialog, limit: width - 4)
                b.put(bar, x: x + 55, y: row, role: .chart, limit: width - 57)
                row += 1
            }
            row += 1
        }
    }

    static func audit(_ b: inout ScreenBuffer, _ s: CockpitState) {
        let (x, y, width, height) = frame(&b, title: "audit of \(s.account?.name ?? "")")
        guard let entries = s.session.audit else { b.put("loading…", x: x + 2, y: y + 1, role: .statusWarn); return }
        if entries.isEmpty { b.put("no entries", x: x + 2, y: y + 1, role: .statusWarn) }
        for (i, e) in entries.prefix(height - 2).enumerated() {
            let line = String(Timestamp.format(e.at).prefix(19)).replacingOccurrences(of: "T", with: " ") + "  "
                + TextWidth.fit(e.actor, to: 22) + " " + TextWidth.fit(e.action, to: 24) + " " + e.objectType + " " + e.objectID
            b.put(line, x: x + 2, y: y + 1 + i, role: .dialog, limit: width - 4)
        }
    }
}
