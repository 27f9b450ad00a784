import Foundation

extension Transaction {
    /// One page of a keyset-paginated list ordered by (`sortColumn`, `id`): the cursor holds the last item's
    /// sort key and id, so every page is one index range scan however deep the list goes.
    func keysetPage<T>(
        columns: String, table: String, conditions: [String], parameters: [SQLValue], sortColumn: String,
        page: PageRequest, decode: (SQLRow) throws -> T, sortKey: (T) -> String, id: (T) -> String
    ) throws -> Page<T> {
        var p = parameters
        var where_ = conditions
        if let cursor = page.cursor {
            let parts = try KeysetCursor.decode(cursor, parts: 2)
            where_.append("(\(sortColumn), id) > (\(bind(.text(parts[0]), &p)), \(bind(.text(parts[1]), &p)))")
        }
        let rows = try query(
            """
            SELECT \(columns) FROM \(table) WHERE \(where_.joined(separator: " AND "))
            ORDER BY \(sortColumn), id LIMIT \(page.limit + 1)
            """, p)
        let items = try rows.prefix(page.limit).map(decode)
        let next = rows.count > page.limit ? items.last.map { KeysetCursor.encode([sortKey($0), id($0)]) } : nil
        return Page(items: items, nextCursor: next)
    }
}
