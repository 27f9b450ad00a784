@testable import CockpitCore
import Foundation
import Testing

/// Output guardrails over SSE frames: one-choice frames take the path that reads the text in place and re-writes only
/// it; frames with several choices take the general one; both mask a match split over frames before any of it
/// leaves, flush held text before `[DONE]`, and end a refused stream with an in-band error.
@Suite struct GuardedStreamFilterTests {
    static func filter() async throws -> GuardedStreamFilter {
        let scanner = try await GuardrailScanner.compile(
            presets: [
                GuardrailPresetPatterns(
                    code: "out",
                    patterns: [
                        GuardrailPattern(name: "card", regex: "builtin:card", type: .block, action: "mask"),
                        GuardrailPattern(name: "launch", regex: "launch code \\d{4}", type: .block, action: "block"),
                    ])
            ], direction: .output)
        return GuardedStreamFilter(scanner: scanner, log: GuardrailHitLog())
    }

    static func chunk(_ parts: [String?], finish: String? = nil) -> [UInt8] {
        let choices: [JSONValue] = parts.enumerated().map { i, text in
            [
                "index": .number(Double(i)), "delta": text.map { ["content": .string($0)] } ?? [:],
                "finish_reason": finish.map(JSONValue.string) ?? .null,
            ]
        }
        let frame: JSONValue = ["id": "c1", "object": "chat.completion.chunk", "choices": .array(choices)]
        return SSE.frame(try! FastJSONEncoder.encode(frame))
    }

    /// The text each choice received over all frames, and any error message.
    static func received(_ bytes: [UInt8]) throws -> (texts: [Int: String], error: String?, done: Bool) {
        var parser = SSEParser()
        var texts: [Int: String] = [:]
        var error: String?
        var done = false
        for event in try parser.feed(bytes) {
            if event.data == Array("[DONE]".utf8) {
                done = true
                continue
            }
            let frame = try JSONBytes.parse(event.data)
            if let message = frame["error"]?["message"]?.stringValue { error = message }
            for choice in frame["choices"]?.arrayValue ?? [] {
                let index = Int(choice["index"]?.doubleValue ?? 0)
                texts[index, default: ""] += choice["delta"]?["content"]?.stringValue ?? ""
            }
        }
        return (texts, error, done)
    }

    @Test func oneChoiceFramesAreMaskedInPlace() async throws {
        let f = try await Self.filter()
        var out: [UInt8] = []
        for part in ["pay with 4111 11", "11 1111 ", "1111 today,\nline \"two\"", " thanks"] {
            out += try f.feed(Self.chunk([part]))
        }
        out += try f.feed(Self.chunk([nil], finish: "stop"))
        out += try f.finish(SSE.done)
        let (texts, error, done) = try Self.received(out)
        #expect(texts[0] == "pay with [CARD] today,\nline \"two\" thanks" && error == nil && done)
        #expect(!String(decoding: out, as: UTF8.self).contains("4111"), "no digit of the card left")
    }

    @Test func framesWithSeveralChoicesTakeTheGeneralPath() async throws {
        let f = try await Self.filter()
        var out = try f.feed(Self.chunk(["card 4111 1111 ", "nothing here "]))
        out += try f.feed(Self.chunk(["1111 1111.", "at all."]))
        out += try f.finish(SSE.done)
        let (texts, error, done) = try Self.received(out)
        #expect(texts == [0: "card [CARD].", 1: "nothing here at all."] && error == nil && done)
    }

    @Test func aRefusalEndsTheStreamInBand() async throws {
        let f = try await Self.filter()
        var out = try f.feed(Self.chunk(["the launch co"]))
        out += try f.feed(Self.chunk(["de 1234 is secret"]))
        out += try f.finish(SSE.done)
        let (texts, error, done) = try Self.received(out)
        #expect(f.refused && !done)
        #expect(error == "Guardrail 'out' blocked this content (pattern 'launch')")
        #expect("the ".hasPrefix(texts[0] ?? ""), "at most the text before the match left: \(texts)")
    }

    static func callFrame(_ call: Int, _ fragment: String?, finish: String? = nil, legacy: Bool = false) -> [UInt8] {
        var delta: [String: JSONValue] = [:]
        if let fragment {
            let function: JSONValue = ["arguments": .string(fragment)]
            delta[legacy ? "function_call" : "tool_calls"] =
                legacy ? function : [["index": .number(Double(call)), "function": function]]
        }
        let choice: JSONValue = [
            "index": 0, "delta": .object(delta), "finish_reason": finish.map(JSONValue.string) ?? .null,
        ]
        return SSE.frame(try! FastJSONEncoder.encode(["id": "c1", "choices": [choice]] as JSONValue))
    }

    /// The arguments each call received over all frames (the legacy function call as -1).
    static func arguments(_ bytes: [UInt8]) throws -> [Int: String] {
        var parser = SSEParser()
        var calls: [Int: String] = [:]
        for event in try parser.feed(bytes) where event.data != Array("[DONE]".utf8) {
            let delta = try JSONBytes.parse(event.data)["choices"]?.arrayValue?.first?["delta"]
            for call in delta?["tool_calls"]?.arrayValue ?? [] {
                calls[Int(call["index"]?.doubleValue ?? 0), default: ""] +=
                    call["function"]?["arguments"]?.stringValue ?? ""
            }
            if let legacy = delta?["function_call"]?["arguments"]?.stringValue { calls[-1, default: ""] += legacy }
        }
        return calls
    }

    @Test func toolCallArgumentsAreMaskedAcrossFragments() async throws {
        let f = try await Self.filter()
        var out = try f.feed(Self.callFrame(0, #"{"card": "4111 1111"#))
        out += try f.feed(Self.callFrame(1, #"{"city": "Oslo"}"#))
        out += try f.feed(Self.callFrame(0, #" 1111 1111"}"#))
        out += try f.feed(Self.callFrame(0, nil, finish: "tool_calls"))
        out += try f.finish(SSE.done)
        #expect(try Self.arguments(out) == [0: #"{"card": "[CARD]"}"#, 1: #"{"city": "Oslo"}"#])
        #expect(!String(decoding: out, as: UTF8.self).contains("4111"))
        let legacy = try await Self.filter()
        var old = try legacy.feed(Self.callFrame(0, #"{"n": "4111 1111 "#, legacy: true))
        old += try legacy.feed(Self.callFrame(0, #"1111 1111"}"#, legacy: true))
        old += try legacy.finish(SSE.done)
        #expect(try Self.arguments(old) == [-1: #"{"n": "[CARD]"}"#])
    }

    @Test func aRefusalInToolCallArgumentsEndsTheStream() async throws {
        let f = try await Self.filter()
        var out = try f.feed(Self.callFrame(0, #"{"say": "launch co"#))
        out += try f.feed(Self.callFrame(0, #"de 9876"}"#))
        out += try f.finish(SSE.done)
        let (_, error, done) = try Self.received(out)
        #expect(f.refused && !done && error == "Guardrail 'out' blocked this content (pattern 'launch')")
        #expect(!String(decoding: out, as: UTF8.self).contains("9876"))
    }
}
