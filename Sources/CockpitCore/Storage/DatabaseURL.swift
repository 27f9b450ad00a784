import Foundation

/// Chooses and opens the store named by DATABASE_URL: `postgres://…` (or `postgresql://…`) → PostgreSQL,
/// `sqlite:PATH` → that SQLite file, empty → the embedded default file under COCKPIT_HOME.
package enum DatabaseURL {
    /// Opens the store for a URL; `defaultSQLitePath` is used when the URL is empty.
    package static func open(_ url: String?, defaultSQLitePath: String, poolSize: Int = 8) throws -> Database {
        let url = (url ?? "").trimmingCharacters(in: .whitespaces)
        if url.isEmpty { return try SQLiteDatabase(path: defaultSQLitePath) }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return PostgresDatabase(url: url, poolSize: poolSize)
        }
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else {
                throw StorageError.badURL("sqlite: needs a file path, e.g. sqlite:/var/lib/cockpit.db")
            }
            return try SQLiteDatabase(path: (path as NSString).expandingTildeInPath)
        }
        throw StorageError.badURL("expected postgres://… or sqlite:PATH, got \(redacted(url))")
    }

    /// The URL with any password replaced by `***`, for logs and `cockpit doctor`.
    package static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"),
            let at = url.range(of: "@", range: schemeEnd.upperBound..<url.endIndex)
        else {
            return url.replacingOccurrences(of: #"password=\S+"#, with: "password=***", options: .regularExpression)
        }
        let userInfo = url[schemeEnd.upperBound..<at.lowerBound]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at.lowerBound...])
    }
}
