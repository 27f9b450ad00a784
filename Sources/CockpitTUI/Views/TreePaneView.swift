import CockpitCore

/// One tree pane: a title row (tree, account, crumbs, filter count) and the visible rows, the selection highlighted;
/// a node that carries a guardrail preset assignment is marked (`GuardrailMarks.glyph`) before its detail.
enum TreePaneView {
    static func draw(
        _ b: inout ScreenBuffer, _ s: CockpitState, _ domain: ProductDomain, x: Int, y: Int, width: Int, height: Int,
        narrow: Bool
    ) {
        let session = s.session
        let pane = session.panes[domain] ?? TreePaneState()
        let focused = session.focus == domain
        let rows = s.rows(domain)
        var title = "\(domain.rawValue) ▸ \(s.account?.name ?? "no account")"
        if let selected = pane.selected, let crumb = crumbs(rows, selected) { title += " › \(crumb)" }
        if !pane.filter.isEmpty {
            title +=
                "  /\(pane.filter) (\(HintBar.matches(TreeModel.matches(session.data[domain] ?? TreeData(), pane))))"
        }
        if narrow { title += "   [tab: \(domain == .console ? "copilot" : "console")]" }
        b.put(TextWidth.fit(" " + title, to: width), x: x, y: y, role: focused ? .frameFocus : .crumbs)
        let visible = height - 1
        guard visible > 0 else { return }
        if session.data[domain]?.orgs == nil {
            b.put(" loading…", x: x, y: y + 1, role: .statusWarn, limit: width)
            return
        }
        if rows.isEmpty {
            b.put(
                pane.filter.isEmpty ? " (no organizations)" : " (nothing matches)", x: x, y: y + 1, role: .statusWarn,
                limit: width)
            return
        }
        let marked = session.guardrailScopes[domain] ?? []
        let selectedIndex = rows.firstIndex { $0.id == pane.selected }
        let scroll = Self.scroll(pane.scroll, selected: selectedIndex, visible: visible, count: rows.count)
        for (i, row) in rows[scroll..<min(rows.count, scroll + visible)].enumerated() {
            let line = y + 1 + i
            let marker = row.expandable ? (row.expanded ? "▾ " : "▸ ") : "  "
            let indent = String(repeating: "  ", count: row.depth)
            let detailWidth = TextWidth.of(row.detail)
            let guarded = GuardrailMarks.key(row.id).map(marked.contains) ?? false
            let labelWidth = max(1, width - 2 - detailWidth - 1 - (guarded ? 2 : 0))
            b.put(
                TextWidth.fit(" " + indent + marker + row.label, to: labelWidth), x: x, y: line,
                role: s.isChanged(row.id) ? .changed : row.expandable ? .treeNode : .treeLeaf)
            b.put(row.detail + " ", x: x + width - detailWidth - 1, y: line, role: .crumbs, limit: detailWidth + 1)
            if guarded {
                b.put(GuardrailMarks.glyph, x: x + width - detailWidth - 3, y: line, role: .statusOK, limit: 1)
            }
            if row.id == pane.selected {
                b.paint(x: x, y: line, width: width, role: focused ? .selection : .selectionUnfocused)
            }
        }
    }

    /// The first row shown so that the selection is visible, moving as little as possible from `stored`.
    static func scroll(_ stored: Int, selected: Int?, visible: Int, count: Int) -> Int {
        var scroll = max(0, min(stored, max(0, count - visible)))
        if let selected {
            if selected < scroll { scroll = selected }
            if selected >= scroll + visible { scroll = selected - visible + 1 }
        }
        return scroll
    }

    /// The labels from the root to the selection's parent.
    static func crumbs(_ rows: [TreeRow], _ selected: NodeID) -> String? {
        guard let index = rows.firstIndex(where: { $0.id == selected }) else { return nil }
        var path: [String] = [rows[index].label]
        var depth = rows[index].depth
        for row in rows[..<index].reversed() where row.depth < depth {
            path.insert(row.label, at: 0)
            depth = row.depth
        }
        return path.count > 1 ? path.dropLast().joined(separator: " › ") : nil
    }
}
