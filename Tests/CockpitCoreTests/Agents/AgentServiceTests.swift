@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// The agent rules of V1_CONTRACT.md "Agents" in the core: the original's checks in order, presets replaced per
/// agent, grants by scope, and cockpit's one transaction per change (a refused grant list leaves nothing written).
@Suite struct AgentServiceTests {
    /// Two presets of the fixture's account (`p1`, `p2`).
    static func presets(_ cockpit: Cockpit, _ account: UUID) async throws -> (UUID, UUID) {
        let p1 = try await cockpit.guardrails.upsertPreset(account: account, code: "p1", name: "P1", presetJSON: nil)
        let p2 = try await cockpit.guardrails.upsertPreset(account: account, code: "p2", name: "P2", presetJSON: nil)
        return (p1.id, p2.id)
    }

    /// Rows of `table` in the account (read as the super-admin, so nothing is hidden).
    static func count(_ db: Database, _ table: String, _ account: UUID) async throws -> Int64 {
        try await db.read(.superAdmin) { tx in
            try tx.queryOne("SELECT COUNT(*) AS n FROM \(table) WHERE account_id = $1", [.uuid(account)])?.int("n")
                ?? -1
        }
    }

    @Test(arguments: StoreKind.available)
    func createChecksInTheOriginalsOrderAndReadsBack(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), agents = cockpit.agents
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id, team = f.teams[.copilot]!.id.lowercased, user = f.users[.copilot]!.id.lowercased
            await #expect(throws: CockpitError.badRequest("name is required")) {
                try await agents.create(account: a, AgentInput(name: "  ", guardrailPresetIDs: []))
            }
            for ids in [[], ["", "  "]] {
                await #expect(
                    throws: CockpitError.badRequest(
                        "At least one guardrail preset is required for agent creation/update")
                ) { try await agents.create(account: a, AgentInput(name: "Bot", guardrailPresetIDs: ids)) }
            }
            let (p1, p2) = try await Self.presets(cockpit, a)
            let unknown = UUID().lowercased
            await #expect(throws: CockpitError.nothingFound("Guardrail preset not found: x,\(unknown)")) {
                try await agents.create(
                    account: a, AgentInput(name: "Bot", guardrailPresetIDs: ["x", p1.lowercased, " \(unknown) ", "x"]))
            }
            let created = try await agents.create(
                account: a,
                AgentInput(
                    name: "Bot", description: "Helps", definitionJSON: ["steps": [1, 2]],
                    grants: [
                        AgentGrantInput(scopeType: "team", scopeID: team),
                        AgentGrantInput(scopeType: " user ", scopeID: user.uppercased()),
                        AgentGrantInput(scopeType: "team", scopeID: " \(team) "),
                        AgentGrantInput(scopeType: "account", scopeID: a.lowercased),
                    ],
                    guardrailPresetIDs: [p2.lowercased, " \(p1.uuidString) ", p2.lowercased, ""]))
            #expect(created.presetIDs == [p2, p1])
            #expect(
                created.grants == [
                    CatalogScope(type: .team, id: team), CatalogScope(type: .user, id: user),
                    CatalogScope(type: .account, id: a.lowercased),
                ])
            #expect(created.agent.definitionJSON == ["steps": [1, 2]] && created.agent.description == "Helps")
            let read = try await agents.get(account: a, id: created.agent.id.uuidString)
            #expect(read == created)
            let second = try await agents.create(
                account: a, AgentInput(name: "Second", guardrailPresetIDs: [p1.lowercased]))
            #expect(second.agent.definitionJSON == .emptyObject && second.agent.description == nil)
            let list = try await agents.list(account: a, includeGrants: false)
            #expect(list.map(\.agent.id) == [second.agent.id, created.agent.id], "newest first")
            #expect(list.map(\.presetIDs) == [[p1], [p2, p1]] && list.allSatisfy { $0.grants == nil })
            let withGrants = try await agents.list(account: a, includeGrants: true)
            #expect(withGrants.map(\.grants) == [[], created.grants])
            await #expect(throws: CockpitError.nothingFound("Agent not found")) {
                try await agents.get(account: a, id: "not-an-id")
            }
            // The agent's presets are agent-scope assignments (oldest first = request order).
            let assigned = try await cockpit.guardrails.assignments(
                account: a, scopeType: "agent", scopeID: created.agent.id.lowercased)
            #expect(Set(assigned.map(\.presetID)) == [p1, p2])
        }
    }

    @Test(arguments: StoreKind.available)
    func aRefusedGrantListLeavesNothingWritten(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), agents = cockpit.agents
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id, team = f.teams[.copilot]!.id.lowercased
            let (p1, p2) = try await Self.presets(cockpit, a)
            let audit = try await Self.count(db, "audit_log", a)
            for (grants, error) in [
                (
                    [
                        AgentGrantInput(scopeType: "team", scopeID: team),
                        AgentGrantInput(scopeType: "team", scopeID: "nope"),
                    ],
                    CockpitError.notFound("copilot team")
                ),
                (
                    [AgentGrantInput(scopeType: "group", scopeID: team)],
                    .badRequest("scope_type must be one of: org,team,user")
                ),
                (
                    [AgentGrantInput(scopeType: "org", scopeID: " ")],
                    .badRequest("scope_id is required for agent grants")
                ),
                (
                    [AgentGrantInput(scopeType: "team", scopeID: f.teams[.console]!.id.lowercased)],
                    .notFound("copilot team")
                ),
            ] as [([AgentGrantInput], CockpitError)] {
                await #expect(throws: error) {
                    try await agents.create(
                        account: a, AgentInput(name: "Bot", grants: grants, guardrailPresetIDs: [p1.lowercased]))
                }
            }
            #expect(try await agents.list(account: a, includeGrants: true).isEmpty)
            for table in ["copilot_agents", "copilot_agent_grants", "guardrail_assignments"] {
                #expect(try await Self.count(db, table, a) == 0, "\(table) is empty after the refusals")
            }
            #expect(try await Self.count(db, "audit_log", a) == audit, "no audit row for a refused change")
            // An update that fails on its grants keeps the name, presets and grants it had.
            let agent = try await agents.create(
                account: a,
                AgentInput(
                    name: "Bot", grants: [AgentGrantInput(scopeType: "team", scopeID: team)],
                    guardrailPresetIDs: [p1.lowercased]))
            await #expect(throws: CockpitError.notFound("copilot user")) {
                try await agents.update(
                    account: a, id: agent.agent.id.lowercased,
                    AgentChange(
                        name: "Renamed", guardrailPresetIDs: [p2.lowercased],
                        grants: [AgentGrantInput(scopeType: "user", scopeID: UUID().lowercased)]))
            }
            #expect(try await agents.get(account: a, id: agent.agent.id.lowercased) == agent)
        }
    }

    @Test(arguments: StoreKind.available)
    func updateKeepsWhatIsNotGivenAndDeleteKeepsAssignments(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), agents = cockpit.agents
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id, team = f.teams[.copilot]!.id.lowercased, org = f.orgs[.copilot]!.id.lowercased
            let (p1, p2) = try await Self.presets(cockpit, a)
            let agent = try await agents.create(
                account: a,
                AgentInput(
                    name: "Bot", description: "d", definitionJSON: ["v": 1],
                    grants: [AgentGrantInput(scopeType: "team", scopeID: team)], guardrailPresetIDs: [p1.lowercased]))
            let id = agent.agent.id.lowercased
            await #expect(throws: CockpitError.nothingFound("Agent not found")) {
                try await agents.update(account: a, id: UUID().lowercased, AgentChange(name: ""))
            }
            let kept = try await agents.update(account: a, id: id, AgentChange())
            #expect(kept.agent.name == "Bot" && kept.agent.description == "d" && kept.presetIDs == [p1])
            #expect(kept.grants == agent.grants && kept.agent.updatedAt >= agent.agent.updatedAt)
            let changed = try await agents.update(
                account: a, id: id,
                AgentChange(
                    name: "Bot 2", description: "", definitionJSON: ["v": 2], guardrailPresetIDs: [p2.lowercased],
                    grants: [AgentGrantInput(scopeType: "org", scopeID: org)]))
            #expect(changed.agent.name == "Bot 2" && changed.agent.description == "")
            #expect(changed.agent.definitionJSON == ["v": 2] && changed.presetIDs == [p2])
            #expect(changed.grants == [CatalogScope(type: .org, id: org)])
            await #expect(throws: CockpitError.badRequest("name is required")) {
                try await agents.update(account: a, id: id, AgentChange(name: " "))
            }
            await #expect(
                throws: CockpitError.badRequest("At least one guardrail preset is required for agent creation/update")
            ) {
                try await agents.update(account: a, id: id, AgentChange(guardrailPresetIDs: []))
            }
            // Delete: its grants go with it, its preset assignments remain (as in the original).
            #expect(try await agents.delete(account: a, id: id))
            #expect(try await Self.count(db, "copilot_agent_grants", a) == 0)
            let left = try await cockpit.guardrails.assignments(account: a, scopeType: "agent", scopeID: id)
            #expect(left.map(\.presetID) == [p2])
            #expect(try await agents.delete(account: a, id: id) == false)
            #expect(try await agents.delete(account: a, id: "not-an-id") == false)
            await #expect(throws: CockpitError.nothingFound("Agent not found")) {
                try await agents.get(account: a, id: id)
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func grantRoutesAreIdempotentAndCheckInTheOriginalsOrder(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), agents = cockpit.agents
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id, team = f.teams[.copilot]!.id.lowercased, user = f.users[.copilot]!.id.lowercased
            let (p1, _) = try await Self.presets(cockpit, a)
            let id = try await agents.create(account: a, AgentInput(name: "Bot", guardrailPresetIDs: [p1.lowercased]))
                .agent.id.lowercased
            let missing = UUID().lowercased
            await #expect(throws: CockpitError.nothingFound("Copilot agent not found")) {
                try await agents.grant(account: a, agentID: missing, scopeType: "bad", scopeID: "")
            }
            await #expect(throws: CockpitError.badRequest("scope_type must be one of: org,team,user")) {
                try await agents.grant(account: a, agentID: id, scopeType: "bad", scopeID: "")
            }
            await #expect(throws: CockpitError.notFound("copilot user")) {
                try await agents.grant(account: a, agentID: id, scopeType: "user", scopeID: "")
            }
            let first = try await agents.grant(account: a, agentID: id, scopeType: "team", scopeID: team)
            let again = try await agents.grant(account: a, agentID: id, scopeType: "team", scopeID: team.uppercased())
            #expect(first == again, "an existing grant comes back unchanged")
            _ = try await agents.grant(account: a, agentID: id, scopeType: "user", scopeID: user)
            #expect(
                try await agents.grants(account: a, agentID: id) == [
                    CatalogScope(type: .team, id: team), CatalogScope(type: .user, id: user),
                ])
            await #expect(throws: CockpitError.nothingFound("Copilot agent not found")) {
                try await agents.grants(account: a, agentID: missing)
            }
            // Delete: the scope type before the agent, then the agent.
            await #expect(throws: CockpitError.badRequest("scope_type must be one of: org,team,user")) {
                try await agents.revoke(account: a, agentID: missing, scopeType: "pool", scopeID: "pool")
            }
            await #expect(throws: CockpitError.nothingFound("Copilot agent not found")) {
                try await agents.revoke(account: a, agentID: missing, scopeType: "team", scopeID: team)
            }
            #expect(try await agents.revoke(account: a, agentID: id, scopeType: "team", scopeID: team))
            #expect(try await agents.revoke(account: a, agentID: id, scopeType: "team", scopeID: team) == false)
            #expect(try await agents.grants(account: a, agentID: id) == [CatalogScope(type: .user, id: user)])
            // Every change is audited in the copilot domain: create, two upserts and one more, one delete.
            let actions = try await db.read(.superAdmin) { tx in
                try tx.query(
                    "SELECT action FROM audit_log WHERE account_id = $1 AND object_type LIKE 'copilot_agent%' AND domain = 'copilot' ORDER BY at, id",
                    [.uuid(a)]
                ).map { try $0.string("action") }
            }
            #expect(
                actions.sorted() == ["agent.create", "agent_grant.delete"]
                    + Array(repeating: "agent_grant.upsert", count: 3))
        }
    }
}
