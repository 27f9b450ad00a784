/// One SQL migration file compiled into the binary.
public struct EmbeddedMigrationFile: Sendable {
    /// `postgres` or `sqlite`: the folder the file came from.
    public let dialect: String
    /// The file name, `NNNN_name.sql`.
    public let name: String
    /// The SQL text of the file.
    public let sql: String

    /// A migration file; the build plugin makes these from `migrations/<dialect>/*.sql`.
    public init(dialect: String, name: String, sql: String) {
        self.dialect = dialect
        self.name = name
        self.sql = sql
    }
}

/// The versioned SQL files of `migrations/postgres` and `migrations/sqlite`, embedded at build time.
public enum EmbeddedMigrations {
    /// The files of one dialect, sorted by name.
    public static func files(dialect: String) -> [EmbeddedMigrationFile] {
        files.filter { $0.dialect == dialect }.sorted { $0.name < $1.name }
    }
}
