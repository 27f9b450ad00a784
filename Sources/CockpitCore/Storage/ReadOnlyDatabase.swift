import Foundation

/// A store seen through a read-only principal (`cockpit tui --read-only`): reads pass through, every write
/// transaction is refused before it begins, whichever service or path asks for it. System connections (migration
/// status, health) pass through; nothing a read-only cockpit does reaches the migration runner.
public struct ReadOnlyDatabase: Database {
    public let base: Database

    public init(_ base: Database) { self.base = base }

    /// The error every refused write gets.
    public static let refusal = Policy.readOnlyRefusal

    public var dialect: SQLDialect { base.dialect }
    public var location: String { base.location }

    public func transaction<T: Sendable>(
        _ scope: AccountScope, readOnly: Bool, priority: WorkPriority,
        _ body: @escaping @Sendable (Transaction) throws -> T
    ) async throws -> T {
        guard readOnly else { throw Self.refusal }
        return try await base.transaction(scope, readOnly: true, priority: priority, body)
    }

    public func withSystemConnection<T: Sendable>(
        _ body: @escaping @Sendable (SQLConnection) throws -> T
    ) async throws -> T {
        try await base.withSystemConnection(body)
    }

    public func close() async { await base.close() }
}
