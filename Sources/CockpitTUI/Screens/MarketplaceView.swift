import CockpitCore
import Foundation

/// How `:marketplace` is drawn (the listings: title, what they list, state, installs, rating; the selected one's
/// details: what it lists, terms, grants with names and who they reach), and a listing's state in a word or a line,
/// as `:agents` and `:connections` show it.
enum MarketplaceView {
    /// A listing's state in a column: `published`, `withdrawn`, `—` when there is none; `★` when featured.
    static func state(_ item: MarketplaceItem?) -> String {
        guard let l = item?.listing else { return "—" }
        return (l.isPublished ? "published" : "withdrawn") + (l.isFeatured ? " ★" : "")
    }

    /// A listing's state as the details show it (the listing's own details leave its title out).
    static func detail(_ item: MarketplaceItem?, label: String = "marketplace") -> CatalogView.Detail {
        guard let l = item?.listing else { return .init(label, "not listed (p lists it)", .treeLeaf) }
        var parts = label == "marketplace" ? ["“\(l.title)”"] : []
        parts.append(l.isPublished ? "published" : "withdrawn (p publishes it)")
        if l.isFeatured { parts.append("featured") }
        if l.isVerified { parts.append("verified") }
        parts.append("\(l.installationCount) \(l.installationCount == 1 ? "install" : "installs")")
        if l.ratingCount > 0 { parts.append(String(format: "★ %.1f (%d)", l.ratingAvg, l.ratingCount)) }
        return .init(label, parts.joined(separator: " · "), l.isPublished ? .statusOK : .statusWarn)
    }

    static func draw(
        _ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState, _ o: CatalogOverview?,
        _ rows: [MarketplaceItem]?
    ) {
        let wide = b.width >= 120
        let columns: [ListTable.Column] = [
            .init(title: "title", width: wide ? 28 : 20), .init(title: "lists", width: wide ? 28 : 18),
            .init(title: "state", width: 12), .init(title: "installs", width: 9), .init(title: "rating", width: 0),
        ]
        let table = rows.map { list in
            list.map { item -> ListTable.Row in
                let l = item.listing
                return ListTable.Row(
                    cells: [
                        l.title + " ", (o?.entity(l) ?? l.entityType) + " ", state(item) + " ",
                        "\(l.installationCount) ",
                        l.ratingCount > 0 ? String(format: "%.1f (%d)", l.ratingAvg, l.ratingCount) : "—",
                    ], role: l.isPublished ? .dialog : .treeLeaf)
            }
        }
        let selected = rows.flatMap { screen.selected < $0.count ? $0[screen.selected] : nil }
        CatalogView.draw(
            &b, title: title(s, screen, o, rows), columns: columns, rows: table, selected: screen.selected,
            empty: screen.filter.isEmpty && o?.answer == nil
                ? "nothing listed yet: n lists an agent or a connection (or p in :agents, :connections)"
                : "no listing matches",
            divider: CatalogText.divider(selected.map { "“\($0.listing.title)”" }, o, s),
            details: selected.map { details($0, o!) } ?? [])
    }

    static func title(
        _ s: CockpitState, _ screen: ScreenState, _ o: CatalogOverview?, _ rows: [MarketplaceItem]?
    ) -> String {
        let all = o?.listings.count ?? 0, shown = rows?.count ?? 0
        if let o, let answer = o.answer {
            return "what \(answer.ask.label(o.reach)) discovers (\(shown) of \(all))"
        }
        let count =
            o == nil ? "" : screen.filter.isEmpty ? " (\(all))" : " (\(shown) of \(all) matching /\(screen.filter))"
        return "marketplace of \(s.account?.name ?? "")" + count
    }

    static func details(_ item: MarketplaceItem, _ o: CatalogOverview) -> [CatalogView.Detail] {
        let l = item.listing, grants = item.grants ?? []
        var lines: [CatalogView.Detail] = [
            .init("lists", "\(o.entity(l)) · by \(l.createdBy) · updated \(Timestamp.day(l.updatedAt))")
        ]
        if let about = l.description, !about.isEmpty { lines.append(.init("about", about)) }
        lines.append(detail(item, label: "state"))
        lines.append(
            .init("terms", "\(l.pricingModel) · version \(l.version)" + (l.author.map { " · author \($0)" } ?? "")))
        if let answer = o.answer, let via = answer.items[l.id] {
            lines.append(
                .init(
                    "matched",
                    via.isEmpty ? "global: no grants, everyone" : via.map(o.reach.label).joined(separator: " · "),
                    .statusOK))
        }
        guard !grants.isEmpty else {
            lines.append(.init("grants", "none: every copilot user discovers it (+ narrows it)"))
            return lines
        }
        let order = CatalogScopeType.allCases
        lines.append(
            .init(
                "grants",
                grants.sorted { order.firstIndex(of: $0.type)! < order.firstIndex(of: $1.type)! }.map(o.reach.label)
                    .joined(separator: " · ")))
        let users = o.reach.reached(grants)
        lines.append(
            .init(
                "reaches",
                "\(users.count) \(users.count == 1 ? "user" : "users") through the tree"
                    + (users.isEmpty ? "" : ": " + CatalogView.names(users))))
        lines.append(
            .init("note", "discover matches a grant exactly: a client names the user, their team and org", .hintText))
        return lines
    }
}
