import Foundation

/// Sign-in with a password (`/v2/login`), the session tokens it issues, and their end (`/v2/logout`).
///
/// A session carries the credential version it was issued under: for an account admin the digest of the password
/// hash and the admin's session epoch, for the super-admin the digest of UI_PASSWORD and the installation's
/// super-admin epoch. A new or removed password, or a logout, changes the version, so every earlier session ends
/// (within the 1 s cache on other instances).
extension Authenticator {
    /// The system setting holding the super-admin's session epoch.
    static let superAdminEpochKey = "session_epoch.super_admin"

    /// `/v2/login`: the super-admin's UI_USERNAME / UI_PASSWORD, or an account admin's email and password. Throttled
    /// per client `address` and per user name (`LoginThrottle.Locked`, a 429); the password work runs on
    /// `PasswordWorkPool` (full: 503); an unknown user costs the same work as a known one.
    public func login(
        username: String, password: String, address: String? = nil, now: Date = Date()
    ) async throws -> Login {
        let who = try await signIn(username: username, password: password, address: address, now: now)
        let (token, claims) = sessions.issue(
            sub: who.name, accountID: who.accountID, roles: who.roles, cv: who.cv, now: now)
        return Login(
            token: token, expiresAt: Date(timeIntervalSince1970: Double(claims.exp)), accountID: who.accountID,
            roles: claims.roles)
    }

    /// The cockpit's local sign-in (`cockpit tui` on the store): the same checks as `/v2/login` (throttling, the
    /// password pool, suspended accounts, removed admins), giving the principal instead of a token.
    public func localSignIn(username: String, password: String, now: Date = Date()) async throws -> Principal {
        let who = try await signIn(username: username, password: password, address: nil, now: now)
        return Principal(method: .local, name: who.name, accountID: who.accountID, roles: Set(who.roles))
    }

    /// Who a user name and password are, throttled: the one password check of both faces.
    private func signIn(
        username: String, password: String, address: String?, now: Date
    )
        async throws -> (name: String, accountID: UUID?, roles: [Role], cv: String?)
    {
        let keys = LoginThrottle.keys(address: address, username: username)
        try throttle.check(keys, now: now)
        do {
            let who = try await verifiedIdentity(username: username, password: password)
            throttle.succeeded(username: username)
            return who
        } catch let error as CockpitError {
            guard case .unauthenticated = error else { throw error }
            if let seconds = throttle.failed(keys, now: now) {
                await auditThrottle(username: username, address: address, seconds: seconds)
            }
            throw error
        }
    }

    private func verifiedIdentity(
        username: String, password: String
    ) async throws -> (name: String, accountID: UUID?, roles: [Role], cv: String?) {
        let refused = CockpitError.unauthenticated("invalid username or password")
        if let uiPassword, KeyGenerator.constantTimeEquals(username, uiUsername),
            KeyGenerator.constantTimeEquals(password, uiPassword)
        {
            return (uiUsername, nil, [.superAdmin], try await superAdminVersion())
        }
        guard let admin = try await cockpit.admins.authenticate(email: username, password: password) else {
            throw refused
        }
        guard try await cockpit.accounts.get(admin.accountID).isActive else {
            throw CockpitError.unauthenticated("the account is suspended")
        }
        return (
            admin.email, admin.accountID, [.accountAdmin],
            try await adminVersion(account: admin.accountID, email: admin.email)
        )
    }

    /// The principal of a session token that is valid, unexpired and issued under the holder's current credential
    /// version; an admin's session also ends when the admin is removed or the account suspended.
    func session(_ token: String) async throws -> Principal {
        guard let claims = sessions.verify(token) else {
            throw CockpitError.unauthenticated("session token is invalid or expired")
        }
        guard let account = claims.accountID else {
            guard claims.roles.contains(.superAdmin), claims.sub == uiUsername, claims.cv != nil,
                claims.cv == (try await superAdminVersion())
            else {
                throw CockpitError.unauthenticated("session is no longer valid (signed out, or the password changed)")
            }
            return .superAdmin(method: .session, name: claims.sub)
        }
        guard claims.cv != nil, claims.cv == (try await adminVersion(account: account, email: claims.sub)) else {
            throw CockpitError.unauthenticated(
                "session is no longer valid (signed out, password changed, admin removed or account suspended)")
        }
        return Principal(method: .session, name: claims.sub, accountID: account, roles: Set(claims.roles))
    }

    /// `/v2/logout`: ends every session of the caller (an admin's: that admin's; the super-admin's: every
    /// super-admin session of the installation). Audited. Other credentials have no session to end.
    public func logout(_ principal: Principal) async throws {
        guard principal.method == .session else {
            throw CockpitError.invalid(
                field: "credential", reason: "only a session token (from /v2/login) can be signed out")
        }
        let actor = principal.actor()
        let now = Date.storeNow
        if let account = principal.accountID {
            try await cockpit.database.write(.account(account)) { tx in
                try AdminRepository(tx).endSessions(email: principal.name)
                try AuditRepository(tx).record(
                    account: account, actor: actor, domain: .iam, action: "auth.logout", objectType: "admin",
                    objectID: principal.name, at: now)
            }
            cockpit.context.events.post(.adminChanged(account: account, email: principal.name))
        } else {
            try await cockpit.database.write(.superAdmin) { tx in
                let settings = SystemSettingsRepository(tx)
                let epoch = (try settings.get(Self.superAdminEpochKey)?.doubleValue).flatMap(CheckedNumber.int64) ?? 0
                try settings.set(Self.superAdminEpochKey, .number(Double(epoch + 1)), by: actor.name, at: now)
                try AuditRepository(tx).record(
                    account: nil, actor: actor, domain: .iam, action: "auth.logout", objectType: "super_admin",
                    objectID: principal.name, at: now)
            }
            sessionVersions.remove { key, _ in key == "super" }
        }
    }

    /// The super-admin's current credential version (cached like admin sessions).
    func superAdminVersion() async throws -> String {
        if let cached = sessionVersions.get("super"), let version = cached { return version }
        let epoch = try await cockpit.database.read(.superAdmin) { tx in
            (try SystemSettingsRepository(tx).get(Self.superAdminEpochKey)?.doubleValue).flatMap(CheckedNumber.int64)
                ?? 0
        }
        let version = SessionTokens.credentialVersion(secret: uiPassword ?? "", epoch: epoch)
        sessionVersions.set("super", version)
        return version
    }

    /// An admin's current credential version; nil when the admin is gone or the account suspended (cached).
    func adminVersion(account: UUID, email: String) async throws -> String? {
        let key = "\(account.lowercased):\(email)"
        if let cached = sessionVersions.get(key) { return cached }
        let version = try await cockpit.database.read(.account(account)) { tx -> String? in
            guard let acc = try AccountRepository(tx).get(account), acc.isActive else { return nil }
            return try AdminRepository(tx).credentialVersion(account: account, email: email)
        }
        sessionVersions.set(key, version)
        return version
    }

    /// One audit row when a lock starts (not one per refused attempt), outside any account.
    private func auditThrottle(username: String, address: String?, seconds: TimeInterval) async {
        let after: JSONValue = [
            "username": .string(String(username.prefix(254))), "address": address.map(JSONValue.string) ?? .null,
            "locked_seconds": .number(seconds),
        ]
        _ = try? await cockpit.database.write(.superAdmin) { tx in
            try AuditRepository(tx).record(
                account: nil, actor: Actor(name: address ?? "unknown", authMethod: "anonymous"), domain: .iam,
                action: "auth.login_throttled", objectType: "login", objectID: String(username.prefix(254)),
                after: after)
        }
    }
}
