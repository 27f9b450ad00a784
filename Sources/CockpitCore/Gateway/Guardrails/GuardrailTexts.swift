import Foundation

/// Where the text of requests and answers lies, for guardrails to scan and mask. Requests: chat `messages` (each
/// message's `content`, a string or its `text` parts, and its tool calls' `function.arguments`, and the legacy
/// `function_call.arguments`), completions `prompt` and embeddings `input` (a string or a list of strings; token
/// arrays carry no text). Answers: each choice's `message.content` and tool-call arguments, or its `text`.
enum GuardrailTexts {
    /// The request member that holds the text of an endpoint.
    static func inputMember(_ endpoint: GatewayEndpoint) -> String {
        switch endpoint {
        case .chat: "messages"
        case .completions: "prompt"
        case .embeddings: "input"
        }
    }

    /// `value` (the request's text member) with `transform` applied to every text in it.
    static func mapRequest(
        _ value: JSONValue, _ endpoint: GatewayEndpoint, _ transform: (String) throws -> String
    ) rethrows -> JSONValue {
        switch endpoint {
        case .chat:
            guard case .array(let messages) = value else { return value }
            return .array(try messages.map { try mapMessage($0, transform) })
        case .completions, .embeddings:
            return try mapStrings(value, transform)
        }
    }

    /// An answer (`choices[]`) with `transform` applied to every text in it.
    static func mapAnswer(_ answer: JSONValue, _ transform: (String) throws -> String) rethrows -> JSONValue {
        guard case .object(var fields) = answer, case .array(let choices)? = fields["choices"] else { return answer }
        fields["choices"] = .array(
            try choices.map { choice in
                guard case .object(var c) = choice else { return choice }
                if let message = c["message"] { c["message"] = try mapMessage(message, transform) }
                if case .string(let text)? = c["text"] { c["text"] = .string(try transform(text)) }
                return .object(c)
            })
        return .object(fields)
    }

    /// A chat message: its content (string or text parts) and the arguments of its tool and function calls.
    private static func mapMessage(_ message: JSONValue, _ transform: (String) throws -> String) rethrows -> JSONValue {
        guard case .object(var m) = message else { return message }
        switch m["content"] {
        case .string(let text)?: m["content"] = .string(try transform(text))
        case .array(let parts)?:
            m["content"] = .array(
                try parts.map { part in
                    guard case .object(var p) = part, case .string(let text)? = p["text"] else { return part }
                    p["text"] = .string(try transform(text))
                    return .object(p)
                })
        default: break
        }
        if case .array(let calls)? = m["tool_calls"] {
            m["tool_calls"] = .array(try calls.map { try mapArguments($0, transform) })
        }
        if case .object? = m["function_call"], let call = m["function_call"] {
            m["function_call"] = try mapArguments(["function": call], transform)["function"]
        }
        return .object(m)
    }

    /// A tool call's `function.arguments`.
    private static func mapArguments(_ call: JSONValue, _ transform: (String) throws -> String) rethrows -> JSONValue {
        guard case .object(var c) = call, case .object(var function)? = c["function"],
            case .string(let arguments)? = function["arguments"]
        else { return call }
        function["arguments"] = .string(try transform(arguments))
        c["function"] = .object(function)
        return .object(c)
    }

    /// A string, or each string of a list (token arrays and other values as they are).
    private static func mapStrings(_ value: JSONValue, _ transform: (String) throws -> String) rethrows -> JSONValue {
        switch value {
        case .string(let text): return .string(try transform(text))
        case .array(let items):
            return .array(
                try items.map { item in
                    guard case .string(let text) = item else { return item }
                    return .string(try transform(text))
                })
        default: return value
        }
    }
}
