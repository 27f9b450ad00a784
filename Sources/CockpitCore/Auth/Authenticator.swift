import Foundation

/// Turns a request's credential into a `Principal`, in one place, first match wins (CONTROL_PLANE.md):
/// the master key, a cockpit session token, then a virtual key. Anything else is `.unauthenticated`.
/// Zitadel tokens join this chain with their own issue.
public final class Authenticator: Sendable {
    /// What a successful `/v2/login` returns.
    public struct Login: Sendable, Equatable {
        public var token: String
        public var expiresAt: Date
        public var accountID: UUID?
        public var roles: [Role]
    }

    private struct KeyEntry: Sendable {
        let key: VirtualKey?
        let accountActive: Bool
        var teamBlocked = false
    }

    package let cockpit: Cockpit
    let sessions: SessionTokens
    /// Verifies Zitadel tokens; nil when no issuer is configured.
    public let zitadel: ZitadelVerifier?
    private let masterKey: String?
    let uiUsername: String
    let uiPassword: String?
    private let keys: CredentialCache<KeyEntry>
    /// Admin sessions: the admin's current credential version, or nil when the admin is gone or the account
    /// suspended; and the super-admin's (key `super`).
    let sessionVersions: CredentialCache<String?>
    private let accounts: CredentialCache<Bool>
    /// Slows password guessing at `/v2/login`.
    public let throttle: LoginThrottle

    /// - Parameters:
    ///   - sessions: the session signer (its own secret).
    ///   - cacheTTL: how long key and session look-ups are reused; changes by other instances show within it.
    ///   - zitadel: verifies Zitadel JWTs; nil when no issuer is configured.
    /// How an email signs in (`POST /v2/login/resolve`).
    public var loginResolver: LoginResolver { LoginResolver(cockpit: cockpit) }

    public init(cockpit: Cockpit, sessions: SessionTokens, zitadel: ZitadelVerifier? = nil, cacheTTL: TimeInterval = 1)
    {
        self.cockpit = cockpit
        self.sessions = sessions
        self.zitadel = zitadel
        masterKey = cockpit.settings.masterKey
        uiUsername = cockpit.settings["UI_USERNAME"] ?? "admin"
        uiPassword = cockpit.settings["UI_PASSWORD"]
        keys = CredentialCache(ttl: cacheTTL)
        sessionVersions = CredentialCache(ttl: cacheTTL)
        accounts = CredentialCache(ttl: cacheTTL)
        throttle = LoginThrottle()
        let (keys, admins, accounts) = (keys, sessionVersions, accounts)
        cockpit.context.events.subscribe { event in
            switch event {
            case .keyChanged(let hash): keys.remove { key, _ in key == hash }
            case .accountChanged(let id):
                keys.remove { _, entry in entry.key?.accountID == id }
                admins.remove { key, _ in key.hasPrefix(id.lowercased) }
                accounts.remove { key, _ in key == id.lowercased }
            case .adminChanged(let account, let email):
                admins.remove { key, _ in key == "\(account.lowercased):\(email)" }
            case .accessChanged(let id): keys.remove { _, entry in entry.key?.accountID == id }
            }
        }
    }

    /// The principal for a credential (bearer token, API key header…) and an optional `X-Account-Id`.
    /// Only a super-admin may name an account; anyone else naming another account is refused.
    public func authenticate(credential raw: String?, accountHeader: String? = nil) async throws -> Principal {
        guard let credential = raw?.trimmingSpacesAndTabs, !credential.isEmpty else {
            throw CockpitError.unauthenticated("missing credential: send Authorization: Bearer <key or token>")
        }
        var principal: Principal
        if isMasterKey(credential) {
            principal = .superAdmin(method: .masterKey)
        } else if SessionTokens.looksLikeToken(credential) {
            principal = try await session(credential)
        } else if let zitadel, ZitadelVerifier.looksLikeJWT(credential) {
            principal = try await zitadelPrincipal(try await zitadel.verify(credential), settings: zitadel.settings)
        } else if credential.hasPrefix("sk-") {
            principal = try await virtualKey(credential)
        } else if let zitadel, zitadel.settings.introspectionClientID != nil {
            principal = try await zitadelPrincipal(try await zitadel.introspect(credential), settings: zitadel.settings)
        } else {
            throw CockpitError.unauthenticated("invalid credential")
        }
        guard let header = accountHeader?.trimmingSpacesAndTabs, !header.isEmpty else { return principal }
        guard let named = UUID(uuidString: header) else {
            throw CockpitError.invalid(field: "X-Account-Id", reason: "is not an account id")
        }
        if principal.isSuperAdmin {
            guard try await accountExists(named) else { throw CockpitError.notFound("Account") }
            principal = principal.acting(in: named)
        } else if principal.accountID != named {
            throw CockpitError.forbidden("only a super-admin may name an account with X-Account-Id")
        }
        return principal
    }

    /// The principal of a verified Zitadel identity: the account whose stored organization id matches the token's
    /// organization, with the roles held in that organization (through the account's role mappings). Super-admin
    /// roles (ZITADEL_SUPER_ADMIN_ROLES) count in the vendor organization when ZITADEL_ORG_ID is set.
    private func zitadelPrincipal(_ identity: ZitadelIdentity, settings: ZitadelSettings) async throws -> Principal {
        let name = identity.email ?? identity.subject
        let superOrgs = identity.roles.filter { settings.superAdminRoles.contains($0.key) }.values.flatMap { $0 }
        // Only in the vendor organization (ZITADEL_ORG_ID, required by ZitadelSettings when super-admin roles are set).
        let isSuper = settings.organizationID.map { superOrgs.contains($0) } ?? false
        guard let organization = identity.organizationID,
            let account = try await cockpit.zitadelConfig.account(zitadelOrganizationID: organization)
        else {
            if isSuper { return .superAdmin(method: .zitadel, name: name) }
            throw CockpitError.forbidden("no account is linked to this Zitadel organization")
        }
        guard account.isActive else { throw CockpitError.unauthenticated("the account is suspended") }
        let config = ZitadelAccountConfig(metadata: account.metadata["zitadel"])
        guard config.enabled else { throw CockpitError.forbidden("Zitadel sign-in is not enabled for this account") }
        var roles = Set(
            identity.roles(in: organization).compactMap(config.role(forRoleKey:)).filter { $0 != .superAdmin })
        if isSuper { roles.insert(.superAdmin) }
        var principal = Principal(method: .zitadel, name: name, accountID: account.id, roles: roles)
        principal.identityUserID = identity.subject
        // The product-domains claim narrows the trees the roles give; it never widens them.
        let claimNames =
            config.productDomainsClaim.isEmpty
            ? ["product_domains_allowed", "alchemi:product_domains_allowed", "product_domains"]
            : [config.productDomainsClaim]
        if let listed = claimNames.lazy.compactMap({ identity.claims[$0] }).first {
            let names = listed.stringArray ?? listed.stringValue.map { [$0] } ?? []
            principal.domains.formIntersection(names.compactMap(ProductDomain.init(rawValue:)))
        }
        return principal
    }

    private func virtualKey(_ credential: String) async throws -> Principal {
        let key = try await virtualKey(secret: credential)
        return Principal(
            method: .virtualKey, name: key.keyAlias ?? key.maskedKey, accountID: key.accountID, roles: [.endUser],
            domains: key.domain.map { [$0] } ?? Set(ProductDomain.allCases), keyID: key.id)
    }

    /// The usable virtual key behind a secret (cached `cacheTTL`; evicted at once on block, delete or suspension),
    /// or `.unauthenticated` saying why not: unknown, blocked, expired, its account suspended or its team blocked.
    public func virtualKey(secret credential: String) async throws -> VirtualKey {
        let hash = KeyGenerator.hash(credential)
        var entry = keys.get(hash)
        if entry == nil {
            do {
                entry = try await cockpit.database.read(.superAdmin) { tx in
                    guard let key = try VirtualKeyRepository(tx).get(hash: hash) else {
                        return KeyEntry(key: nil, accountActive: false)
                    }
                    return KeyEntry(
                        key: key, accountActive: try AccountRepository(tx).get(key.accountID)?.isActive ?? false,
                        teamBlocked: try key.teamID.map { try TeamRepository(tx).isBlocked($0) } ?? false)
                }
                keys.set(hash, entry!)
            } catch {
                // The store is unreachable: keys already known keep working; unknown ones get a 503-class error.
                guard let known = keys.stale(hash) else {
                    throw CockpitError.unavailable(
                        "the store is unreachable, so this key cannot be checked; try again shortly")
                }
                entry = known
            }
        }
        guard let key = entry?.key else { throw CockpitError.unauthenticated("invalid API key") }
        guard !key.blocked else { throw CockpitError.unauthenticated("API key is blocked") }
        guard !key.isExpired() else { throw CockpitError.unauthenticated("API key has expired") }
        guard entry?.accountActive == true else { throw CockpitError.unauthenticated("the key's account is suspended") }
        guard entry?.teamBlocked != true else {
            throw CockpitError.unauthenticated("the key's team is blocked; unblock it with /team/unblock")
        }
        return key
    }

    /// True when the credential is the master key (compared in constant time).
    public func isMasterKey(_ credential: String) -> Bool {
        guard let masterKey else { return false }
        return KeyGenerator.constantTimeEquals(credential, masterKey)
    }

    private func accountExists(_ id: UUID) async throws -> Bool {
        if let known = accounts.get(id.lowercased) { return known }
        let exists = try await cockpit.database.read(.superAdmin) { try AccountRepository($0).get(id) != nil }
        accounts.set(id.lowercased, exists)
        return exists
    }
}
