@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// The gateway applies the guardrails assigned along a key's chain by itself: on the request before the upstream
/// call (mask, refuse, record), on whole answers and on streams (a match split across chunks masked before it
/// leaves; a refusal ending the stream in-band), recording every hit on the spend row, the credit ledger and
/// `/metrics`, never the matched text.
@Suite struct GatewayGuardrailTests {
    static let card = "4111 1111 1111 1111"

    /// A preset of `code` with `patterns` (`name`, `regex`, `type`, `action`, `applies_to`), assigned at `scope`.
    static func assign(
        _ g: GatewayHarness, code: String, _ patterns: [(String, String, String, String, String)],
        scope: (String, String)
    ) async throws {
        let entries: [JSONValue] = patterns.map { name, regex, type, action, appliesTo in
            [
                "pattern_name": .string(name), "pattern_regex": .string(regex), "pattern_type": .string(type),
                "action": .string(action), "applies_to": .string(appliesTo), "enabled": true,
            ]
        }
        let preset = try await g.cockpit.guardrails.upsertPreset(
            account: g.accountID, code: code, name: code.uppercased(),
            presetJSON: ["config": [:], "custom_patterns": .array(entries)])
        _ = try await g.cockpit.guardrails.assign(
            account: g.accountID, presetID: preset.id.lowercased, scopeType: scope.0, scopeID: scope.1)
    }

    /// Every text a stream's frames carry, in order: the content deltas and any error message (the frames' ids are
    /// random hex, so the raw bytes may hold any digits).
    static func received(_ answer: GatewayHarness.Answer) -> String {
        answer.events.compactMap { try? JSONValue.parse($0) }.map { frame in
            (frame["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue ?? "")
                + (frame["error"]?["message"]?.stringValue ?? "")
        }.joined()
    }

    static func chat(_ model: String, _ text: String, stream: Bool = false, mock: String? = nil) -> JSONValue {
        var extra: [String: JSONValue] = ["messages": [["role": "user", "content": .string(text)]]]
        if let mock { extra["mock_response"] = .string(mock) }
        return GatewayHarness.chat(model, stream: stream, extra: extra)
    }

    @Test(arguments: StoreKind.available)
    func requestsAreMaskedRefusedAndRecordedForTheTeamsKeysOnly(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            for domain in ProductDomain.allCases {
                _ = try await g.cockpit.access.addModelGrant(
                    account: g.accountID, domain: domain, modelName: "gpt-test", scope: .account, effect: .allow)
            }
            let team = g.fixture.teams[.copilot]!
            try await Self.assign(
                g, code: "pii",
                [
                    ("email", "builtin:email", "block", "mask", "input"),
                    ("codename", "(?i)project bluebird", "block", "block", "both"),
                    ("audit", "quarterly numbers", "detect", "", "both"),
                ], scope: ("team", team.id.lowercased))
            let copilot = try await g.newKey(["user_id": .string(g.fixture.users[.copilot]!.id.lowercased)])
            let console = try await g.newKey(["user_id": .string(g.fixture.users[.console]!.id.lowercased)])

            // Masked before the call: the upstream never sees the address.
            let masked = try await g.call(
                .post, "/v1/chat/completions", key: copilot,
                json: Self.chat("gpt-test", "mail ana@example.com the quarterly numbers"))
            #expect(masked.status == 200, "\(masked.text)")
            let sent = try #require(g.upstream.receivedBodies.last)
            #expect(sent["messages"]?.arrayValue?.first?["content"] == "mail [EMAIL] the quarterly numbers")
            #expect(sent["model"] == "gpt-4o-mini", "every other member is kept")
            // A text with escapes is scanned as the text it stands for, and re-written with its escapes.
            let escaped = try await g.call(
                .post, "/v1/chat/completions", key: copilot,
                json: Self.chat("gpt-test", "first line\n\"quoted\" ana\u{40}example.com"))
            #expect(escaped.status == 200, "\(escaped.text)")
            #expect(
                g.upstream.receivedBodies.last?["messages"]?.arrayValue?.first?["content"]
                    == "first line\n\"quoted\" [EMAIL]")

            // Refused before the call, naming preset and pattern, never the text.
            let calls = g.upstream.requestCount
            let refused = try await g.call(
                .post, "/v1/chat/completions", key: copilot,
                json: Self.chat("gpt-test", "status of Project Bluebird?"))
            #expect(refused.status == 400, "\(refused.text)")
            #expect(refused.json["error"]?["code"] == "content_policy_violation")
            #expect(refused.json["error"]?["type"] == "invalid_request_error")
            #expect(
                refused.json["error"]?["message"]
                    == "Guardrail 'pii' blocked this content (pattern 'codename')")
            #expect(!refused.text.lowercased().contains("bluebird"))
            #expect(g.upstream.requestCount == calls, "a refused request never reaches the upstream")

            // The console tree has no assignment: its keys are not checked.
            let free = try await g.call(
                .post, "/v1/chat/completions", key: console, json: Self.chat("gpt-test", "Project Bluebird"))
            #expect(free.status == 200, "\(free.text)")
            // An account-level assignment reaches keys of both trees at once (this instance's caches are told).
            try await Self.assign(
                g, code: "acct", [("codename", "(?i)project bluebird", "block", "block", "both")],
                scope: ("account", g.accountID.lowercased))
            let now = try await g.call(
                .post, "/v1/chat/completions", key: console, json: Self.chat("gpt-test", "Project Bluebird"))
            #expect(now.status == 400 && now.json["error"]?["message"]?.stringValue?.contains("'acct'") == true)

            // Hits on the spend rows and the ledger, never the text.
            let rows = try await g.spendRows()
            let maskedRow = try #require(rows.first { $0.guardrailHits?.contains { $0.pattern == "audit" } == true })
            #expect(
                Set(maskedRow.guardrailHits ?? [])
                    == [
                        GuardrailHitSummary(
                            preset: "pii", pattern: "email", action: "mask", direction: "input", outcome: "masked",
                            count: 1),
                        GuardrailHitSummary(
                            preset: "pii", pattern: "audit", action: "", direction: "input", outcome: "detected",
                            count: 1),
                    ])
            let refusedRow = try #require(rows.first { $0.guardrailHits?.contains { $0.outcome == "refused" } == true })
            #expect(refusedRow.status == "failure" && refusedRow.cost == 0)
            #expect(rows.filter { $0.guardrailHits == nil }.count == 1, "the console key's row has none")
            let ledger = try await GatewayCreditTests.ledger(g)
            #expect(ledger.contains { $0.requestID == maskedRow.requestID && $0.guardrailCode == "pii" })
            let metrics = try await g.call(.get, "/metrics", key: nil)
            #expect(
                metrics.text.contains(
                    "cockpit_guardrail_hits_total{preset=\"pii\",direction=\"input\",outcome=\"masked\"} 2"))
            #expect(!metrics.text.contains("ana@example.com") && !rows.description.contains("ana@example.com"))
        }
    }

    @Test(arguments: StoreKind.available)
    func answersAndStreamsAreMaskedAndRefusedBeforeTheBytesLeave(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            try await GatewayCreditTests.grantMock(g)
            try await Self.assign(
                g, code: "out",
                [
                    ("card", "builtin:card", "block", "mask", "output"),
                    ("launch", "launch code \\d+", "block", "block", "output"),
                ], scope: ("account", g.accountID.lowercased))
            // Account-level presets apply to keys of both trees.
            let key = try await g.newKey(["user_id": .string(g.fixture.users[.console]!.id.lowercased)])
            let card = "your card \(Self.card) is on file"

            let whole = try await g.call(
                .post, "/v1/chat/completions", key: key, json: Self.chat("mock-test", "hi", mock: card))
            #expect(whole.status == 200, "\(whole.text)")
            #expect(whole.json["choices"]?.arrayValue?.first?["message"]?["content"] == "your card [CARD] is on file")

            // Streamed a word a chunk: the card is split over four chunks and still masked before it leaves.
            let stream = try await g.call(
                .post, "/v1/chat/completions", key: key, json: Self.chat("mock-test", "hi", stream: true, mock: card))
            #expect(stream.status == 200, "\(stream.text)")
            #expect(Self.received(stream) == "your card [CARD] is on file", "\(stream.text)")
            #expect(stream.events.last == "[DONE]")

            // A refusal mid-stream: what came before it, then the in-band error, and no [DONE].
            let refused = try await g.call(
                .post, "/v1/chat/completions", key: key,
                json: Self.chat("mock-test", "hi", stream: true, mock: "the launch code 12345 is secret"))
            #expect(refused.status == 200)
            let error = try #require(refused.events.last.flatMap { try? JSONValue.parse($0) })
            #expect(error["error"]?["code"] == "content_policy_violation", "\(refused.text)")
            #expect(Self.received(refused) == "the Guardrail 'out' blocked this content (pattern 'launch')")
            #expect(!refused.events.contains("[DONE]"))
            let whole2 = try await g.call(
                .post, "/v1/chat/completions", key: key,
                json: Self.chat("mock-test", "hi", mock: "the launch code 12345 is secret"))
            #expect(whole2.status == 400 && whole2.json["error"]?["code"] == "content_policy_violation")
            #expect(!whole2.text.contains("12345"))
            let rows = try await g.spendRows()
            #expect(rows.filter { $0.guardrailHits?.contains { $0.outcome == "refused" } == true }.count == 2)
            #expect(rows.allSatisfy { $0.guardrailHits?.allSatisfy { $0.direction == "output" } ?? true })
        }
    }

    @Test func configGuardrailsApplyToEveryRequestTheMasterKeysToo() async throws {
        let config =
            GatewayHarness.defaultConfig + """

                guardrails:
                  - guardrail_name: cfg-pii
                    litellm_params: {guardrail: cockpit, mode: pre_call, default_on: true, detectors: [email]}
                """
        try await GatewayHarness.with(.sqlite, config: config) { g in
            let key = try await g.newKey()
            for credential in [key, GatewayHarness.masterKey] {
                let answer = try await g.call(
                    .post, "/v1/chat/completions", key: credential, json: Self.chat("gpt-test", "write to a@b.example"))
                #expect(answer.status == 200, "\(answer.text)")
                #expect(
                    g.upstream.receivedBodies.last?["messages"]?.arrayValue?.first?["content"] == "write to [EMAIL]")
            }
            let metrics = try await g.call(.get, "/metrics", key: nil)
            #expect(
                metrics.text.contains(
                    "cockpit_guardrail_hits_total{preset=\"cfg-pii\",direction=\"input\",outcome=\"masked\"} 2"))
        }
    }
}
