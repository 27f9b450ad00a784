import CockpitCore
import Foundation

/// How `:credits` is drawn: the account's allocation and the plan on top, then the copilot tree with each scope's
/// allocation, override, usage and a bar of usage against its allocation (coloured by alert level), and the selected
/// scope's details (the override's reason); or the renewals.
enum CreditsView {
    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState, _ o: CreditsOverview?) {
        let history = CreditsScreen.history(screen)
        let (x, y, width, height) = Box.panel(
            &b, title: "copilot credits of \(s.account?.name ?? "")" + (history ? ": renewals" : ""))
        guard let o else { b.put("loading…", x: x + 2, y: y + 1, role: .statusWarn); return }
        summary(&b, o, x: x, y: y + 1, width: width)
        let top = y + 4, bottom = y + height - 2
        if history {
            cycles(&b, o, screen, x: x, y: top, width: width, height: bottom - top + 1)
        } else {
            tree(&b, o, screen, x: x, y: top, width: width, height: bottom - top - 1)
            details(&b, o, screen, x: x + 2, y: bottom - 1, width: width - 4)
        }
    }

    /// The account's allocation, the plan, and its totals (an over-allocated plan marked): three lines.
    static func summary(_ b: inout ScreenBuffer, _ o: CreditsOverview, x: Int, y: Int, width: Int) {
        let a = o.allocation
        let account =
            a.map {
                "\(CreditText.of($0.monthlyCredits)) credits a month · overflow \(CreditText.of($0.overflowLimit))"
                    + " · factor \(FormState.amount($0.creditFactor))"
            } ?? "no allocation yet (a super-admin sets it: A)"
        var at = x + 2
        at += b.put("account  ", x: at, y: y, role: .title)
        b.put(account, x: at, y: y, role: a == nil ? .statusWarn : .dialog, limit: width - 4 - (at - x - 2))
        at = x + 2
        at += b.put("plan     ", x: at, y: y + 1, role: .title)
        guard let plan = o.plan, let e = o.effective else {
            b.put("no active plan (n creates one)", x: at, y: y + 1, role: .statusWarn, limit: width - 13)
            return
        }
        let room = width - 4 - (at - x - 2)
        b.put("\(plan.name) · \(plan.cycle)", x: at, y: y + 1, role: .dialog, limit: room)
        b.put("credits  ", x: x + 2, y: y + 2, role: .title)
        let head = "distributed \(CreditText.of(e.distributed)) of \(CreditText.of(e.monthlyCredits)) · "
        let used = b.put(head, x: at, y: y + 2, role: .dialog, limit: room)
        let rest =
            e.unallocated < 0
            ? "over-allocated by \(CreditText.of(-e.unallocated))" : "unallocated \(CreditText.of(e.unallocated))"
        b.put(rest, x: at + used, y: y + 2, role: e.unallocated < 0 ? .statusError : .statusOK, limit: room - used)
    }

    /// The widths of the tree's columns at a panel width.
    static func widths(_ width: Int) -> (label: Int, number: Int, bar: Int, words: Bool) {
        let inner = width - 4, wide = inner >= 100
        let number = wide ? 12 : 10, bar = wide ? 20 : 8
        return (inner - 3 * number - bar - (wide ? 14 : 10), number, bar, wide)
    }

    static func tree(
        _ b: inout ScreenBuffer, _ o: CreditsOverview, _ screen: ScreenState, x: Int, y: Int, width: Int, height: Int
    ) {
        let w = widths(width)
        let columns: [ListTable.Column] = [
            .init(title: "scope", width: w.label), .init(title: right("allocated", w.number), width: w.number),
            .init(title: right("override", w.number), width: w.number),
            .init(title: right("used", w.number), width: w.number),
            .init(title: w.words ? "usage of the allocation" : "usage", width: 0),
        ]
        // Only the rows in sight are made (a tree of 10,000 users is drawn every frame).
        let visible = max(1, height - 1)
        let first = TreePaneView.scroll(0, selected: screen.selected, visible: visible, count: o.rows.count)
        let rows = o.rows.dropFirst(first).prefix(visible)
        let table = rows.map { row -> ListTable.Row in
            let item = o.item(row.scope)
            let label =
                String(repeating: "  ", count: row.depth) + (row.depth == 0 ? CreditForms.label(row) : row.label)
            return ListTable.Row(
                cells: [
                    TextWidth.fit(label, to: w.label - 1) + " ",
                    CreditText.column(item?.baseAllocated, cells: w.number),
                    CreditText.column(item?.overrideApplied == true ? item?.effectiveAllocated : nil, cells: w.number),
                    CreditText.column(o.used(row.scope), cells: w.number), "",
                ], role: item == nil ? .treeLeaf : .dialog)
        }
        ListTable.draw(
            &b, x: x, y: y, width: width, height: height, columns: columns, rows: table,
            selected: screen.selected - first, empty: "no copilot organizations yet")
        // The bars, coloured by level, over the last column.
        let barX = x + 2 + w.label + 3 * w.number
        for (i, row) in rows.enumerated() {
            guard let percentage = o.percentage(row.scope) else { continue }
            let filled = min(w.bar, Int((percentage / 100 * Double(w.bar)).rounded(.down)))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: w.bar - filled)
            let level = percentage >= 80 ? CreditAlert.Level(percentage: percentage) : nil
            var text = bar + " " + String(format: "%3.0f%%", percentage.rounded(.down))
            if let level { text += " " + (w.words ? level.rawValue : short[level]!) }
            b.put(text, x: barX, y: y + 1 + i, role: role(level), limit: x + width - 2 - barX)
        }
    }

    /// A number column's title, right-aligned over its numbers.
    static func right(_ title: String, _ cells: Int) -> String {
        String(repeating: " ", count: max(0, cells - 1 - title.count)) + title + " "
    }

    /// The alert levels where a column is narrow.
    static let short: [CreditAlert.Level: String] = [.warning: "warn", .critical: "crit", .exceeded: "over"]

    /// The role a usage bar is drawn in: fine, warning, critical, exceeded.
    static func role(_ level: CreditAlert.Level?) -> StyleRole {
        switch level {
        case nil: .statusOK
        case .warning?: .statusWarn
        case .critical?: .statusError
        case .exceeded?: .badgeProd
        }
    }

    /// The selected scope (two lines): its allocation, cap and usage; the override that applies, its author and reason.
    static func details(
        _ b: inout ScreenBuffer, _ o: CreditsOverview, _ screen: ScreenState, x: Int, y: Int, width: Int
    ) {
        let rows = o.rows
        guard screen.selected < rows.count else { return }
        let row = rows[screen.selected]
        var parts = [CreditForms.label(row)]
        if let item = o.item(row.scope) {
            parts.append("allocated \(CreditText.of(item.baseAllocated))")
            parts.append("cap " + (item.overflowCap.map(CreditText.of) ?? "none"))
            if let used = o.used(row.scope), let percentage = o.percentage(row.scope) {
                parts.append(
                    "used \(CreditText.of(used)) of \(CreditText.of(item.effectiveAllocated))"
                        + String(format: " (%.0f%%)", percentage.rounded(.down)))
            }
        } else if o.plan != nil {
            parts.append("no allocation (e allocates)")
        }
        b.put(parts.joined(separator: " · "), x: x, y: y, role: .title, limit: width)
        guard let override = o.override(row.scope) else { return }
        b.put(
            "override \(CreditText.of(override.overrideCredits)) by \(override.createdBy): "
                + (override.reason ?? "no reason given"), x: x, y: y + 1, role: .dialog, limit: width)
    }

    /// The renewals, newest first.
    static func cycles(
        _ b: inout ScreenBuffer, _ o: CreditsOverview, _ screen: ScreenState, x: Int, y: Int, width: Int, height: Int
    ) {
        let number = width >= 100 ? 14 : 11
        let columns: [ListTable.Column] = [
            .init(title: "renewed", width: 11), .init(title: "period", width: 25),
            .init(title: right("used", number), width: number), .init(title: right("rollover", number), width: number),
            .init(title: width >= 100 ? "  overflow charge" : "  overflow", width: 0),
        ]
        let rows = o.cycles?.map { c in
            ListTable.Row(
                cells: [
                    Timestamp.day(c.createdAt), "\(Timestamp.day(c.cycleStart)) → \(Timestamp.day(c.cycleEnd))",
                    CreditText.column(c.summary.usedCredits, cells: number),
                    CreditText.column(c.rolloverCredits, cells: number),
                    "  " + CreditText.of(c.overflowChargeCredits),
                ], role: c.overflowChargeCredits > 0 ? .statusWarn : .dialog)
        }
        ListTable.draw(
            &b, x: x, y: y, width: width, height: height - 2, columns: columns, rows: rows, selected: screen.selected,
            empty: "no renewals yet (r renews the cycle)")
        guard let cycles = o.cycles, screen.selected < cycles.count else { return }
        let c = cycles[screen.selected]
        b.put(
            "plan \(c.sourcePlanID.lowercased.prefix(8)) → \(c.newPlanID.lowercased.prefix(8)) · monthly "
                + "\(CreditText.of(c.summary.monthlyCredits)) · by \(c.createdBy)", x: x + 2, y: y + height - 1,
            role: .title, limit: width - 4)
    }
}
