import CockpitCore
import Foundation

/// How `:credits usage` is drawn: the totals and the sparkline by day, then each breakdown as a short bar list.
enum CreditUsageView {
    /// Credits of each of the last `days` days, oldest first (days without rows are 0).
    static func perDay(_ daily: [CreditDay], days: Int, today: Date) -> [Int64] {
        let byDay = Dictionary(daily.map { ($0.day, $0.credits) }, uniquingKeysWith: +)
        return (0..<days).reversed().map { byDay[Timestamp.day(today.addingTimeInterval(-Double($0) * 86_400))] ?? 0 }
    }

    /// Values summed `per` at a time (the last group may be shorter), so that they fit a width.
    static func buckets(_ values: [Int64], room: Int) -> (values: [Int64], per: Int) {
        let per = max(1, (values.count + room - 1) / max(1, room))
        return (
            stride(from: 0, to: values.count, by: per).map { values[$0..<min(values.count, $0 + per)].reduce(0, +) },
            per
        )
    }

    /// Totals, the sparkline and the peak (four lines).
    static func daily(_ b: inout ScreenBuffer, _ r: CreditUsageScreen.Report, today: Date, x: Int, y: Int, width: Int) {
        let values = perDay(r.daily, days: r.days, today: today)
        let credits = r.daily.reduce(Int64(0)) { $0 + $1.credits }
        let raw = r.daily.reduce(Int64(0)) { $0 + $1.rawCost }, rows = r.daily.reduce(Int64(0)) { $0 + $1.rows }
        let from = Timestamp.day(today.addingTimeInterval(-Double(r.days - 1) * 86_400))
        b.put(
            "\(CreditText.of(credits)) credits · raw \(CreditText.of(raw)) USD · \(CreditText.of(rows * 1_000_000)) rows · \(from) → "
                + Timestamp.day(today), x: x, y: y, role: .title, limit: width)
        let (shown, per) = buckets(values, room: width - 12)
        let label = per == 1 ? "by day    " : TextWidth.fit("by \(per) days", to: 10)
        let n = b.put(label, x: x, y: y + 1, role: .dialog)
        b.put(Sparkline.of(shown.map(Micros.decimal)), x: x + n, y: y + 1, role: .chart, limit: width - n)
        guard let peak = r.daily.max(by: { $0.credits < $1.credits }), credits > 0 else {
            b.put("no credits used in these days", x: x, y: y + 2, role: .statusWarn, limit: width)
            return
        }
        b.put(
            "peak \(CreditText.of(peak.credits)) on \(peak.day) · average \(CreditText.of(credits / Int64(r.days))) a day",
            x: x, y: y + 2, role: .dialog, limit: width)
    }

    /// One breakdown: its title with the number of groups, then the biggest groups with their credits and a bar.
    static func breakdown(
        _ b: inout ScreenBuffer, title: String, _ groups: [CreditCostGroup], x: Int, y: Int, width: Int, height: Int
    ) {
        guard height >= 2 else { return }
        let wide = width >= 48, number = wide ? 12 : 10
        let bar = wide ? 10 : 6
        let label = width - bar - number * (wide ? 2 : 1) - 1
        let head =
            TextWidth.fit("by \(title) (\(groups.count))", to: label) + CreditsView.right("credits", number)
            + (wide ? CreditsView.right("raw USD", number) : "")
        b.put(head, x: x, y: y, role: .title, limit: width)
        if groups.isEmpty { b.put("no ledger rows", x: x, y: y + 1, role: .statusWarn, limit: width); return }
        let top = groups.map(\.credits).max() ?? 0
        let visible = height - 2
        for (i, g) in groups.prefix(visible).enumerated() {
            var text = TextWidth.fit(g.key ?? "(none)", to: label) + CreditText.column(g.credits, cells: number)
            if wide { text += CreditText.column(g.rawCost, cells: number) }
            let n = b.put(text, x: x, y: y + 1 + i, role: .dialog, limit: width)
            let cells = top > 0 ? max(g.credits > 0 ? 1 : 0, Int(Double(g.credits) / Double(top) * Double(bar))) : 0
            b.put(String(repeating: "█", count: cells), x: x + n + 1, y: y + 1 + i, role: .chart, limit: bar)
        }
        if groups.count > visible {
            b.put("… \(groups.count - visible) more", x: x, y: y + height - 1, role: .hintText, limit: width)
        }
    }
}
