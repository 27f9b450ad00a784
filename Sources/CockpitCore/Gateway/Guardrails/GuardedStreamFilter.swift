import Foundation

/// Output guardrails over a streamed answer, between the provider's translator and the client: the OpenAI-shaped
/// SSE frames the translator writes are read, each choice's text (`delta.content`, or `text` for completions) goes
/// through a `GuardrailStream` of its own, and the frame leaves with the text that stream releases (masks applied;
/// the last bytes held back until no match can reach into them). What a choice still holds leaves with its
/// `finish_reason` frame, or in a frame of its own before `[DONE]`. A refusing match ends the stream: the text
/// released before it, then an in-band `content_policy_violation` error. Tool-call argument deltas go through a
/// stream per choice and call the same way (`GuardedStreamFilter+ToolCalls`).
final class GuardedStreamFilter {
    let scanner: GuardrailScanner
    let log: GuardrailHitLog
    private var parser = SSEParser()
    var streams: [Int: GuardrailStream] = [:]
    /// The stream of each tool call's arguments, by choice and call index.
    var argumentStreams: [ArgumentStreamKey: GuardrailStream] = [:]
    /// The last frame's JSON, as the template of a frame that carries held-back text at the end.
    var template: [UInt8]?
    var textKey = "content"
    /// Set once a refusal ended the stream.
    var refused = false

    init(scanner: GuardrailScanner, log: GuardrailHitLog) { (self.scanner, self.log) = (scanner, log) }

    /// The bytes to send for the translator's `bytes`.
    func feed(_ bytes: [UInt8]) throws -> [UInt8] {
        guard !refused else { return [] }
        var out: [UInt8] = []
        for event in try parser.feed(bytes) {
            out += frame(event)
            if refused { break }
        }
        return out
    }

    /// The bytes to send at the end (the translator's last bytes, `tail`, included).
    func finish(_ tail: [UInt8]) throws -> [UInt8] {
        var out = try feed(tail)
        if !refused, let last = try parser.finish() { out += frame(last) }
        if !refused { out += flushAll() }
        return out
    }

    private func frame(_ event: SSEParser.Event) -> [UInt8] {
        if event.data == Array("[DONE]".utf8) {
            let held = flushAll()
            return refused ? held : held + SSE.done
        }
        if let fast = try? fastFrame(event.data) { return fast }
        guard case .object(var chunk)? = try? JSONBytes.parse(event.data), case .array(let choices)? = chunk["choices"]
        else { return SSE.frame(event.data) }
        var out: [UInt8] = []
        var mapped: [JSONValue] = []
        for choice in choices {
            guard case .object(var c) = choice else { mapped.append(choice); continue }
            let index = c["index"]?.doubleValue.flatMap { Int(exactly: $0) } ?? 0
            let isChat = c["delta"] != nil
            textKey = isChat ? "content" : "text"
            let text = (isChat ? c["delta"]?["content"] : c["text"])?.stringValue
            let ends = (c["finish_reason"] ?? .null) != .null
            var refusal: GuardrailRefusal?
            if text != nil || ends {
                let stream = streams[index] ?? scanner.openStream()
                streams[index] = stream
                var step = text.map { stream.feed($0) } ?? GuardrailStreamStep(text: "", hits: [], refusal: nil)
                if ends, step.refusal == nil {
                    let last = stream.finish()
                    step = GuardrailStreamStep(
                        text: step.text + last.text, hits: step.hits + last.hits, refusal: last.refusal)
                    streams[index] = nil
                }
                log.add(step.hits, .output)
                if isChat, case .object(var delta)? = c["delta"] {
                    delta["content"] = .string(step.text)
                    c["delta"] = .object(delta)
                } else {
                    c["text"] = .string(step.text)
                }
                refusal = step.refusal
            }
            if refusal == nil, isChat { refusal = guardToolCalls(&c, choice: index, ends: ends) }
            if let refusal {
                c["finish_reason"] = .null
                chunk["choices"] = .array([.object(c)])
                out += encoded(.object(chunk)) + SSE.frame(GatewayError.contentPolicy(refusal).body)
                refused = true
                return out
            }
            mapped.append(.object(c))
        }
        chunk["choices"] = .array(mapped)
        template = try? FastJSONEncoder.encode(JSONValue.object(chunk))
        return out + encoded(.object(chunk))
    }

    /// What every open choice and tool call still holds, each in a frame of its own.
    private func flushAll() -> [UInt8] {
        var out: [UInt8] = []
        var held: [(choice: Int, call: Int?, step: GuardrailStreamStep)] = []
        for index in streams.keys.sorted() {
            guard let stream = streams.removeValue(forKey: index) else { continue }
            held.append((index, nil, stream.finish()))
        }
        for key in argumentStreams.keys.sorted() {
            guard let stream = argumentStreams.removeValue(forKey: key) else { continue }
            held.append((key.choice, key.call, stream.finish()))
        }
        for (index, call, step) in held {
            log.add(step.hits, .output)
            if let refusal = step.refusal {
                refused = true
                return out + SSE.frame(GatewayError.contentPolicy(refusal).body)
            }
            guard !step.text.isEmpty, let template, case .object(var chunk)? = try? JSONBytes.parse(template)
            else { continue }
            let choice: JSONValue
            if let call {
                let delta = Self.argumentsDelta(call: call, step.text)
                choice = ["index": .number(Double(index)), "delta": delta, "finish_reason": .null]
            } else if textKey == "content" {
                choice = [
                    "index": .number(Double(index)), "delta": ["content": .string(step.text)], "finish_reason": .null,
                ]
            } else {
                choice = ["index": .number(Double(index)), "text": .string(step.text), "finish_reason": .null]
            }
            chunk["choices"] = .array([choice])
            chunk["usage"] = nil
            out += encoded(.object(chunk))
        }
        return out
    }

    private func encoded(_ chunk: JSONValue) -> [UInt8] {
        SSE.frame((try? FastJSONEncoder.encode(chunk)) ?? [])
    }
}
