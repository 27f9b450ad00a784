@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Upstream faults: each gives the documented error, a retry, a fallback or a cooldown, never a hang.
@Suite struct GatewayFaultTests {
    static let twoDeployments = """
        model_list:
          - model_name: pair
            litellm_params: {model: openai/a, api_base: UPSTREAM/v1, api_key: upstream-key}
          - model_name: pair
            litellm_params: {model: openai/b, api_base: "http://127.0.0.1:9/v1", api_key: upstream-key}
          - model_name: solo
            litellm_params: {model: openai/solo, api_base: UPSTREAM/v1, api_key: upstream-key}
          - model_name: hasty
            litellm_params: {model: openai/hasty, api_base: UPSTREAM/v1, api_key: upstream-key, timeout: 0.3}
          - model_name: backup
            litellm_params: {model: mock/backup}
          - model_name: dead
            litellm_params: {model: openai/dead, api_base: "http://127.0.0.1:9/v1", api_key: upstream-key}
          - model_name: deadpair
            litellm_params: {model: openai/d1, api_base: "http://127.0.0.1:9/v1", api_key: upstream-key}
          - model_name: deadpair
            litellm_params: {model: openai/d2, api_base: "http://127.0.0.1:9/v1", api_key: upstream-key}
        router_settings:
          num_retries: 1
          cooldown_time: 30
          fallbacks: [{"solo": ["backup"]}]
        """

    @Test func a429OrA5xxIsRetriedAndTheHeadersSaySo() async throws {
        try await GatewayHarness.with(config: Self.twoDeployments) { g in
            for status in [429, 500, 503] {
                g.upstream.configure {
                    $0.failStatus = status; $0.failCount = 1
                }
                let answer = try await g.call(.post, "/v1/chat/completions", json: GatewayHarness.chat("solo"))
                #expect(
                    answer.status == 200 && answer.header("x-litellm-attempted-retries") == "1",
                    "\(status): \(answer.text)")
            }
            g.upstream.configure {
                $0.failStatus = 400; $0.failCount = 1
            }
            let bad = try await g.call(.post, "/v1/chat/completions", json: GatewayHarness.chat("solo"))
            #expect(
                bad.status == 400 && bad.json["error"]?["message"]?.stringValue == "injected failure 400",
                "a 400 is not retried")
        }
    }

    @Test func aFailingGroupFallsBack() async throws {
        try await GatewayHarness.with(config: Self.twoDeployments) { g in
            g.upstream.configure {
                $0.failStatus = 500; $0.failCount = 10
            }
            let answer = try await g.call(.post, "/v1/chat/completions", json: GatewayHarness.chat("solo"))
            #expect(answer.status == 200 && answer.header("x-litellm-attempted-fallbacks") == "1", "\(answer.text)")
            #expect(answer.json["model"] == "solo", "the client sees the name it asked for")
            #expect(answer.header("x-litellm-model-id") == "config-4")
        }
    }

    @Test func aRefusedConnectionCoolsTheDeploymentDown() async throws {
        try await GatewayHarness.with(config: Self.twoDeployments) { g in
            // Whichever of the pair is tried first, the answer comes from the live one; the dead one cools down.
            for _ in 0..<6 {
                let answer = try await g.call(.post, "/v1/chat/completions", json: GatewayHarness.chat("pair"))
                #expect(answer.status == 200 && answer.header("x-litellm-model-id") == "config-0", "\(answer.text)")
            }
            let dead = try await g.call(.post, "/v1/chat/completions", json: GatewayHarness.chat("dead"))
            #expect(dead.status == 502 && dead.json["error"]?["type"] == "api_connection_error", "\(dead.text)")
            // Both of a pair down: the first call reports the failure, the next finds nothing healthy.
            #expect(
                try await g.call(.post, "/v1/chat/completions", json: GatewayHarness.chat("deadpair")).status == 502)
            let none = try await g.call(.post, "/v1/chat/completions", json: GatewayHarness.chat("deadpair"))
            #expect(
                none.status == 429
                    && none.json["error"]?["message"]?.stringValue?.contains("no healthy deployment") == true,
                "\(none.text)")
            // GET /health probes every deployment (super-admin only).
            let health = try await g.call(.get, "/health")
            #expect(
                health.status == 200 && health.json["unhealthy_count"] == 4 && health.json["healthy_count"] == 4,
                "\(health.text)")
            let key = try await g.newKey()
            #expect(try await g.call(.get, "/health", key: key).status == 403)
        }
    }

    @Test func aSlowUpstreamTimesOutWithoutHanging() async throws {
        var slow = FakeUpstream.Behavior()
        slow.latency = 4
        try await GatewayHarness.with(
            config: Self.twoDeployments.replacingOccurrences(of: "fallbacks: [{\"solo\": [\"backup\"]}]", with: ""),
            behavior: slow
        ) { g in
            let answer = try await g.call(.post, "/v1/chat/completions", json: GatewayHarness.chat("hasty"))
            // The upstream answers 200 after 4 s: a 408 timeout proves the 0.3 s attempts gave up rather than waited
            // it out. No wall-clock bound (3.9 s failed at 4.09 s under CI's parallel load).
            #expect(answer.status == 408 && answer.json["error"]?["type"] == "timeout", "\(answer.text)")
        }
    }

    @Test func malformedAnswersAndCutStreamsAreReportedInTheirPlace() async throws {
        try await GatewayHarness.with { g in
            let key = try await g.newKey()
            g.upstream.configure { $0.malformed = true }
            let malformed = try await g.call(
                .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("gpt-test"))
            #expect(
                malformed.status == 502
                    && malformed.json["error"]?["message"]?.stringValue?.contains("malformed") == true)
            g.upstream.configure {
                $0.malformed = false; $0.cutAfter = 2
            }
            for model in ["gpt-test", "claude-test", "gemini-test"] {
                let cut = try await g.call(
                    .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat(model, stream: true))
                #expect(cut.status == 200, "the stream had started")
                let last = try JSONValue.parse(try #require(cut.events.last))
                #expect(
                    last["error"]?["message"]?.stringValue?.contains("ended before") == true, "\(model): \(cut.text)")
                #expect(!cut.events.contains("[DONE]"))
            }
            let rows = try await g.spendRows()
            #expect(rows.filter { $0.status == "failure" }.count == 4)
            #expect(rows.filter { $0.completionTokens > 0 }.count == 3, "a cut stream is charged for what it delivered")
        }
    }

    @Test func aClientThatGoesAwayCancelsTheUpstreamAndIsCharged() async throws {
        var slow = FakeUpstream.Behavior()
        slow.chunks = 200
        slow.chunkDelay = 0.02
        try await GatewayHarness.with(behavior: slow, live: true) { g in
            let key = try await g.newKey()
            let http = CurlHTTPClient()
            defer { http.shutdown() }
            let request = HTTPClientRequest(
                url: "http://127.0.0.1:\(g.port!)/v1/chat/completions", method: "POST",
                headers: [("Authorization", "Bearer \(key)"), ("Content-Type", "application/json")],
                body: Array(GatewayHarness.chat("gpt-test", stream: true).encodedString.utf8))
            let (head, body) = try await http.stream(request)
            #expect(head.status == 200)
            var received = 0
            for try await chunk in body {
                received += chunk.count
                if received > 600 { break }
            }
            body.cancel()
            var waited = 0
            while g.upstream.abandonedStreams == 0, waited < 100 {
                try await Task.sleep(nanoseconds: 50_000_000)
                waited += 1
            }
            #expect(g.upstream.abandonedStreams == 1, "the upstream transfer was cancelled")
            try await Task.sleep(nanoseconds: 200_000_000)
            let rows = try await g.spendRows()
            #expect(
                rows.count == 1 && rows.first?.status == "failure" && (rows.first?.completionTokens ?? 0) > 0
                    && (rows.first?.cost ?? 0) > 0)
        }
    }
}
