@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing
@testable import ProxyServer

/// Sign-ins resist guessing and sessions end when they should (issue 12, item 5).
@Suite struct LoginHardeningTests {
    static func login(_ s: ServerHarness, _ user: String, _ password: String) async throws -> ServerHarness.Answer {
        try await s.call(
            .post, "/v2/login", token: nil, json: ["username": .string(user), "password": .string(password)])
    }

    /// Five wrong passwords are free; the sixth locks the name for 1 s, then 2 s…: refused even with the right
    /// password while locked; the lock is audited once. Driven with explicit times, so a loaded machine cannot
    /// stretch a 1 s lock out from under the test.
    @Test func repeatedFailuresAreThrottledAndAudited() async throws {
        try await ServerHarness.with(.sqlite) { s in
            let (_, _) = try await ControlPlaneRouteTests.newAccount(s, "Guess")
            let authenticator = s.gateway.authenticator
            let t0 = Date()
            for _ in 0..<6 {
                await #expect(throws: CockpitError.self) {
                    try await authenticator.login(username: "admin@guess.io", password: "wrong-password", now: t0)
                }
            }
            await #expect(throws: LoginThrottle.Locked(retryAfter: 1), "the right password while locked") {
                try await authenticator.login(
                    username: "admin@guess.io", password: "admin-password", now: t0.addingTimeInterval(0.5))
            }
            let audit = try await s.cockpit.database.read(.superAdmin) {
                try AuditRepository($0).list(page: PageRequest(limit: 50)).items
            }
            #expect(audit.contains { $0.action == "auth.login_throttled" && $0.objectID == "admin@guess.io" })
            _ = try await authenticator.login(
                username: "admin@guess.io", password: "admin-password", now: t0.addingTimeInterval(1.1))
            await #expect(throws: CockpitError.self, "a success cleared the count: a failure is an ordinary 401 again")
            {
                try await authenticator.login(
                    username: "admin@guess.io", password: "wrong-password", now: t0.addingTimeInterval(1.2))
            }
            // Over HTTP: a name locked for long answers 429 with Retry-After, in the control plane's shape.
            for _ in 0..<12 {
                authenticator.throttle.failed(LoginThrottle.keys(address: nil, username: "admin@guess.io"))
            }
            let locked = try await Self.login(s, "admin@guess.io", "admin-password")
            #expect(
                locked.status == .tooManyRequests && Int(locked.headers[.retryAfter] ?? "") ?? 0 > 60,
                "\(locked.headers) \(locked.text)")
            #expect(locked.json["detail"]?.stringValue?.contains("too many failed sign-ins") == true)
        }
    }

    @Test func aPasswordChangeOrRemovalEndsThatAdminsSessions() async throws {
        try await ServerHarness.with(.sqlite) { s in
            let (account, token) = try await ControlPlaneRouteTests.newAccount(s, "Rotate")
            let id = try #require(UUID(uuidString: account))
            #expect(try await s.call(.get, "/v1/me/context", token: token).status == .ok)
            _ = try await s.cockpit.admins.update(account: id, email: "admin@rotate.io", password: "new-password-1")
            #expect(
                try await s.call(.get, "/v1/me/context", token: token).status == .unauthorized, "the old session ended")
            let fresh = try await s.adminToken(email: "admin@rotate.io", password: "new-password-1")
            #expect(try await s.call(.get, "/v1/me/context", token: fresh).status == .ok)
            _ = try await s.cockpit.admins.update(
                account: id, email: "admin@rotate.io", password: nil, clearPassword: true)
            #expect(
                try await s.call(.get, "/v1/me/context", token: fresh).status == .unauthorized,
                "removing the password ends it too")
        }
    }

    @Test func logoutEndsEverySessionOfTheCaller() async throws {
        try await ServerHarness.with(.sqlite) { s in
            let (_, first) = try await ControlPlaneRouteTests.newAccount(s, "Leave")
            let second = try await s.adminToken(email: "admin@leave.io", password: "admin-password")
            let out = try await s.call(.post, "/v2/logout", token: first)
            #expect(out.status == .ok && out.json["signed_out"] == true, "\(out.text)")
            for token in [first, second] {
                #expect(try await s.call(.get, "/v1/me/context", token: token).status == .unauthorized)
            }
            let again = try await s.adminToken(email: "admin@leave.io", password: "admin-password")
            #expect(try await s.call(.get, "/v1/me/context", token: again).status == .ok, "signing in again works")
            // The super-admin: a logout ends every super-admin session of the installation (the server-wide epoch).
            let root1 = try #require(
                try await Self.login(s, "root", ServerHarness.uiPassword).json["token"]?.stringValue)
            let root2 = try #require(
                try await Self.login(s, "root", ServerHarness.uiPassword).json["token"]?.stringValue)
            #expect(try await s.call(.post, "/v2/logout", token: root1).status == .ok)
            #expect(try await s.call(.get, "/v1/accounts", token: root2).status == .unauthorized)
            let root3 = try #require(
                try await Self.login(s, "root", ServerHarness.uiPassword).json["token"]?.stringValue)
            #expect(try await s.call(.get, "/v1/accounts", token: root3).status == .ok)
            // Refusals: no credential (401); a credential that is not a session (400, in the usual shape).
            #expect(try await s.call(.post, "/v2/logout", token: nil).status == .unauthorized)
            let master = try await s.call(.post, "/v2/logout")
            #expect(master.status == .badRequest && master.json["detail"]?.stringValue?.contains("session") == true)
            let audit = try await s.cockpit.database.read(.superAdmin) {
                try AuditRepository($0).list(page: PageRequest(limit: 50)).items
            }
            #expect(audit.filter { $0.action == "auth.logout" }.count == 2)
        }
    }

    /// Password work runs on its own bounded pool: an unknown email costs one check (a dummy hash), and a pool that
    /// is full refuses at once with `unavailable` (503) instead of queueing without end.
    @Test func passwordWorkIsBoundedAndUnknownUsersCostTheSame() async throws {
        try await TestStores.with(.sqlite) { (db: Database) async throws in
            let pool = PasswordWorkPool.passwords(workers: 1, capacity: 2)
            let cockpit = Cockpit(
                settings: Settings(environment: [:], dotenvPath: nil), database: db, passwordPool: pool)
            #expect(try await cockpit.admins.authenticate(email: "nobody@nowhere.io", password: "whatever-1") == nil)
            #expect(try await cockpit.admins.authenticate(email: "not an email", password: "whatever-1") == nil)
            #expect(pool.completed == 2, "each unknown user cost one verification")
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for i in 0..<12 {
                    group.addTask {
                        (try? await cockpit.admins.authenticate(email: "u\(i)@nowhere.io", password: "whatever-1"))
                            != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.count == 12 && pool.completed < 14, "some of 12 at once were refused: the pool holds 3")
            await #expect(throws: CockpitError.self) {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in 0..<12 {
                        group.addTask {
                            _ = try await cockpit.admins.authenticate(email: "v\(i)@nowhere.io", password: "x-12345678")
                        }
                    }
                    try await group.waitForAll()
                }
            }
        }
    }

    @Test func theThrottleCountsAddressesAndNamesApart() throws {
        let throttle = LoginThrottle(freeFailures: 2, maxLock: 8)
        let now = Date()
        let a = LoginThrottle.keys(address: "203.0.113.9", username: "Alice@x.io")
        #expect(a == ["user:alice@x.io", "addr:203.0.113.9"])
        #expect(throttle.failed(a, now: now) == nil && throttle.failed(a, now: now) == nil)
        #expect(throttle.failed(a, now: now) == 1)
        #expect(throws: LoginThrottle.Locked(retryAfter: 1)) {
            try throttle.check(LoginThrottle.keys(address: "203.0.113.9", username: "bob"), now: now)
        }
        #expect(throws: Never.self) {
            try throttle.check(LoginThrottle.keys(address: "198.51.100.1", username: "carol"), now: now)
        }
        for expected in [2.0, 4, 8, 8] {
            #expect(throttle.failed(a, now: now) == expected, "doubling, at most maxLock")
        }
        throttle.succeeded(username: "alice@x.io")
        #expect(throws: LoginThrottle.Locked.self, "the address stays locked") { try throttle.check(a, now: now) }
    }
}
