@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import ProxyServer

import Testing

/// Every route and connection is bounded (issue 12, item 4): bodies on any method, slow clients, open connections,
/// and upstream answers.
@Suite struct BoundedInputTests {
    /// A live server on a loopback port with `options`' connection limits; `body` gets its port.
    static func live(
        _ options: ServerOptions, _ body: @escaping @Sendable (Int, Cockpit) async throws -> Void
    ) async throws {
        try await TestStores.with(.sqlite) { db in
            let settings = Settings(
                environment: [
                    "LITELLM_MASTER_KEY": ServerHarness.masterKey, "UI_PASSWORD": ServerHarness.uiPassword,
                    "COCKPIT_SESSION_SECRET": ServerHarness.sessionSecret,
                ], dotenvPath: nil)
            let cockpit = Cockpit(settings: settings, database: db)
            let authenticator = Authenticator(
                cockpit: cockpit, sessions: try SessionTokens(secret: ServerHarness.sessionSecret))
            let (router, _) = CockpitServer.router(cockpit: cockpit, authenticator: authenticator, options: options)
            let app = Application(
                router: router, server: CockpitServer.httpServer(options),
                configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in try await body(client.port!, cockpit) }
        }
    }

    static func residentMB() -> Double {
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "0 0"
        return (Double(statm.split(separator: " ")[1]) ?? 0) * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// A GET with a body was read without limit before any role check (`GET /key/info` with gigabytes); now every
    /// method is held to the body limit: 413, and memory stays flat.
    @Test func aLargeGetBodyIsRefusedBeforeAnythingElse() async throws {
        try await ServerHarness.with(.sqlite) { s in
            let body = String(repeating: "x", count: 5 << 20)
            let before = Self.residentMB()
            for path in ["/key/info", "/v1/accounts", "/health/readiness", "/spend/logs"] {
                for _ in 0..<4 {
                    let answer = try await s.call(.get, path, token: "sk-not-a-key", raw: body)
                    #expect(answer.status == .contentTooLarge, "\(path): \(answer.status)")
                }
            }
            // A rough guard only: other tests share this process and move its memory too (213 MB were seen under a
            // parallel run); the refusals above are the test's point.
            #expect(Self.residentMB() - before < 400, "memory stays flat: 16 bodies of 5 MB were not kept")
            let json = try await s.call(.get, "/key/info", token: ServerHarness.masterKey, raw: body)
            #expect(json.json["error"]?["code"] == "413", "LiteLLM routes answer in OpenAI's envelope: \(json.text)")
        }
    }

    @Test func aClientSendingHeadersOneByteAtATimeIsDropped() async throws {
        try await Self.live(ServerOptions(idleTimeout: 1)) { port, _ in
            let slow = try RawConnection(port: port)
            var closed = false
            for byte in "GET /health/liveliness HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
            where !closed {
                closed = !slow.send(String(byte))
                if !closed { closed = await slow.read(for: 0.25).closed }
            }
            // Closed before the last of its ~80 bytes (sent at most one per 0.25 s, so ~20 s): no wall-clock bound,
            // which failed at 5 s under a parallel build.
            #expect(closed, "dropped after the 1 s header timeout, before its headers ended")
            // A client that sends its request at once is served.
            let quick = try RawConnection(port: port)
            quick.send("GET /health/liveliness HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await quick.read(for: 15, until: "}").text.hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test func connectionsBeyondTheCapGetA503() async throws {
        // The test client may hold a connection of its own, so the cap leaves room for one more at most.
        try await Self.live(ServerOptions(idleTimeout: 30, maxConnections: 2)) { port, _ in
            func ask(_ connection: RawConnection) async -> (text: String, closed: Bool) {
                connection.send("GET /health/liveliness HTTP/1.1\r\nHost: x\r\n\r\n")
                return await connection.read(for: 15, until: "}")
            }
            var held: [RawConnection] = [try RawConnection(port: port)]
            #expect(await ask(held[0]).text.hasPrefix("HTTP/1.1 200"))
            held += [try RawConnection(port: port), try RawConnection(port: port)]
            _ = await ask(held[1])
            let answer = await ask(held[2])
            #expect(
                answer.text.hasPrefix("HTTP/1.1 503") && answer.text.contains("too many open connections")
                    && answer.closed, "\(answer)")
            held.removeAll()  // closing them frees their places
            try await Task.sleep(for: .milliseconds(300))
            #expect(await ask(try RawConnection(port: port)).text.hasPrefix("HTTP/1.1 200"))
        }
    }

    /// A non-streaming upstream answer is read up to COCKPIT_UPSTREAM_MAX_BODY_BYTES (32 MiB by default); 100 MB is
    /// a 502, and the gateway goes on serving.
    @Test func anUpstreamAnsweringAHundredMegabytesIsA502() async throws {
        var behavior = FakeUpstream.Behavior()
        behavior.answerBytes = 100 << 20
        try await GatewayHarness.with(behavior: behavior) { g in
            let key = try await g.newKey()
            let answer = try await g.call(
                .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("gpt-test"))
            #expect(
                answer.status == 502
                    && answer.json["error"]?["message"]?.stringValue?.contains("larger than 33554432 bytes") == true,
                "\(answer.status) \(answer.text.prefix(300))")
            g.upstream.configure { $0.answerBytes = 0 }
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("gpt-test")).status
                    == 200)
        }
    }
}
