import Foundation

/// The tenant boundary of a storage call. Every repository call on tenant data runs inside a transaction
/// opened with a scope: one account, or the explicit cross-tenant scope of a super-admin. There is no
/// unscoped way to reach tenant tables; on PostgreSQL row-level security enforces the same scope again.
public struct AccountScope: Sendable, Hashable, CustomStringConvertible {
    /// The account this scope is limited to; nil only for the super-admin's cross-tenant scope.
    public let accountID: UUID?

    private init(accountID: UUID?) { self.accountID = accountID }

    /// Limited to one account.
    public static func account(_ id: UUID) -> AccountScope { AccountScope(accountID: id) }

    /// Every account: only for super-admin reads and for system work that must span tenants
    /// (account lifecycle, virtual-key lookup by hash).
    public static let superAdmin = AccountScope(accountID: nil)

    /// True for the cross-tenant scope.
    public var isSuperAdmin: Bool { accountID == nil }

    /// The account for a write. A write into tenant tables always names its account, also for a super-admin.
    public func requireAccount() throws -> UUID {
        guard let accountID else { throw CockpitError.accountContextRequired }
        return accountID
    }

    /// True when this scope may see rows of `account`.
    public func covers(_ account: UUID?) -> Bool { accountID == nil || accountID == account }

    public var description: String { accountID.map { "account \($0.uuidString.lowercased())" } ?? "super-admin" }
}
