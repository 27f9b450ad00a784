import CockpitCore
import Foundation

/// How `:connections` is drawn: the connections (name, type, whether a secret is stored, grants, users, marketplace)
/// and the selected one's details: type and credential visibility, the config's URLs (its other values are not
/// shown), "secret: set" or "none" (never the secret), grants by scope with names and who can use it, the
/// marketplace listing and the last test.
enum ConnectionsView {
    static func draw(
        _ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState, _ o: CatalogOverview?,
        _ rows: [CatalogConnection]?
    ) {
        let wide = b.width >= 120
        let columns: [ListTable.Column] = [
            .init(title: "connection", width: wide ? 30 : 20), .init(title: "type", width: 10),
            .init(title: "secret", width: 8), .init(title: "grants", width: wide ? 8 : 7),
            .init(title: "users", width: wide ? 8 : 6), .init(title: "marketplace", width: 0),
        ]
        let table = rows.map { list in
            list.map { c -> ListTable.Row in
                let grants = (o?.connectionGrants[c.id] ?? []).map(\.scope)
                return ListTable.Row(
                    cells: [
                        c.name + " ", c.type.rawValue + " ", secret(c.secretStored, short: true) + " ",
                        "\(grants.count) ", "\(o?.reach.reached(grants).count ?? 0) ",
                        MarketplaceView.state(o?.listing("connection", c.id)),
                    ], role: grants.isEmpty ? .treeLeaf : .dialog)
            }
        }
        let selected = rows.flatMap { screen.selected < $0.count ? $0[screen.selected] : nil }
        CatalogView.draw(
            &b, title: title(s, screen, o, rows), columns: columns, rows: table, selected: screen.selected,
            empty: screen.filter.isEmpty && o?.answer == nil
                ? "no connections yet: n creates one" : "no connection matches",
            divider: CatalogText.divider(selected.map { "connection \($0.name)" }, o, s),
            details: selected.map { details($0, o!) } ?? [])
    }

    static func title(
        _ s: CockpitState, _ screen: ScreenState, _ o: CatalogOverview?, _ rows: [CatalogConnection]?
    ) -> String {
        let all = o?.connections.count ?? 0, shown = rows?.count ?? 0
        if let o, let answer = o.answer {
            return "connections \(answer.ask.label(o.reach)) may use (\(shown) of \(all))"
        }
        let count =
            o == nil ? "" : screen.filter.isEmpty ? " (\(all))" : " (\(shown) of \(all) matching /\(screen.filter))"
        return "connections of \(s.account?.name ?? "")" + count
    }

    /// Whether a secret is stored, in words: never the secret itself.
    static func secret(_ stored: Bool?, short: Bool = false) -> String {
        switch stored {
        case true?: short ? "set" : "set (sealed; never shown)"
        case false?: "none"
        case nil: short ? "masked" : "masked by the server (it does not say whether one is set)"
        }
    }

    static func details(_ c: CatalogConnection, _ o: CatalogOverview) -> [CatalogView.Detail] {
        let grants = o.connectionGrants[c.id] ?? []
        var lines: [CatalogView.Detail] = [
            .init("type", "\(c.type.rawValue) · by \(c.createdBy) · updated \(Timestamp.day(c.updatedAt))")
        ]
        if let about = c.description, !about.isEmpty { lines.append(.init("about", about)) }
        lines.append(
            .init(
                "access",
                (c.credentialVisibility == .useOnly
                    ? "use_only: users never see the credentials" : "self_managed: users bring their own credentials")
                    + (c.allowUserSelfManage ? " · users may manage their own" : "")))
        lines.append(.init("secret", secret(c.secretStored), c.secretStored == false ? .treeLeaf : .dialog))
        lines.append(.init("config", config(c)))
        if let answer = o.answer, let via = answer.items[c.id] {
            lines.append(.init("granted via", via.map(o.reach.label).joined(separator: " · "), .statusOK))
        }
        lines += CatalogText.grants(
            grants.map(\.scope), o, manage: Set(grants.filter(\.canManage).map(\.scope)))
        lines.append(MarketplaceView.detail(o.listing("connection", c.id)))
        lines.append(test(o.probes[c.id]))
        return lines
    }

    /// The config in a line: its URLs with where they are, then the names of its other members (not their values).
    static func config(_ c: CatalogConnection) -> String {
        let urls = c.urls
        let named = Set(urls.map { $0.path.split(separator: ".").first.map(String.init) ?? $0.path })
        let others = (c.config.objectValue ?? [:]).keys.sorted().filter { !named.contains($0) }
        guard !urls.isEmpty || !others.isEmpty else { return "{} (empty)" }
        let members = others.joined(separator: ", ")
        guard !urls.isEmpty else { return "no URL · members: \(members)" }
        return (urls.map { "\($0.path) \($0.url)" } + (others.isEmpty ? [] : ["also " + members])).joined(
            separator: " · ")
    }

    /// The last test of a connection: its status, latency and what it found (never the secret).
    static func test(_ health: ConnectionHealth?) -> CatalogView.Detail {
        guard let h = health else { return .init("last test", "not tested yet (t tests it)", .treeLeaf) }
        let words = h.status == .timedOut ? "timed out" : h.status.rawValue
        return .init(
            "last test",
            ([words, "\(h.latencyMs) ms"] + (h.detail.isEmpty ? [] : [h.detail])).joined(separator: " · "),
            h.status == .reachable ? .statusOK : .statusError)
    }
}
