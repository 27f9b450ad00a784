/// A list inside a dialog or panel: a header line, then one line per row, the selected row highlighted and the list
/// scrolled to keep it in sight. Every list view draws its rows through this.
enum ListTable {
    /// A column: its title and width in cells (the last column takes what is left).
    struct Column {
        var title: String
        var width: Int
    }

    /// One row: its cells in column order and the role it is drawn in.
    struct Row {
        var cells: [String]
        var role: StyleRole = .dialog
        /// The cell from which the rest of the line is written as it is, across the columns (a heading row); nil: each
        /// cell fits its column.
        var spansFrom: Int?
    }

    /// Draws `rows` under `columns` in the area (`x`, `y`, `width`, `height` inside a frame); `selected` nil for none;
    /// `empty` when there are no rows; `loading` when the rows are not there yet (nil rows).
    static func draw(
        _ b: inout ScreenBuffer, x: Int, y: Int, width: Int, height: Int, columns: [Column], rows: [Row]?,
        selected: Int?,
        empty: String
    ) {
        guard let rows else { b.put("loading…", x: x + 2, y: y, role: .statusWarn); return }
        var header = ""
        for (i, column) in columns.enumerated() {
            header += i == columns.count - 1 ? column.title : TextWidth.fit(column.title, to: column.width)
        }
        if !header.trimmingCharacters(in: .whitespaces).isEmpty {
            b.put(header, x: x + 2, y: y, role: .title, limit: width - 4)
        }
        let top = header.trimmingCharacters(in: .whitespaces).isEmpty ? y : y + 1
        if rows.isEmpty { b.put(empty, x: x + 2, y: top, role: .statusWarn, limit: width - 4) }
        let visible = max(1, height - (top - y))
        let first = TreePaneView.scroll(0, selected: selected, visible: visible, count: rows.count)
        for (i, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            var line = ""
            for (c, cell) in row.cells.enumerated() {
                let loose = c >= min(columns.count - 1, row.spansFrom ?? Int.max)
                line += loose ? cell : TextWidth.fit(cell, to: columns[c].width)
            }
            b.put(line, x: x + 2, y: top + i, role: row.role, limit: width - 4)
            if first + i == selected { b.paint(x: x + 1, y: top + i, width: width - 2, role: .dialogButtonFocus) }
        }
    }
}
