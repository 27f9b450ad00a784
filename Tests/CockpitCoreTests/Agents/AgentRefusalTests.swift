@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Who may not touch agents, and input that is refused (changing nothing): another tenant's ids, a console-only
/// admin, a read-only principal; oversized or malformed definitions, too many grants or presets, control characters.
@Suite struct AgentRefusalTests {
    @Test(arguments: StoreKind.available)
    func otherTenantsConsoleAdminsAndReadOnlyPrincipals(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let f = try await TenantFixture.make(cockpit, name: "Acme"),
                g = try await TenantFixture.make(cockpit, name: "Globex")
            let a = f.account.id, b = g.account.id
            let preset = try await cockpit.guardrails.upsertPreset(account: a, code: "p", name: "P", presetJSON: nil)
            let theirPreset = try await cockpit.guardrails.upsertPreset(
                account: b, code: "p", name: "P", presetJSON: nil)
            let agent = try await cockpit.agents.create(
                account: a, AgentInput(name: "Bot", guardrailPresetIDs: [preset.id.lowercased])
            ).agent.id.lowercased
            // Globex's admin names Acme's agent, preset and team: each is unknown there.
            let globex = cockpit.acting(
                as: Principal(method: .session, name: "admin@globex.test", accountID: b, roles: [.accountAdmin])
            ).agents
            await #expect(throws: CockpitError.nothingFound("Agent not found")) {
                try await globex.get(account: b, id: agent)
            }
            await #expect(throws: CockpitError.nothingFound("Agent not found")) {
                try await globex.update(account: b, id: agent, AgentChange(name: "x"))
            }
            #expect(try await globex.delete(account: b, id: agent) == false)
            await #expect(throws: CockpitError.nothingFound("Copilot agent not found")) {
                try await globex.grant(
                    account: b, agentID: agent, scopeType: "team", scopeID: g.teams[.copilot]!.id.lowercased)
            }
            await #expect(throws: CockpitError.nothingFound("Guardrail preset not found: \(preset.id.lowercased)")) {
                try await globex.create(account: b, AgentInput(name: "x", guardrailPresetIDs: [preset.id.lowercased]))
            }
            await #expect(throws: CockpitError.notFound("copilot team")) {
                try await globex.create(
                    account: b,
                    AgentInput(
                        name: "x",
                        grants: [AgentGrantInput(scopeType: "team", scopeID: f.teams[.copilot]!.id.lowercased)],
                        guardrailPresetIDs: [theirPreset.id.lowercased]))
            }
            await #expect(throws: CockpitError.badRequest("account scope_id must match current account_id")) {
                try await globex.create(
                    account: b,
                    AgentInput(
                        name: "x", grants: [AgentGrantInput(scopeType: "account", scopeID: a.lowercased)],
                        guardrailPresetIDs: [theirPreset.id.lowercased]))
            }
            // Acting in another account is refused outright.
            await #expect(throws: CockpitError.forbidden("this belongs to another account")) {
                try await globex.list(account: a, includeGrants: false)
            }
            #expect(try await globex.list(account: b, includeGrants: true).isEmpty)
            // A console-only admin may not read or change agents.
            let console = cockpit.acting(
                as: Principal(
                    method: .zitadel, name: "c@acme.test", accountID: a, roles: [.consoleOrgAdmin], domains: [.console])
            ).agents
            await #expect(throws: CockpitError.self) { try await console.list(account: a, includeGrants: false) }
            await #expect(throws: CockpitError.self) {
                try await console.create(account: a, AgentInput(name: "x", guardrailPresetIDs: [preset.id.lowercased]))
            }
            await #expect(throws: CockpitError.self) {
                try await console.effective(account: a, userID: f.users[.copilot]!.id.lowercased)
            }
            // A copilot organization admin may.
            let copilotAdmin = cockpit.acting(
                as: Principal(
                    method: .zitadel, name: "o@acme.test", accountID: a, roles: [.copilotOrgAdmin], domains: [.copilot])
            ).agents
            #expect(try await copilotAdmin.list(account: a, includeGrants: false).count == 1)
            // A read-only principal reads and changes nothing.
            var readOnly = Principal.operator
            readOnly.readOnly = true
            let looker = cockpit.acting(as: readOnly).agents
            #expect(try await looker.get(account: a, id: agent).agent.name == "Bot")
            for change in [
                {
                    _ = try await looker.create(
                        account: a, AgentInput(name: "x", guardrailPresetIDs: [preset.id.lowercased]))
                },
                { _ = try await looker.update(account: a, id: agent, AgentChange(name: "y")) },
                { _ = try await looker.delete(account: a, id: agent) },
                { _ = try await looker.grant(account: a, agentID: agent, scopeType: "account", scopeID: a.lowercased) },
                { _ = try await looker.revoke(account: a, agentID: agent, scopeType: "team", scopeID: "x") },
            ] as [@Sendable () async throws -> Void] {
                let refusal = await #expect(throws: CockpitError.self) { try await change() }
                #expect(refusal == Policy.readOnlyRefusal)
            }
            let after = try await cockpit.agents.list(account: a, includeGrants: true)
            #expect(after.map(\.agent.name) == ["Bot"] && after.first?.grants == [])
        }
    }

    @Test(arguments: StoreKind.available)
    func badInputIsRefusedWithTheFieldNamed(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), agents = cockpit.agents
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id, user = f.users[.copilot]!.id.lowercased
            let p = try await cockpit.guardrails.upsertPreset(account: a, code: "p", name: "P", presetJSON: nil).id
                .lowercased
            var deep: JSONValue = 1
            for _ in 0..<65 { deep = .array([deep]) }
            let cases: [(AgentInput, String)] = [
                (
                    AgentInput(name: String(repeating: "n", count: 201), guardrailPresetIDs: [p]),
                    "name must be at most 200 characters"
                ),
                (AgentInput(name: "Bad\u{0}name", guardrailPresetIDs: [p]), "name must not contain control characters"),
                (AgentInput(name: "Bad\nname", guardrailPresetIDs: [p]), "name must not contain control characters"),
                (
                    AgentInput(name: "x", description: String(repeating: "d", count: 4001), guardrailPresetIDs: [p]),
                    "description must be at most 4000 characters"
                ),
                (
                    AgentInput(name: "x", description: "a\u{7}b", guardrailPresetIDs: [p]),
                    "description must not contain control characters"
                ),
                (
                    AgentInput(
                        name: "x", definitionJSON: ["big": .string(String(repeating: "x", count: 262_145))],
                        guardrailPresetIDs: [p]),
                    "definition_json must be at most 256 KiB"
                ),
                (
                    AgentInput(name: "x", definitionJSON: [1, 2], guardrailPresetIDs: [p]),
                    "definition_json must be a JSON object"
                ),
                (
                    AgentInput(name: "x", definitionJSON: "text", guardrailPresetIDs: [p]),
                    "definition_json must be a JSON object"
                ),
                (
                    AgentInput(name: "x", definitionJSON: ["deep": deep], guardrailPresetIDs: [p]),
                    "definition_json must be nested at most 64 levels deep"
                ),
                (
                    AgentInput(
                        name: "x",
                        grants: Array(repeating: AgentGrantInput(scopeType: "user", scopeID: user), count: 1001),
                        guardrailPresetIDs: [p]), "grants must name at most 1000 scopes"
                ),
                (
                    AgentInput(name: "x", guardrailPresetIDs: Array(repeating: p, count: 1001)),
                    "guardrail_preset_ids must name at most 1000 presets"
                ),
            ]
            for (input, message) in cases {
                let refusal = await #expect(throws: CockpitError.self) { try await agents.create(account: a, input) }
                #expect(refusal?.message == message)
            }
            // A thousand grants (the same user) and a long multi-line description are fine.
            let ok = try await agents.create(
                account: a,
                AgentInput(
                    name: "x", description: "line\n\tline", definitionJSON: ["n": 1e300],
                    grants: Array(repeating: AgentGrantInput(scopeType: "user", scopeID: user), count: 1000),
                    guardrailPresetIDs: [p]))
            #expect(ok.grants?.count == 1 && ok.agent.definitionJSON == ["n": 1e300])
            let refusal = await #expect(throws: CockpitError.self) {
                try await agents.update(account: a, id: ok.agent.id.lowercased, AgentChange(definitionJSON: [1]))
            }
            #expect(refusal?.message == "definition_json must be a JSON object")
            #expect(try await agents.list(account: a, includeGrants: false).map(\.agent.id) == [ok.agent.id])
        }
    }
}
