@testable import CockpitCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The libcurl client against a real HTTP server on a loopback port.
@Suite struct CurlHTTPClientTests {
    static func withServer(_ body: @escaping @Sendable (String, CurlHTTPClient) async throws -> Void) async throws {
        let router = Router()
        router.get("/hello") { _, _ in "hello" }
        router.post("/echo") { request, _ -> Response in
            var request = request
            let bytes = try await request.collectBody(upTo: 1 << 24)
            let tag = request.headers[HTTPField.Name("x-test")!] ?? ""
            return Response(status: .created, headers: [HTTPField.Name("x-tag")!: tag], body: .init(byteBuffer: bytes))
        }
        router.get("/slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(3))
            return "late"
        }
        router.get("/stream") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: .init { writer in
                    for i in 0..<20 {
                        try await writer.write(ByteBuffer(string: "data: \(i)\n\n"))
                        try await Task.sleep(for: .milliseconds(5))
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("/big") { _, _ -> Response in
            Response(
                status: .ok,
                body: .init { writer in
                    let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 * 1024)
                    for _ in 0..<80 { try await writer.write(chunk) }
                    try await writer.finish(nil)
                })
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let http = CurlHTTPClient()
            defer { http.shutdown() }
            try await body("http://127.0.0.1:\(client.port!)", http)
        }
    }

    /// A pooled connection stays in the I/O thread's epoll set between requests; when the server closes it while
    /// idle, it leaves the set (no busy loop on a closed socket) and the next request opens a new connection.
    @Test func aConnectionTheServerClosesWhileIdleIsDroppedAndReplaced() async throws {
        let router = Router()
        router.get("/hello") { _, _ in "hello" }
        let app = Application(
            router: router, server: .http1(configuration: .init(idleTimeout: .milliseconds(100))),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let http = CurlHTTPClient()
            defer { http.shutdown() }
            let url = "http://127.0.0.1:\(client.port!)/hello"
            for _ in 0..<3 {
                for _ in 0..<20 { #expect(try await http.send(HTTPClientRequest(url: url)).text == "hello") }
                try await Task.sleep(for: .milliseconds(400))
            }
            #expect(http.idleConnectionsClosed >= 2, "the server's closes were seen on the idle sockets")
            #expect(try await http.send(HTTPClientRequest(url: url)).text == "hello")
        }
    }

    @Test func buffersResponsesAndKeepsErrorStatusesAsResponses() async throws {
        try await Self.withServer { base, http in
            let hello = try await http.send(HTTPClientRequest(url: "\(base)/hello"))
            #expect(hello.status == 200 && hello.text == "hello")
            let echo = try await http.send(
                HTTPClientRequest(
                    url: "\(base)/echo", method: "POST", headers: [("X-Test", "42")],
                    body: Array("{\"a\":1}".utf8)))
            #expect(echo.status == 201 && echo.text == "{\"a\":1}" && echo.head.header("X-Tag") == "42")
            #expect(try await http.send(HTTPClientRequest(url: "\(base)/missing")).status == 404)
        }
    }

    @Test func connectFailuresAndTimeoutsAreTypedErrors() async throws {
        try await Self.withServer { base, http in
            await #expect(throws: HTTPClientError.self) {
                try await http.send(HTTPClientRequest(url: "http://127.0.0.1:1/", connectTimeout: 1))
            }
            // `/slow` answers 200 after 3 s, so `.timedOut` itself proves the 0.3 s timeout fired (no wall-clock bound,
            // which a loaded machine breaks: 2.8 s once under a parallel release build).
            await #expect(throws: HTTPClientError.timedOut) {
                try await http.send(HTTPClientRequest(url: "\(base)/slow", timeout: 0.3))
            }
            await #expect(throws: HTTPClientError.self) { try await http.send(HTTPClientRequest(url: "not a url")) }
        }
    }

    @Test func streamsChunksInOrderAsTheyArrive() async throws {
        try await Self.withServer { base, http in
            let (head, body) = try await http.stream(HTTPClientRequest(url: "\(base)/stream"))
            #expect(head.status == 200 && head.header("content-type") == "text/event-stream")
            let text = String(decoding: try await body.collect(), as: UTF8.self)
            #expect(text == (0..<20).map { "data: \($0)\n\n" }.joined())
        }
    }

    @Test func aSlowReaderGetsEveryByte() async throws {
        try await Self.withServer { base, http in
            // A generous cap: the reader is slow on purpose, and a loaded machine makes it slower still.
            let (_, body) = try await http.stream(HTTPClientRequest(url: "\(base)/big", timeout: 600))
            var total = 0
            for try await chunk in body {
                // Behind at first: the transfer pauses past 1 MiB unread, and goes on when the reader catches up.
                if total == 0 { try await Task.sleep(for: .milliseconds(300)) }
                total += chunk.count
                if total < 3 << 20 { try await Task.sleep(for: .milliseconds(1)) }
            }
            #expect(total == 80 * 64 * 1024)
            #expect(http.resumedTransfers > 0, "the transfer paused and went on")
        }
    }

    @Test func cancellationStopsATransferAndTheClientGoesOn() async throws {
        try await Self.withServer { base, http in
            let task = Task { try await http.send(HTTPClientRequest(url: "\(base)/slow")) }
            try await Task.sleep(for: .milliseconds(100))
            task.cancel()
            // The slow route answers after 3 s: an uncancelled transfer would end in its 200, not in `.cancelled`.
            await #expect(throws: HTTPClientError.cancelled) { try await task.value }
            // Many requests at once share the client and its connections.
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<200 {
                    group.addTask { try await http.send(HTTPClientRequest(url: "\(base)/hello")).status }
                }
                for try await status in group { #expect(status == 200) }
            }
        }
    }
}
