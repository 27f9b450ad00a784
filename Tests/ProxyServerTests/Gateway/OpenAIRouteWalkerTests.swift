import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing
@testable import ProxyServer

/// Every gateway and LiteLLM route refuses a caller without credentials, or with a forged key, with a 401 in
/// OpenAI's envelope; an oversized body gets a 413 in the same envelope.
@Suite struct OpenAIRouteWalkerTests {
    @Test func everyOpenAIRouteNeedsAKey() async throws {
        try await ServerHarness.with(.sqlite, maxBodyBytes: 4096) { s in
            let routes = s.routes.filter(\.openAIErrors)
            #expect(routes.count >= 45)
            for route in routes {
                let path = route.path.replacingOccurrences(of: "{model}", with: "m").replacingOccurrences(
                    of: "{id}", with: "m"
                )
                .replacingOccurrences(of: "{key}", with: "sk-x")
                for token in [nil, "sk-forged-0000000000000000000"] as [String?] {
                    let answer = try await s.call(HTTPRequest.Method(route.method)!, path, token: token, json: [:])
                    #expect(
                        answer.status == .unauthorized && answer.json["error"]?["code"] == "401",
                        "\(route) token \(token ?? "none"): \(answer.text)")
                }
            }
            let big = try await s.call(.post, "/v1/chat/completions", raw: String(repeating: "x", count: 10_000))
            #expect(big.status == .contentTooLarge && big.json["error"]?["code"] == "413")
        }
    }
}
