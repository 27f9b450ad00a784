import Foundation

/// Who is calling, as established by authentication: how they proved it, which account they act in, and the
/// roles they hold there. Every route and cockpit action asks the `Policy` about a principal.
public struct Principal: Sendable, Equatable {
    /// How the principal authenticated.
    public enum Method: String, Sendable, Codable {
        case masterKey = "master_key"
        case session
        case zitadel
        case virtualKey = "virtual_key"
        case local
        /// The `cockpit` command run on the machine by its operator (who holds the store's credentials).
        case cli
        /// Work the system does by itself (seeding, maintenance).
        case system
    }

    public var method: Method
    /// An email, `super-admin`, or a key alias/masked key.
    public var name: String
    /// The tenant; nil for a super-admin who has not named one.
    public var accountID: UUID?
    public var roles: Set<Role>
    /// The product trees this principal may touch.
    public var domains: Set<ProductDomain>
    /// The virtual key a key principal authenticated with.
    public var keyID: UUID?
    /// The identity provider's user id (Zitadel `sub`), which links the principal to users of the trees.
    public var identityUserID: String?
    /// True when the principal may change nothing (`--read-only`): the store it is given refuses every write.
    public var readOnly = false
    /// The request being served, recorded with every change it makes.
    public var requestID: String?

    public init(
        method: Method, name: String, accountID: UUID?, roles: Set<Role>,
        domains: Set<ProductDomain> = Set(ProductDomain.allCases),
        keyID: UUID? = nil
    ) {
        self.method = method
        self.name = name
        self.accountID = accountID
        self.roles = roles
        self.domains = domains
        self.keyID = keyID
    }

    /// The super-admin (master key, UI login, or a token with a super-admin role).
    public static func superAdmin(method: Method, name: String = "super-admin") -> Principal {
        Principal(method: method, name: name, accountID: nil, roles: [.superAdmin])
    }

    /// The operator of the machine running a `cockpit` command: a super-admin whose changes are audited as `cli@local`.
    public static let `operator` = Principal(method: .cli, name: "cli@local", accountID: nil, roles: [.superAdmin])

    /// The system itself (demo seeding, maintenance): a super-admin audited as `system`.
    public static let system = Principal(method: .system, name: "system", accountID: nil, roles: [.superAdmin])

    /// True when the principal's only power over `domain`'s members comes from a team-admin role, so it may
    /// change only the teams it administers.
    public func isOnlyTeamAdmin(in domain: ProductDomain) -> Bool {
        !isSuperAdmin && !roles.contains(.accountAdmin) && !roles.contains(Role.orgAdmin(domain))
            && roles.contains(Role.teamAdmin(domain))
    }

    /// True for a super-admin.
    public var isSuperAdmin: Bool { roles.contains(.superAdmin) }

    /// The same principal acting inside one account (only super-admins may be moved; see `Authenticator`).
    public func acting(in account: UUID) -> Principal {
        var copy = self
        copy.accountID = account
        return copy
    }

    /// The same principal, unable to change anything.
    public func readingOnly() -> Principal {
        var copy = self
        copy.readOnly = true
        return copy
    }

    /// The account a tenant call runs in; `.accountContextRequired` when there is none.
    public func requireAccount() throws -> UUID {
        guard let accountID else { throw CockpitError.accountContextRequired }
        return accountID
    }

    /// The audit actor for writes by this principal.
    public func actor() -> Actor {
        Actor(name: name, authMethod: method.rawValue, requestID: requestID)
    }

    /// The same principal serving one request.
    public func serving(request id: String?) -> Principal {
        var copy = self
        copy.requestID = id
        return copy
    }

    /// `console`, `copilot` or `all`, as `/v1/me/context` reports it.
    public var domainsDescription: [String] {
        domains.count == ProductDomain.allCases.count ? ["all"] : domains.map(\.rawValue).sorted()
    }
}
