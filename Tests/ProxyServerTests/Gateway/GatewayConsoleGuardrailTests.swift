@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Console keys run under the console tree's guardrails: the presets assigned along their chain in that tree, and the
/// account-scope assignments of both trees; the copilot tree's team presets never touch them, nor theirs copilot keys.
@Suite struct GatewayConsoleGuardrailTests {
    @Test(arguments: StoreKind.available)
    func consoleKeysRunUnderTheConsoleTreesPresets(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            for domain in ProductDomain.allCases {
                _ = try await g.cockpit.access.addModelGrant(
                    account: g.accountID, domain: domain, modelName: "gpt-test", scope: .account, effect: .allow)
            }
            let service = g.cockpit.guardrails(.console)
            let preset = try await service.upsertPreset(
                account: g.accountID, code: "ops", name: "Ops",
                presetJSON: [
                    "custom_patterns": [
                        [
                            "pattern_name": "ticket", "pattern_regex": "OPS-\\d{4}", "pattern_type": "block",
                            "action": "block",
                        ]
                    ]
                ])
            _ = try await service.assign(
                account: g.accountID, presetID: preset.id.lowercased, scopeType: "team",
                scopeID: g.fixture.teams[.console]!.id.lowercased)
            let console = try await g.newKey(["user_id": .string(g.fixture.users[.console]!.id.lowercased)])
            let copilot = try await g.newKey(["user_id": .string(g.fixture.users[.copilot]!.id.lowercased)])
            let text = GatewayGuardrailTests.chat("gpt-test", "close OPS-1234 today")

            let refused = try await g.call(.post, "/v1/chat/completions", key: console, json: text)
            #expect(refused.status == 400, "\(refused.text)")
            #expect(refused.json["error"]?["message"] == "Guardrail 'ops' blocked this content (pattern 'ticket')")
            #expect(!refused.text.contains("OPS-1234"))
            let free = try await g.call(.post, "/v1/chat/completions", key: copilot, json: text)
            #expect(free.status == 200, "the console tree's team preset is not the copilot tree's: \(free.text)")

            // A copilot team preset with the same code does not reach the console key either.
            _ = try await GatewayGuardrailTests.assign(
                g, code: "ops", [("word", "(?i)today", "block", "block", "both")],
                scope: ("team", g.fixture.teams[.copilot]!.id.lowercased))
            let plain = GatewayGuardrailTests.chat("gpt-test", "ship it today")
            #expect(try await g.call(.post, "/v1/chat/completions", key: console, json: plain).status == 200)
            #expect(try await g.call(.post, "/v1/chat/completions", key: copilot, json: plain).status == 400)

            // An account-scope assignment made in the console tree reaches the copilot tree's keys as well.
            _ = try await service.assign(
                account: g.accountID, presetID: preset.id.lowercased, scopeType: "account",
                scopeID: g.accountID.lowercased)
            let both = try await g.call(
                .post, "/v1/chat/completions", key: copilot, json: GatewayGuardrailTests.chat("gpt-test", "OPS-9876"))
            #expect(both.status == 400 && both.json["error"]?["message"]?.stringValue?.contains("'ops'") == true)
        }
    }
}
