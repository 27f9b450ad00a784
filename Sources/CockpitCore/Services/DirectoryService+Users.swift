import Foundation

/// A user to create or update: found by identity id first, then by email.
public struct UserInput: Sendable {
    public var email: String?
    public var identityUserID: String?
    public var displayName: String?
    public var role: String?
    public var metadata: JSONValue?
    public var maxBudget: Double?
    /// Teams (of the same account and domain) to add the user to, as a member.
    public var teamIDs: [UUID]

    public init(
        email: String? = nil, identityUserID: String? = nil, displayName: String? = nil, role: String? = nil,
        metadata: JSONValue? = nil, maxBudget: Double? = nil, teamIDs: [UUID] = []
    ) {
        self.email = email
        self.identityUserID = identityUserID
        self.displayName = displayName
        self.role = role
        self.metadata = metadata
        self.maxBudget = maxBudget
        self.teamIDs = teamIDs
    }
}

/// A `UserInput` checked once: the fields it sets, validated; nil leaves a field as it is.
struct ValidatedUserFields: Sendable {
    let email: String?
    let identity: String?
    let displayName: String?
    let role: Role?
    let metadata: JSONValue?
    let maxBudget: Double?

    init(_ input: UserInput, domain: ProductDomain) throws {
        email = try input.email.flatMap { $0.isEmpty ? nil : try Validation.email($0) }
        identity = try Validation.optionalName(input.identityUserID, field: "identity_user_id")
        displayName = try Validation.optionalName(input.displayName, field: "display_name")
        role = try input.role.map { try Role.parseUserRole($0, domain: domain) }
        metadata = try input.metadata.map { try Validation.metadata($0) }
        maxBudget = try Validation.budget(input.maxBudget)
    }

    /// Writes the set fields onto a user.
    func apply(to user: inout User, at now: Date) {
        if let email { user.email = email }
        if let identity { user.identityUserID = identity }
        if let displayName { user.displayName = displayName }
        if let role { user.role = role.rawValue }
        if let metadata { user.metadata = metadata }
        if let maxBudget { user.maxBudget = maxBudget }
        user.updatedAt = now
    }
}

extension DirectoryService {
    /// Creates the user, or updates the one with the same identity id or email; adds the given team memberships.
    /// Returns the user and whether it was created.
    public func upsertUser(
        account: UUID, domain: ProductDomain, _ input: UserInput
    ) async throws -> (user: User, created: Bool) {
        let actor = try context.changing(.writeTree(domain), in: account)
        let fields = try ValidatedUserFields(input, domain: domain)
        let (email, identity) = (fields.email, fields.identity)
        guard email != nil || identity != nil else {
            throw CockpitError.badRequest("Either email or identity_user_id is required")
        }
        let now = context.now()
        return try await write(account) { tx in
            let users = UserRepository(tx)
            let existing =
                try identity.flatMap { try users.find(identityUserID: $0, domain: domain) }
                ?? email.flatMap { try users.find(email: $0, domain: domain) }
            var user: User
            if let before = existing {
                user = before
                fields.apply(to: &user, at: before.updatedAt)
                if user != before {
                    user.updatedAt = now
                    try Self.checkUnique(users, user, domain: domain)
                    try users.update(user)
                    try audit(
                        tx, account, domain, actor, "user.update", "user", user.id.lowercased,
                        before: .snapshot(before), after: .snapshot(user))
                }
            } else {
                user = User(
                    id: UUID(), accountID: account, domain: domain, email: email, identityUserID: identity,
                    displayName: fields.displayName ?? email ?? identity ?? "user",
                    role: (fields.role ?? .endUser).rawValue,
                    metadata: fields.metadata ?? .emptyObject, maxBudget: fields.maxBudget, createdAt: now,
                    updatedAt: now, createdBy: actor.name)
                try users.insert(user)
                try audit(tx, account, domain, actor, "user.create", "user", user.id.lowercased, after: .snapshot(user))
            }
            for teamID in input.teamIDs {
                _ = try addMembership(
                    tx, account: account, domain: domain, teamID: teamID, userID: user.id, role: .member, actor: actor,
                    keepRole: true)
            }
            return (user, existing == nil)
        }
    }

    /// One user.
    public func user(account: UUID, domain: ProductDomain, id: UUID) async throws -> User {
        try context.reading(.readTree(domain), in: account)
        return try await read(account) { tx in
            guard let user = try UserRepository(tx).get(id, domain: domain) else {
                throw CockpitError.notFound("\(domain.rawValue) user")
            }
            return user
        }
    }

    /// Users of one tree in display-name order.
    public func users(account: UUID, domain: ProductDomain, page: PageRequest = .first) async throws -> Page<User> {
        try context.reading(.readTree(domain), in: account)
        return try await read(account) { try UserRepository($0).list(domain: domain, page: page) }
    }

    /// Users whose email or display name starts with `prefix` (at most `limit`).
    public func searchUsers(
        account: UUID, domain: ProductDomain, prefix: String, limit: Int = 20
    ) async throws -> [User] {
        try context.reading(.readTree(domain), in: account)
        let text = prefix.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.utf8.count <= 320 else {
            throw CockpitError.invalid(field: "q", reason: "must hold 1 to 320 bytes")
        }
        return try await read(account) { try UserRepository($0).search(domain: domain, prefix: text, limit: limit) }
    }

    /// Changes a user; fields left nil stay as they are.
    public func updateUser(account: UUID, domain: ProductDomain, id: UUID, _ input: UserInput) async throws -> User {
        let actor = try context.changing(.writeTree(domain), in: account)
        let fields = try ValidatedUserFields(input, domain: domain)
        let now = context.now()
        return try await write(account) { tx in
            let users = UserRepository(tx)
            guard let before = try users.get(id, domain: domain) else {
                throw CockpitError.notFound("\(domain.rawValue) user")
            }
            var after = before
            fields.apply(to: &after, at: now)
            try Self.checkUnique(users, after, domain: domain)
            try users.update(after)
            try audit(
                tx, account, domain, actor, "user.update", "user", id.lowercased, before: .snapshot(before),
                after: .snapshot(after))
            return after
        }
    }

    /// Deletes a user with its memberships, grants and keys.
    public func deleteUser(account: UUID, domain: ProductDomain, id: UUID) async throws {
        let actor = try context.changing(.writeTree(domain), in: account)
        try await write(account) { tx in
            let users = UserRepository(tx)
            guard let before = try users.get(id, domain: domain) else {
                throw CockpitError.notFound("\(domain.rawValue) user")
            }
            try users.delete(id, domain: domain)
            try audit(tx, account, domain, actor, "user.delete", "user", id.lowercased, before: .snapshot(before))
        }
    }

    static func checkUnique(_ users: UserRepository, _ user: User, domain: ProductDomain) throws {
        if let email = user.email, let other = try users.find(email: email, domain: domain), other.id != user.id {
            throw CockpitError.conflict("a user with email \(email) already exists in the \(domain.rawValue) tree")
        }
        if let identity = user.identityUserID, let other = try users.find(identityUserID: identity, domain: domain),
            other.id != user.id
        {
            throw CockpitError.conflict(
                "a user with identity id \(identity) already exists in the \(domain.rawValue) tree")
        }
    }
}
