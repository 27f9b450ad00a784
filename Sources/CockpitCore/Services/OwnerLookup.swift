import Foundation

/// Which account a super-admin's call acts in when it names none, as LiteLLM's single-tenant master key expects: the
/// account owning the key, user, team or organization the call names, else the installation's default account
/// (COCKPIT_DEFAULT_ACCOUNT, created by `cockpit migrate` when no account exists). Super-admin only: anyone else
/// always acts in their own account.
public struct OwnerLookup: Sendable {
    let context: ServiceContext
    /// The default account's name; nil when the installation has none (multi-tenant).
    let defaultName: String?

    init(_ context: ServiceContext, defaultName: String?) { (self.context, self.defaultName) = (context, defaultName) }

    /// What a call names.
    public enum Reference: Sendable {
        /// A virtual key: its secret, hash or id.
        case key(String)
        case user(UUID)
        case team(UUID)
        case organization(UUID)
    }

    /// The account owning the first reference that names something; nil when none does.
    public func owner(of references: [Reference]) async throws -> UUID? {
        try context.reading(.superAdmin)
        return try await context.read(.superAdmin) { tx in
            for reference in references {
                if let owner = try Self.owner(of: reference, tx) { return owner }
            }
            return nil
        }
    }

    /// The default account's id; nil when none is configured or it does not exist.
    public func defaultAccount() async throws -> UUID? {
        try context.reading(.superAdmin)
        guard let name = defaultName else { return nil }
        return try await context.read(.superAdmin) { try AccountRepository($0).find(name: name)?.id }
    }

    /// Creates the default account when one is configured and the installation has no account at all; returns it
    /// when created. No admin is added (the master key and super-admins manage it).
    public func ensureDefaultAccount() async throws -> Account? {
        _ = try context.changing(.superAdmin)
        guard let name = defaultName else { return nil }
        let empty = try await context.read(.superAdmin) {
            try AccountRepository($0).list(status: nil, includeDeleted: true, page: PageRequest(limit: 1)).items.isEmpty
        }
        guard empty else { return nil }
        let slug = name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        let bundle = try await AccountService(context).create(
            NewAccount(name: name, domain: "\(slug.isEmpty ? "default" : slug).local", adminEmail: nil))
        return bundle.account
    }

    static func owner(of reference: Reference, _ tx: Transaction) throws -> UUID? {
        switch reference {
        case .key(let text): return try KeyService.lookup(text, VirtualKeyRepository(tx))?.accountID
        case .user(let id):
            return try ProductDomain.allCases.lazy.compactMap { try UserRepository(tx).get(id, domain: $0) }.first?
                .accountID
        case .team(let id):
            return try ProductDomain.allCases.lazy.compactMap { try TeamRepository(tx).get(id, domain: $0) }.first?
                .accountID
        case .organization(let id):
            return try ProductDomain.allCases.lazy.compactMap { try OrganizationRepository(tx).get(id, domain: $0) }
                .first?.accountID
        }
    }
}
