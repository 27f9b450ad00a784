import Foundation

/// Tool-call argument deltas under output guardrails: each call of each choice (`delta.tool_calls[].index`; the
/// legacy `delta.function_call` is call -1) has a `GuardrailStream` of its own, so a match split across fragments is found as in content; a fragment leaves with what
/// its stream releases (masks applied, the last bytes held), held text leaves with the choice's `finish_reason`
/// frame or before `[DONE]`. Clients join the fragments by call index, so moving text between frames changes nothing
/// for them.
extension GuardedStreamFilter {
    /// One tool call's arguments within a stream: the choice and the call's index.
    struct ArgumentStreamKey: Hashable, Comparable {
        var choice: Int
        var call: Int

        static func < (a: Self, b: Self) -> Bool { (a.choice, a.call) < (b.choice, b.call) }
    }

    /// Puts the argument fragments of a chat choice `c` through their streams (and, when the choice `ends`, adds what
    /// its calls still hold). Returns the refusal if a refusing pattern matched; the fragments then carry only the
    /// text before it.
    func guardToolCalls(_ c: inout [String: JSONValue], choice: Int, ends: Bool) -> GuardrailRefusal? {
        guard case .object(var delta)? = c["delta"] else { return nil }
        var calls = delta["tool_calls"]?.arrayValue ?? []
        var seen = Set<Int>()
        var refusal: GuardrailRefusal?
        for (position, call) in calls.enumerated() {
            guard case .object(var entry) = call, case .object(var function)? = entry["function"],
                case .string(let arguments)? = function["arguments"]
            else { continue }
            let key = ArgumentStreamKey(
                choice: choice, call: entry["index"]?.doubleValue.flatMap { Int(exactly: $0) } ?? position)
            seen.insert(key.call)
            let step = feedArguments(arguments, key, ends: ends)
            function["arguments"] = .string(step.text)
            entry["function"] = .object(function)
            calls[position] = .object(entry)
            if let refused = step.refusal {
                refusal = refused
                break
            }
        }
        if ends, refusal == nil {
            for key in argumentStreams.keys.filter({ $0.choice == choice && $0.call >= 0 && !seen.contains($0.call) })
                .sorted()
            {
                let step = feedArguments(nil, key, ends: true)
                if let refused = step.refusal {
                    refusal = refused
                    break
                }
                guard !step.text.isEmpty else { continue }
                calls.append(["index": .number(Double(key.call)), "function": ["arguments": .string(step.text)]])
            }
        }
        if refusal == nil, case .object(var function)? = delta["function_call"],
            case .string(let arguments)? = function["arguments"]
        {
            let step = feedArguments(arguments, ArgumentStreamKey(choice: choice, call: -1), ends: ends)
            function["arguments"] = .string(step.text)
            delta["function_call"] = .object(function)
            refusal = step.refusal
        }
        if !calls.isEmpty { delta["tool_calls"] = .array(calls) }
        c["delta"] = .object(delta)
        return refusal
    }

    /// The delta that carries `text` of a call's arguments at the end of a stream.
    static func argumentsDelta(call: Int, _ text: String) -> JSONValue {
        guard call >= 0 else { return ["function_call": ["arguments": .string(text)]] }
        return ["tool_calls": [["index": .number(Double(call)), "function": ["arguments": .string(text)]]]]
    }

    /// One fragment (nil: none) through its call's stream, finished when the choice `ends`; hits logged.
    private func feedArguments(_ fragment: String?, _ key: ArgumentStreamKey, ends: Bool) -> GuardrailStreamStep {
        let stream = argumentStreams[key] ?? scanner.openStream()
        argumentStreams[key] = stream
        var step = fragment.map { stream.feed($0) } ?? GuardrailStreamStep(text: "", hits: [], refusal: nil)
        if ends, step.refusal == nil {
            let last = stream.finish()
            step = GuardrailStreamStep(text: step.text + last.text, hits: step.hits + last.hits, refusal: last.refusal)
            argumentStreams[key] = nil
        }
        log.add(step.hits, .output)
        return step
    }
}
