import CockpitCore
import Foundation

/// How `:agents` is drawn: the agents (name, guardrail presets, grants, users who can use it, marketplace state) and
/// the selected one's details: description, presets, definition, grants by scope with names from the tree, who can
/// use it, the marketplace listing; asked about a user, the grants that reach them.
enum AgentsView {
    static func draw(
        _ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState, _ o: CatalogOverview?,
        _ rows: [AgentDetail]?
    ) {
        let wide = b.width >= 120
        let columns: [ListTable.Column] = [
            .init(title: "agent", width: wide ? 30 : 22), .init(title: "guardrails", width: wide ? 28 : 16),
            .init(title: "grants", width: wide ? 8 : 7), .init(title: "users", width: wide ? 8 : 6),
            .init(title: "marketplace", width: 0),
        ]
        let table = rows.map { list in
            list.map { d -> ListTable.Row in
                let grants = d.grants ?? [], reached = o?.reach.reached(grants).count ?? 0
                return ListTable.Row(
                    cells: [
                        d.agent.name + " ", (o?.presetCodes(d.presetIDs) ?? []).joined(separator: ", ") + " ",
                        "\(grants.count) ", "\(reached) ",
                        MarketplaceView.state(o?.listing("agent", d.agent.id)),
                    ], role: grants.isEmpty ? .treeLeaf : .dialog)
            }
        }
        let selected = rows.flatMap { screen.selected < $0.count ? $0[screen.selected] : nil }
        CatalogView.draw(
            &b, title: title(s, screen, o, rows), columns: columns, rows: table, selected: screen.selected,
            empty: screen.filter.isEmpty && o?.answer == nil
                ? "no agents yet: n creates one (it needs a guardrail preset)" : "no agent matches",
            divider: CatalogText.divider(selected.map { "agent \($0.agent.name)" }, o, s),
            details: selected.map { details($0, o!) } ?? [])
    }

    static func title(
        _ s: CockpitState, _ screen: ScreenState, _ o: CatalogOverview?, _ rows: [AgentDetail]?
    ) -> String {
        let all = o?.agents.count ?? 0, shown = rows?.count ?? 0
        if let o, let answer = o.answer {
            return "agents \(answer.ask.label(o.reach)) may use (\(shown) of \(all))"
        }
        let count =
            o == nil ? "" : screen.filter.isEmpty ? " (\(all))" : " (\(shown) of \(all) matching /\(screen.filter))"
        return "agents of \(s.account?.name ?? "")" + count
    }

    static func details(_ d: AgentDetail, _ o: CatalogOverview) -> [CatalogView.Detail] {
        let a = d.agent, grants = d.grants ?? []
        var lines: [CatalogView.Detail] = [
            .init(
                "by", "\(a.createdBy) · created \(Timestamp.day(a.createdAt)) · updated \(Timestamp.day(a.updatedAt))")
        ]
        if let about = a.description, !about.isEmpty { lines.append(.init("about", about)) }
        lines.append(
            .init(
                "guardrails", o.presetLabels(d.presetIDs).joined(separator: " · "),
                d.presetIDs.isEmpty ? .statusWarn : .dialog))
        lines.append(.init("definition", CatalogText.document(a.definitionJSON)))
        if let answer = o.answer, let via = answer.items[a.id] {
            lines.append(.init("granted via", via.map(o.reach.label).joined(separator: " · "), .statusOK))
        }
        lines += CatalogText.grants(grants, o)
        lines.append(MarketplaceView.detail(o.listing("agent", a.id)))
        return lines
    }
}
