import CockpitAPI
import CockpitCore
import Foundation

/// How `:guardrails` is drawn: the presets (code, patterns, name, where assigned) each followed by its patterns (name,
/// type, action, direction, enabled, regex), then the selection's details: the preset's assignments by name or the
/// pattern's regex, and the presets in effect for the node selected in the tree with the scope each comes from.
enum GuardrailsView {
    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState, _ o: GuardrailsOverview?) {
        let domain = GuardrailsScreen.domain(screen)
        let wide = b.width >= 120
        let columns: [ListTable.Column] = [
            .init(title: "preset / pattern", width: wide ? 28 : 20), .init(title: "type", width: 8),
            .init(title: "action", width: wide ? 10 : 8), .init(title: "applies", width: 8),
            .init(title: "on", width: 4), .init(title: "regex", width: 0),
        ]
        let rows = o?.rows
        let table = o.map { o in rows!.map { row(o, $0) } }
        let selected = rows.flatMap { screen.selected < $0.count ? $0[screen.selected] : nil }
        let count = o.map { " (\($0.presets.count) \($0.presets.count == 1 ? "preset" : "presets"))" } ?? ""
        CatalogView.draw(
            &b, title: "guardrails of the \(domain.rawValue) tree of \(s.account?.name ?? "")" + count,
            columns: columns, rows: table, selected: screen.selected,
            empty: "no presets in this tree yet: n creates one",
            divider: divider(selected, o, s), details: o.map { details(selected, $0) } ?? [])
    }

    /// A row of the list: a preset (its patterns counted, where it is assigned) or a pattern under it.
    static func row(_ o: GuardrailsOverview, _ row: GuardrailsOverview.Row) -> ListTable.Row {
        let preset = o.presets[row.preset]
        switch row {
        case .preset:
            let patterns = o.patterns(preset).count, assigned = o.assignments(of: preset).count
            let mark = assigned > 0 ? "\(GuardrailMarks.glyph) " : "  "
            let what =
                "\(preset.name) · \(patterns) \(patterns == 1 ? "pattern" : "patterns")"
                + (assigned > 0 ? " · assigned \(assigned)×" : "")
            return ListTable.Row(cells: [mark + preset.code + " ", what], role: .title, spansFrom: 1)
        case .pattern(_, let index):
            let p = o.patterns(preset)[index]
            return ListTable.Row(
                cells: [
                    "    " + (p.patternName ?? "?") + " ", (p.patternType ?? "?") + " ", (p.action ?? "") + " ",
                    p.appliesTo + " ", p.enabled ? "yes " : "no ", p.patternRegex ?? "",
                ], role: p.enabled ? .dialog : .treeLeaf)
        }
    }

    /// The selection and where `+` assigns (the node selected in the tree).
    static func divider(_ row: GuardrailsOverview.Row?, _ o: GuardrailsOverview?, _ s: CockpitState) -> String {
        guard let o, let row else { return "" }
        let preset = o.presets[row.preset]
        let selection: String
        switch row {
        case .preset: selection = "preset \(preset.code)"
        case .pattern(_, let index): selection = "pattern \(o.patterns(preset)[index].patternName ?? "?")"
        }
        let target = o.reach.label(TreeReach.scope(of: s.session.panes[o.domain]?.selected, account: s.accountID))
        return "\(selection) · + assigns to \(target)"
    }

    static func details(_ row: GuardrailsOverview.Row?, _ o: GuardrailsOverview) -> [CatalogView.Detail] {
        var lines: [CatalogView.Detail] = []
        if let row {
            let preset = o.presets[row.preset]
            switch row {
            case .preset:
                lines.append(
                    .init(
                        "preset",
                        "\(preset.code) · \(preset.name) · by \(preset.createdBy) · updated "
                            + Timestamp.day(preset.updatedAt)))
                let scopes = o.assignments(of: preset).map { o.label($0.scopeType.rawValue, $0.scopeID) }
                lines.append(
                    scopes.isEmpty
                        ? .init("assigned", "nowhere yet (+ assigns it)", .statusWarn)
                        : .init("assigned", scopes.joined(separator: " · ")))
            case .pattern(_, let index):
                let p = o.patterns(preset)[index]
                lines.append(.init("regex", p.patternRegex ?? "none", .title))
                let effect =
                    GuardrailPattern(
                        entry: GuardrailForms.entries(preset)[index])?.effect.rawValue
                    ?? "not a pattern the engine reads"
                lines.append(
                    .init(
                        "does",
                        "\(effect) · \(p.appliesTo) · \(p.enabled ? "enabled" : "disabled")"
                            + (p.isSystem ? " · system" : "") + " · in preset \(preset.code)"))
            }
        }
        lines += effective(o)
        return lines
    }

    /// The presets in effect for the node selected in the tree (the account when none), with their sources.
    static func effective(_ o: GuardrailsOverview) -> [CatalogView.Detail] {
        guard let e = o.effective else { return [] }
        let node = TreeReach.scope(of: e.node, account: nil)
        let who = e.node == nil ? "the account" : o.reach.label(node)
        if let refusal = e.refusal {
            return [.init("effective", "for \(who): could not be read: \(refusal)", .statusError)]
        }
        let items = e.answer?.items ?? []
        guard !items.isEmpty else {
            return [.init("effective", "for \(who): no presets (nothing assigned up its chain)", .statusWarn)]
        }
        let text = items.map { "\($0.code) from \(o.label($0.sourceScopeType, $0.sourceScopeID))" }
        return [.init("effective", "for \(who): " + text.joined(separator: " · "), .statusOK)]
    }
}
