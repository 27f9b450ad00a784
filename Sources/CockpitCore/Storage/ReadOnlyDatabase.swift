import Foundation

/// A store seen through a read-only principal (`cockpit tui --read-only`): reads pass through, every write
/// transaction is refused before it begins, whichever service or path asks for it. System connections (migration
/// status, health) pass through; nothing a read-only cockpit does reaches the migration runner.
package struct ReadOnlyDatabase: Database {
    package let base: Database

    package init(_ base: Database) { self.base = base }

    /// The error every refused write gets.
    package static let refusal = Policy.readOnlyRefusal

    package var dialect: SQLDialect { base.dialect }
    package var location: String { base.location }

    package func transaction<T: Sendable>(
        _ scope: AccountScope, readOnly: Bool, priority: WorkPriority,
        _ body: @escaping @Sendable (Transaction) throws -> T
    ) async throws -> T {
        guard readOnly else { throw Self.refusal }
        return try await base.transaction(scope, readOnly: true, priority: priority, body)
    }

    package func withSystemConnection<T: Sendable>(
        _ body: @escaping @Sendable (SQLConnection) throws -> T
    ) async throws -> T {
        try await base.withSystemConnection(body)
    }

    package func close() async { await base.close() }
}
