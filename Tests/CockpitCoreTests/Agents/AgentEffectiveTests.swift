@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Effective visibility: which agents a copilot user may use, across every kind of grant (the user, a team they are
/// in, their team's organization, an organization they are a member of, the account) and none; never another
/// account's.
@Suite struct AgentEffectiveTests {
    @Test(arguments: StoreKind.available)
    func everyScopeThatReachesAUserAndNoOther(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), agents = cockpit.agents, dir = cockpit.directory
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id
            // Dana: in team Core (of org Eng); a member of org Sales directly. Lee: in team Ops (of org Other).
            let eng = f.orgs[.copilot]!.id, core = f.teams[.copilot]!.id, dana = f.users[.copilot]!.id
            let sales = try await dir.createOrganization(account: a, domain: .copilot, name: "Sales").id
            let other = try await dir.createOrganization(account: a, domain: .copilot, name: "Other").id
            let ops = try await dir.createTeam(account: a, domain: .copilot, orgID: other, name: "Ops").id
            let lee = try await dir.upsertUser(
                account: a, domain: .copilot, UserInput(email: "lee@acme.test", teamIDs: [ops])
            ).user.id
            _ = try await dir.setOrganizationMembers(
                account: a, domain: .copilot, orgID: sales, [(userID: dana, role: .internalUser)])
            let preset = try await cockpit.guardrails.upsertPreset(account: a, code: "p", name: "P", presetJSON: nil)
            func agent(_ name: String, _ grants: [(String, UUID)]) async throws -> UUID {
                try await agents.create(
                    account: a,
                    AgentInput(
                        name: name, grants: grants.map { AgentGrantInput(scopeType: $0.0, scopeID: $0.1.lowercased) },
                        guardrailPresetIDs: [preset.id.lowercased])
                ).agent.id
            }
            let byUser = try await agent("user", [("user", dana)])
            let byTeam = try await agent("team", [("team", core)])
            let byTeamOrg = try await agent("team's org", [("org", eng)])
            let byOrgMembership = try await agent("org member", [("org", sales)])
            let byAccount = try await agent("account", [("account", a)])
            _ = try await agent("none", [])
            let forLee = try await agent("lee's team", [("team", ops), ("org", other)])
            let twice = try await agent("twice", [("team", core), ("user", dana)])
            let seen = try await agents.effective(account: a, userID: dana.uuidString)
            #expect(
                seen.map(\.detail.agent.id) == [twice, byAccount, byOrgMembership, byTeamOrg, byTeam, byUser],
                "newest first: \(seen.map(\.detail.agent.name))")
            #expect(
                seen.first?.grantedVia == [
                    CatalogScope(type: .team, id: core.lowercased), CatalogScope(type: .user, id: dana.lowercased),
                ])
            #expect(seen.map { $0.grantedVia.count } == [2, 1, 1, 1, 1, 1])
            #expect(seen.allSatisfy { $0.detail.presetIDs == [preset.id] && $0.detail.grants == nil })
            let leeSees = try await agents.effective(account: a, userID: lee.lowercased)
            #expect(leeSees.map(\.detail.agent.id) == [forLee, byAccount])
            #expect(leeSees.first?.grantedVia.map(\.type) == [.team, .org])
            // Leaving the organization and the team takes those agents away.
            _ = try await dir.removeOrganizationMember(account: a, domain: .copilot, orgID: sales, userID: dana)
            try await dir.removeMember(account: a, domain: .copilot, teamID: core, userID: dana)
            #expect(
                try await agents.effective(account: a, userID: dana.lowercased).map(\.detail.agent.id) == [
                    twice, byAccount, byUser,
                ])
            // Unknown users, console users and other text: 404.
            for id in [UUID().lowercased, "nope", f.users[.console]!.id.lowercased] {
                await #expect(throws: CockpitError.notFound("copilot user")) {
                    try await agents.effective(account: a, userID: id)
                }
            }
            // Another account: its user never sees these agents, and this account's user is unknown there.
            let g = try await TenantFixture.make(cockpit, name: "Globex")
            let gPreset = try await cockpit.guardrails.upsertPreset(
                account: g.account.id, code: "p", name: "P", presetJSON: nil)
            let theirs = try await agents.create(
                account: g.account.id,
                AgentInput(
                    name: "theirs", grants: [AgentGrantInput(scopeType: "account", scopeID: g.account.id.lowercased)],
                    guardrailPresetIDs: [gPreset.id.lowercased])
            ).agent.id
            #expect(
                try await agents.effective(account: g.account.id, userID: g.users[.copilot]!.id.lowercased).map(
                    \.detail.agent.id) == [theirs])
            await #expect(throws: CockpitError.notFound("copilot user")) {
                try await agents.effective(account: g.account.id, userID: dana.lowercased)
            }
            #expect(
                try await agents.effective(account: a, userID: dana.lowercased).map(\.detail.agent.id) == [
                    twice, byAccount, byUser,
                ])
        }
    }
}
