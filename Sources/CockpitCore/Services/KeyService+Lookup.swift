import Foundation

/// Reading keys: one by reference, a key's own info, and lists by owner.
extension KeyService {
    /// A key of the account by id, by the SHA-256 of its secret, or by its secret.
    public func find(account: UUID, _ reference: String) async throws -> VirtualKey {
        try context.reading(.manageKeys, in: account)
        return try await context.read(.account(account)) { tx in
            guard let key = try Self.lookup(reference, VirtualKeyRepository(tx)) else {
                throw CockpitError.notFound("key")
            }
            return key
        }
    }

    /// LiteLLM's `/key/info`: a virtual key reads itself (naming another key is refused); anyone else needs
    /// `.manageKeys` and names the key.
    public func info(account: UUID, _ reference: String?) async throws -> VirtualKey {
        let caller = context.caller
        guard caller.method == .virtualKey, let own = caller.keyID else {
            guard let reference, !reference.isEmpty else {
                throw CockpitError.invalid(field: "key", reason: "is required")
            }
            return try await find(account: account, reference)
        }
        try context.reading(.authenticated, in: account)
        return try await context.read(.account(account)) { tx in
            let keys = VirtualKeyRepository(tx)
            guard let key = try keys.get(own) else { throw CockpitError.notFound("key") }
            if let reference, !reference.isEmpty {
                guard let asked = try Self.lookup(reference, keys) else { throw CockpitError.notFound("key") }
                guard asked.id == own else { throw CockpitError.forbidden("a key may only read its own info") }
            }
            return key
        }
    }

    /// Checks, before anything is written, that the caller may generate keys in `account` (a user created with a key
    /// checks this first, so a refusal leaves no user behind).
    public func checkMayGenerate(account: UUID) throws {
        _ = try context.changing(.manageKeys, in: account)
    }

    /// Keys of an account, oldest first, optionally of one team or user. With `domain` and an owner, the keys of that
    /// team or user of that tree, readable by whoever may read the tree; otherwise `.manageKeys`.
    public func list(
        account: UUID, domain: ProductDomain? = nil, teamID: UUID? = nil, userID: UUID? = nil,
        page: PageRequest = .first
    ) async throws -> Page<VirtualKey> {
        if let domain, teamID != nil || userID != nil {
            try context.reading(.readTree(domain), in: account)
        } else {
            try context.reading(.manageKeys, in: account)
        }
        let found = try await context.read(.account(account)) {
            try VirtualKeyRepository($0).list(teamID: teamID, userID: userID, page: page)
        }
        guard let domain else { return found }
        return Page(items: found.items.filter { $0.domain == domain }, nextCursor: found.nextCursor)
    }

    static func lookup(_ reference: String, _ keys: VirtualKeyRepository) throws -> VirtualKey? {
        if let id = UUID(uuidString: reference) { return try keys.get(id) }
        if reference.hasPrefix("sk-") { return try keys.get(hash: KeyGenerator.hash(reference)) }
        guard reference.utf8.count == 64, reference.allSatisfy(\.isHexDigit) else { return nil }
        return try keys.get(hash: reference.lowercased())
    }
}
