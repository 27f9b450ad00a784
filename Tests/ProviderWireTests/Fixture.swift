@testable import CockpitCore
import Foundation
import Testing

/// The providers' documented request and answer bodies and stream transcripts, in Tests/ProviderWireTests/Fixtures
/// (`<provider>/<name>`; where each comes from is in Fixtures/SOURCES.md).
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func json(_ name: String) throws -> JSONValue { try JSONBytes.parse(bytes(name)) }

    /// A fixture holding an OpenAI-shaped chat request, as the gateway reads it.
    static func request(_ name: String) throws -> GatewayRequest {
        try GatewayRequest.parse(.chat, body: bytes(name))
    }

    /// An inline OpenAI-shaped chat request.
    static func chat(_ body: String) throws -> GatewayRequest {
        try GatewayRequest.parse(.chat, body: Array(body.utf8))
    }

    /// The value of a header the upstream request carries (names compared without case, as HTTP does).
    static func header(_ name: String, in request: HTTPClientRequest) -> String? {
        request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Feeds a recorded transcript through a translator in pieces of `piece` bytes (a network splits events
    /// anywhere), then ends the stream; returns what the client receives, read back as an OpenAI client reads it.
    static func replay(
        _ name: String, through translator: inout any StreamTranslator, piece: Int = 7
    ) throws -> StreamedAnswer {
        let transcript = try bytes(name)
        var out: [UInt8] = []
        var start = 0
        while start < transcript.count {
            let end = min(start + piece, transcript.count)
            out += try translator.feed(Array(transcript[start..<end]))
            start = end
        }
        out += try translator.finish()
        return try StreamedAnswer(out)
    }
}

/// A client's view of an OpenAI chat-completion stream: the chunks, and the answer they add up to (tool calls
/// merged by index, as the OpenAI SDKs merge them).
struct StreamedAnswer {
    var chunks: [JSONValue] = []
    var done = false
    var role: String?
    var content = ""
    var toolCalls: [Int: (id: String, name: String, arguments: String)] = [:]
    var finishReasons: [String] = []
    var usage: JSONValue?

    init(_ sse: [UInt8]) throws {
        var parser = SSEParser()
        for event in try parser.feed(sse) {
            #expect(!done, "nothing follows [DONE]")
            if event.data.elementsEqual("[DONE]".utf8) {
                done = true
                continue
            }
            let chunk = try JSONBytes.parse(event.data)
            chunks.append(chunk)
            if let u = chunk["usage"], u != .null { usage = u }
            for choice in chunk["choices"]?.arrayValue ?? [] {
                let delta = choice["delta"]
                if let r = delta?["role"]?.stringValue { role = r }
                content += delta?["content"]?.stringValue ?? ""
                for call in delta?["tool_calls"]?.arrayValue ?? [] {
                    let index = Int(call["index"]?.doubleValue ?? -1)
                    var merged = toolCalls[index] ?? ("", "", "")
                    if let id = call["id"]?.stringValue { merged.id += id }
                    if let name = call["function"]?["name"]?.stringValue { merged.name += name }
                    merged.arguments += call["function"]?["arguments"]?.stringValue ?? ""
                    toolCalls[index] = merged
                }
                if let f = choice["finish_reason"]?.stringValue { finishReasons.append(f) }
            }
        }
    }

    /// The models the chunks name (the public name, once each).
    var models: Set<String> { Set(chunks.compactMap { $0["model"]?.stringValue }) }
}
