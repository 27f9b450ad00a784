@testable import CockpitCore
@testable import CockpitTUI
import Foundation

/// In-memory cockpit states for view and key tests: two accounts, both trees, a wide-character organization name.
enum Fixture {
    static let epoch = Date(timeIntervalSince1970: 1_800_000_000)
    static func uuid(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n))! }

    static func account(_ n: Int, _ name: String, production: Bool = false) -> Account {
        Account(
            id: uuid(n), name: name, alias: nil,
            domain: name.lowercased().replacingOccurrences(of: " ", with: "") + ".test",
            status: .active, deletedAt: nil, metadata: production ? ["production": true] : .emptyObject,
            maxBudget: 5000, spend: 1234.5,
            createdAt: epoch, updatedAt: epoch, createdBy: "test", updatedBy: "test")
    }

    static func org(_ n: Int, _ account: Account, _ domain: ProductDomain, _ name: String) -> Organization {
        Organization(
            id: uuid(n), accountID: account.id, domain: domain, name: name, metadata: .emptyObject, maxBudget: nil,
            createdAt: epoch, updatedAt: epoch)
    }

    static func team(_ n: Int, _ org: Organization, _ name: String) -> Team {
        Team(
            id: uuid(n), accountID: org.accountID, domain: org.domain, orgID: org.id, name: name,
            metadata: .emptyObject, maxBudget: 250,
            createdAt: epoch, updatedAt: epoch)
    }

    static func member(_ n: Int, _ team: Team, _ email: String, _ role: MembershipRole) -> TeamMember {
        TeamMember(
            user: User(
                id: uuid(n), accountID: team.accountID, domain: team.domain, email: email, identityUserID: nil,
                displayName: email.components(separatedBy: "@")[0], role: "end_user", metadata: .emptyObject,
                maxBudget: nil,
                createdAt: epoch, updatedAt: epoch), role: role)
    }

    static func key(_ n: Int, _ alias: String, blocked: Bool) -> VirtualKey {
        VirtualKey(
            id: uuid(n), accountID: uuid(1), keyHash: String(repeating: "a", count: 64), keyAlias: alias,
            maskedKey: "sk-...\(1000 + n)",
            domain: nil, orgID: nil, teamID: nil, userID: nil, models: [], maxBudget: nil, softBudget: nil,
            budgetDuration: nil,
            budgetResetAt: nil, spend: 12.5, tpmLimit: nil, rpmLimit: nil, maxParallelRequests: nil,
            modelMaxBudget: .emptyObject,
            allowedRoutes: [], metadata: .emptyObject, expiresAt: nil, blocked: blocked, createdAt: epoch,
            updatedAt: epoch, createdBy: "test")
    }

    /// Acme (production) with both trees loaded, the SRE team open; Globex not opened yet.
    static func state(width: Int = 160, height: Int = 48) -> CockpitState {
        let acme = account(1, "Acme Corp", production: true), globex = account(2, "Globex")
        var s = CockpitState(identity: "demo super-admin", isSuperAdmin: true)
        s.now = epoch
        s.accounts = [acme, globex]
        s.accountID = acme.id
        let platform = org(10, acme, .console, "Platform org"), research = org(11, acme, .console, "研究所 Research")
        let sre = team(20, platform, "SRE"), payments = team(21, platform, "Payments")
        let global = org(30, acme, .copilot, "global"), support = team(31, global, "Support")
        var session = AccountSession()
        var console = TreeData(orgs: [platform, research])
        console.teams[platform.id] = [sre, payments]
        console.members[sre.id] = [
            member(40, sre, "alice@acme.io", .admin), member(41, sre, "bob@acme.io", .member),
            member(42, sre, "小林@acme.io", .member),
        ]
        var copilot = TreeData(orgs: [global])
        copilot.teams[global.id] = [support]
        session.data = [.console: console, .copilot: copilot]
        session.panes[.console]?.expanded = [.org(platform.id), .team(sre.id)]
        session.panes[.console]?.selected = .team(sre.id)
        session.panes[.copilot]?.expanded = [.org(global.id)]
        session.recentSpend = (0..<14).map {
            SpendTotal(
                group: Timestamp.day(epoch.addingTimeInterval(-Double($0) * 86_400)), requests: 10,
                promptTokens: 100, completionTokens: 50, cost: Double(14 - $0) * 1.5)
        }
        var teamKey = key(52, "sre-deploy", blocked: false)
        (teamKey.domain, teamKey.teamID) = (.console, sre.id)
        session.keys = [teamKey, key(53, "account-wide", blocked: false)]
        session.grants[.console] = [
            ModelGrant(
                id: uuid(70), accountID: acme.id, domain: .console, modelName: "gpt-4o-mini", scope: .team(sre.id),
                effect: .allow, createdAt: epoch),
            ModelGrant(
                id: uuid(71), accountID: acme.id, domain: .console, modelName: "o1", scope: .team(sre.id),
                effect: .deny, createdAt: epoch),
        ]
        session.audit = [
            AuditEntry(
                id: 2, accountID: acme.id, at: epoch, actor: "admin@acme.io", authMethod: "session", domain: .console,
                action: "team.update", objectType: "team", objectID: sre.id.lowercased, before: nil, after: nil,
                requestID: nil)
        ]
        s.sessions[acme.id] = session
        s.paneRows = MainView.paneRows(height: height)
        return s
    }
}
