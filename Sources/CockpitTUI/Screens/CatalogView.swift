/// How `:agents`, `:connections` and `:marketplace` are drawn: a panel with the list on top (a header line, the rows
/// in sight, the selection), a divider naming the selection and where `+` grants, and the selection's details below
/// as labelled lines, wrapped, as many as fit (the last cut with `…`).
enum CatalogView {
    /// One labelled line of the details (`grants   team Support · user ana@acme.io`).
    struct Detail {
        var label: String
        var text: String
        var role: StyleRole = .dialog

        init(_ label: String, _ text: String, _ role: StyleRole = .dialog) {
            (self.label, self.text, self.role) = (label, text, role)
        }
    }

    /// The width of the details' labels.
    static let labelWidth = 12

    static func draw(
        _ b: inout ScreenBuffer, title: String, columns: [ListTable.Column], rows: [ListTable.Row]?, selected: Int,
        empty: String, divider: String, details: [Detail]
    ) {
        let (x, y, width, height) = Box.panel(&b, title: title)
        // The list takes what its rows need, at most two fifths of the panel; the details the rest.
        let inner = height - 2
        let listRows = max(4, min(inner * 2 / 5, (rows?.count ?? inner) + 1))
        ListTable.draw(
            &b, x: x, y: y + 1, width: width, height: listRows, columns: columns, rows: rows,
            selected: rows?.isEmpty == false ? selected : nil, empty: empty)
        let line = y + 1 + listRows
        Box.horizontal(&b, x: x, y: line, width: width, left: "├", right: "┤", role: .dialog)
        b.put(" \(divider) ", x: x + 2, y: line, role: .title, limit: width - 4)
        var row = line + 1
        let bottom = y + height - 2, cells = width - 4 - labelWidth
        for (i, detail) in details.enumerated() where row <= bottom {
            let lines = wrap(detail.text, cells: cells)
            // Keep a line for each detail still to come; the last detail takes what is left.
            let room = max(1, bottom - row + 1 - (details.count - 1 - i))
            b.put(detail.label, x: x + 2, y: row, role: .title, limit: labelWidth - 1)
            for (n, text) in lines.prefix(room).enumerated() {
                let cut = n == room - 1 && lines.count > room
                b.put(
                    cut ? TextWidth.truncate(text + " …", to: cells) : text, x: x + 2 + labelWidth, y: row,
                    role: detail.role, limit: cells)
                row += 1
            }
        }
    }

    /// `text` in lines of at most `cells`, broken after ` · ` or a space where one is near, else anywhere.
    static func wrap(_ text: String, cells: Int) -> [String] {
        guard cells > 4 else { return [text] }
        var lines: [String] = [], rest = Substring(text)
        while TextWidth.of(String(rest)) > cells {
            var used = 0, end = rest.startIndex
            while end < rest.endIndex, used + TextWidth.of(rest[end]) <= cells {
                used += TextWidth.of(rest[end])
                end = rest.index(after: end)
            }
            let head = rest[..<end]
            var breakAt =
                head.range(of: " · ", options: .backwards)?.upperBound
                ?? head.lastIndex(of: " ").map { head.index(after: $0) }
            if let at = breakAt, head.distance(from: head.startIndex, to: at) < head.count / 2 { breakAt = nil }
            let cut = breakAt ?? end
            lines.append(String(rest[..<cut]).trimmingCharacters(in: .whitespaces))
            rest = rest[cut...].drop { $0 == " " }
        }
        lines.append(String(rest))
        return lines
    }

    /// A list of names as far as `limit` goes, then how many more (`ana, bob and 3 more`).
    static func names(_ all: [String], limit: Int = 12) -> String {
        guard all.count > limit else { return all.joined(separator: ", ") }
        return all.prefix(limit).joined(separator: ", ") + " and \(all.count - limit) more"
    }
}
