import CockpitAPI
@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ProxyServer

/// One refusal table, two faces: each principal runs the same cockpit operations through the local backend (the core
/// in this process) and the remote one (the `/v1` API of a live server), on its own account and on another. Both faces
/// must give the answer the table expects, so a permission can only be decided in one place: the services.
@Suite struct RefusalTableTests {
    /// How an operation ended, as both faces can tell it.
    enum Outcome: String, CustomStringConvertible {
        case ok, forbidden, notFound, invalid, unauthenticated, other
        var description: String { rawValue }

        init(_ body: () async throws -> Void) async {
            do {
                try await body()
                self = .ok
            } catch let error as CockpitError {
                switch error {
                case .forbidden: self = .forbidden
                case .notFound: self = .notFound
                case .invalid, .conflict: self = .invalid
                case .unauthenticated: self = .unauthenticated
                default: self = .other
                }
            } catch {
                self = .other
            }
        }
    }

    /// Who calls.
    enum Caller: String, CaseIterable {
        case superAdmin = "super-admin (master key)"
        case accountAdmin = "A's account admin (session)"
        case consoleOrgAdmin = "A's console org admin (Zitadel)"
        case endUser = "A's end-user key"
    }

    /// What the operations work on.
    struct Target: Sendable {
        let account: UUID
        let org: [ProductDomain: UUID]
        let team: UUID
        let nonce: String
    }

    /// One operation of the table, with the permission it needs as the answer each caller must get.
    struct Operation: Sendable {
        let name: String
        /// Nil: only a super-admin may do it.
        let allowed: Set<Caller>?
        let run: @Sendable (any CockpitBackend, Target) async throws -> Void
    }

    static let everyone: Set<Caller> = [.superAdmin, .accountAdmin, .consoleOrgAdmin]
    static let accountAdmins: Set<Caller> = [.superAdmin, .accountAdmin]

    static let operations: [Operation] = [
        Operation(name: "list console organizations", allowed: everyone) { b, t in
            _ = try await b.organizations(account: t.account, domain: .console)
        },
        Operation(name: "list copilot organizations", allowed: accountAdmins) { b, t in
            _ = try await b.organizations(account: t.account, domain: .copilot)
        },
        Operation(name: "create a console organization", allowed: everyone) { b, t in
            _ = try await b.createOrganization(account: t.account, domain: .console, name: "org \(t.nonce)")
        },
        Operation(name: "create a copilot team", allowed: accountAdmins) { b, t in
            _ = try await b.createTeam(
                account: t.account, domain: .copilot, org: t.org[.copilot]!, name: "team \(t.nonce)")
        },
        Operation(name: "add a console member", allowed: everyone) { b, t in
            try await b.addMember(
                account: t.account, domain: .console, team: t.team, email: "\(t.nonce)@member.test", name: nil,
                admin: false)
        },
        Operation(name: "read console grants", allowed: everyone) { b, t in
            _ = try await b.grants(account: t.account, domain: .console)
        },
        Operation(name: "deny a console model at a team", allowed: everyone) { b, t in
            _ = try await b.setGrant(
                account: t.account, domain: .console, model: "m-\(t.nonce)", scope: .team(t.team), effect: .deny)
        },
        Operation(name: "ask the effective console model", allowed: everyone) { b, t in
            _ = try await b.effectiveModel(
                account: t.account, domain: .console, model: "gpt-4o", at: TreePoint(team: t.team))
        },
        Operation(name: "turn a copilot feature on", allowed: accountAdmins) { b, t in
            _ = try await b.setEntitlement(
                account: t.account, domain: .copilot, feature: "f-\(t.nonce)", scope: .account, enabled: true)
        },
        Operation(name: "read a console team's budget", allowed: everyone) { b, t in
            _ = try await b.budget(account: t.account, domain: .console, node: .team(t.team))
        },
        Operation(name: "set a console team's limits", allowed: everyone) { b, t in
            _ = try await b.setBudget(
                account: t.account, domain: .console, node: .team(t.team), BudgetLimits(rpmLimit: 60))
        },
        // A key reads its own requests; the org admin, not being one, reads none.
        Operation(name: "read the request log", allowed: accountAdmins.union([.endUser])) { b, t in
            _ = try await b.requestLogs(account: t.account, limit: 10)
        },
        Operation(name: "list keys", allowed: accountAdmins) { b, t in _ = try await b.keys(account: t.account) },
        Operation(name: "generate a key", allowed: accountAdmins) { b, t in
            _ = try await b.generateKey(account: t.account, KeyFields(keyAlias: "key \(t.nonce)"))
        },
        Operation(name: "read costs", allowed: accountAdmins) { b, t in
            _ = try await b.costs(account: t.account, by: .model, days: 7)
        },
        Operation(name: "read the audit trail", allowed: accountAdmins) { b, t in
            _ = try await b.audit(account: t.account)
        },
        Operation(name: "list models", allowed: accountAdmins) { b, t in _ = try await b.models(account: t.account) },
        Operation(name: "restore the account", allowed: nil) { b, t in
            try await b.setAccountStatus(account: t.account, status: .active)
        },
        Operation(name: "list the account's admins", allowed: nil) { b, t in _ = try await b.admins(account: t.account)
        },
        Operation(name: "read the console model policy", allowed: nil) { b, t in
            _ = try await b.consoleModelPolicy(account: t.account)
        },
        Operation(name: "read the global catalogue", allowed: nil) { b, _ in _ = try await b.catalog() },
        Operation(name: "read the Zitadel settings", allowed: nil) { b, t in _ = try await b.zitadel(account: t.account)
        },
        Operation(name: "create an account", allowed: nil) { b, t in
            _ = try await b.createAccount(
                NewAccount(name: "New \(t.nonce)", domain: "\(t.nonce).test", adminEmail: "admin@\(t.nonce).test"))
        },
    ]

    /// What `caller` must get for `operation` on its own account (A) or on B.
    static func expected(_ operation: Operation, _ caller: Caller, onB: Bool) -> Outcome {
        guard let allowed = operation.allowed else { return caller == .superAdmin ? .ok : .forbidden }
        if caller == .superAdmin { return .ok }
        return !onB && allowed.contains(caller) ? .ok : .forbidden
    }

    @Test func bothFacesAnswerTheSameRefusalTable() async throws {
        try await ZitadelTokenTests.withIssuer { zitadel, verifier in
            try await TestStores.with(.sqlite) { db in
                let settings = Settings(
                    environment: [
                        "LITELLM_MASTER_KEY": ServerHarness.masterKey,
                        "COCKPIT_SESSION_SECRET": ServerHarness.sessionSecret,
                        "STORE_MODEL_IN_DB": "true",
                    ], dotenvPath: nil)
                let cockpit = Cockpit(settings: settings, database: db)
                let authenticator = Authenticator(
                    cockpit: cockpit, sessions: try SessionTokens(secret: ServerHarness.sessionSecret),
                    zitadel: verifier)
                let (router, _) = CockpitServer.router(cockpit: cockpit, authenticator: authenticator)
                let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
                try await app.test(.live) { client in
                    let api = "http://127.0.0.1:\(client.port!)"
                    let (a, b) = (
                        try await TenantFixture.make(cockpit, name: "Alpha"),
                        try await TenantFixture.make(cockpit, name: "Bravo")
                    )
                    let tokens = try await Self.tokens(cockpit, authenticator, zitadel, alpha: a)
                    var rows = 0
                    for caller in Caller.allCases {
                        let token = try #require(tokens[caller])
                        let principal = try await authenticator.authenticate(credential: token)
                        let faces: [(String, any CockpitBackend)] = [
                            (
                                "local",
                                LocalBackend(
                                    cockpit: cockpit, principal: principal, identity: caller.rawValue, zitadel: verifier
                                )
                            ),
                            ("remote", try await RemoteBackend(api: api, credential: token)),
                        ]
                        for operation in Self.operations {
                            for (fixture, onB) in [(a, false), (b, true)] {
                                for (face, backend) in faces {
                                    let target = Target(
                                        account: fixture.account.id, org: fixture.orgs.mapValues(\.id),
                                        team: fixture.teams[.console]!.id,
                                        nonce: "\(face)\(rows)\(UUID().uuidString.prefix(4).lowercased())")
                                    let got = await Outcome { try await operation.run(backend, target) }
                                    let want = Self.expected(operation, caller, onB: onB)
                                    #expect(
                                        got == want,
                                        "\(caller.rawValue), \(operation.name) on \(onB ? "B" : "A") through the \(face) face: \(got), not \(want)"
                                    )
                                    rows += 1
                                }
                            }
                        }
                    }
                    #expect(rows == Caller.allCases.count * Self.operations.count * 4)
                }
            }
        }
    }

    /// A credential per caller: the master key, A's admin's session, a Zitadel token with console_org_admin only, and a
    /// key of A.
    static func tokens(
        _ cockpit: Cockpit, _ authenticator: Authenticator, _ zitadel: FakeZitadel, alpha a: TenantFixture
    ) async throws -> [Caller: String] {
        let id = a.account.id
        _ = try await cockpit.admins.update(account: id, email: "admin@alpha.test", password: "refusal-table-password")
        _ = try await cockpit.zitadelConfig.setConfig(
            account: id,
            ZitadelAccountConfig(
                enabled: true, issuer: "", audience: "", projectID: ZitadelTokenTests.project,
                organizationID: "zitadel-alpha", roleMappings: [:],
                accountIDClaim: ""))
        let claims = await zitadel.claims(
            subject: "alpha-console-admin", organization: "zitadel-alpha", roles: ["console_org_admin"],
            projectID: ZitadelTokenTests.project)
        return [
            .superAdmin: ServerHarness.masterKey,
            .accountAdmin: try await authenticator.login(
                username: "admin@alpha.test", password: "refusal-table-password"
            ).token,
            .consoleOrgAdmin: try await zitadel.mint(claims),
            .endUser: try await cockpit.keys.generate(account: id, NewKey(alias: "end user")).secret,
        ]
    }
}
