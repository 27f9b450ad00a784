import Foundation

/// `mock/…` and any request carrying `mock_response`: answers locally in OpenAI's format, streaming too, without a
/// network call (demos, tests, load tests). Usage is counted at four bytes a token.
struct MockProvider: ProviderAdapter {
    static let defaultText = "This is a mock response from cockpit."

    func makeRequest(
        _ request: GatewayRequest, deployment: Deployment, options: ProviderOptions
    ) throws -> HTTPClientRequest? { nil }

    func translateResponse(_ body: [UInt8], request: GatewayRequest) throws -> (body: [UInt8], usage: TokenUsage?) {
        try OpenAIWire.translate(body, publicModel: request.model)
    }

    func makeStreamTranslator(_ request: GatewayRequest) -> any StreamTranslator {
        OpenAIStreamTranslator(publicModel: request.model, includeUsage: request.includeUsage)
    }

    func error(status: Int, body: [UInt8]) -> GatewayError { OpenAIWire.error(status: status, body: body) }

    func localResponse(_ request: GatewayRequest, deployment: Deployment) throws -> [UInt8] {
        let text = Self.text(request, deployment)
        let usage = Self.usage(request, text)
        let id = "chatcmpl-mock-\(RandomUUID.make().lowercased)"
        let created = JSONValue.number(Date().timeIntervalSince1970.rounded(.down))
        let answer: JSONValue =
            switch request.endpoint {
            case .chat:
                [
                    "id": .string(id), "object": "chat.completion", "created": created, "model": .string(request.model),
                    "choices": [
                        [
                            "index": 0, "message": ["role": "assistant", "content": .string(text)],
                            "finish_reason": "stop",
                        ]
                    ],
                    "usage": usage,
                ]
            case .completions:
                [
                    "id": .string(id), "object": "text_completion", "created": created, "model": .string(request.model),
                    "choices": [["index": 0, "text": .string(text), "finish_reason": "stop"]], "usage": usage,
                ]
            case .embeddings:
                [
                    "object": "list", "model": .string(request.model),
                    "usage": ["prompt_tokens": usage["prompt_tokens"]!, "total_tokens": usage["prompt_tokens"]!],
                    "data": .array(
                        Self.inputs(request).enumerated().map { i, input in
                            [
                                "object": "embedding", "index": .number(Double(i)),
                                "embedding": .array(Self.vector(input).map(JSONValue.number)),
                            ]
                        }),
                ]
            }
        return try FastJSONEncoder.encode(answer)
    }

    func localStream(_ request: GatewayRequest, deployment: Deployment) throws -> [[UInt8]] {
        guard request.endpoint == .chat else {
            throw GatewayError.invalid("only chat completions can be streamed from the mock provider")
        }
        let text = Self.text(request, deployment)
        let id = JSONValue.string("chatcmpl-mock-\(RandomUUID.make().lowercased)")
        let created = JSONValue.number(Date().timeIntervalSince1970.rounded(.down))
        func chunk(_ delta: JSONValue, finish: JSONValue = .null) throws -> [UInt8] {
            SSE.frame(
                try FastJSONEncoder.encode(
                    JSONValue.object([
                        "id": id, "object": "chat.completion.chunk", "created": created,
                        "model": .string(request.model),
                        "choices": [["index": 0, "delta": delta, "finish_reason": finish]],
                    ])))
        }
        var pieces = [try chunk(["role": "assistant", "content": ""])]
        var word = ""
        for character in text {
            word.append(character)
            if character == " " { pieces.append(try chunk(["content": .string(word)])); word = "" }
        }
        if !word.isEmpty { pieces.append(try chunk(["content": .string(word)])) }
        pieces.append(try chunk(.emptyObject, finish: "stop"))
        pieces.append(
            SSE.frame(
                try FastJSONEncoder.encode(
                    JSONValue.object([
                        "id": id, "object": "chat.completion.chunk", "created": created,
                        "model": .string(request.model), "choices": [],
                        "usage": Self.usage(request, text),
                    ]))))
        pieces.append(SSE.done)
        return pieces
    }

    /// The request's `mock_response`, else the deployment's (`litellm_params.mock_response`), else a fixed sentence.
    static func text(_ request: GatewayRequest, _ deployment: Deployment) -> String {
        request.mockResponse ?? deployment.modelInfo["mock_response"]?.stringValue ?? defaultText
    }

    static func usage(_ request: GatewayRequest, _ text: String) -> JSONValue {
        let prompt = request.estimatedPromptTokens
        let completion = request.endpoint == .embeddings ? 0 : max(1, (text.utf8.count + 3) / 4)
        return [
            "prompt_tokens": .number(Double(prompt)), "completion_tokens": .number(Double(completion)),
            "total_tokens": .number(Double(prompt + completion)),
        ]
    }

    static func inputs(_ request: GatewayRequest) -> [String] {
        switch request.value("input") {
        case .string(let s)?: [s]
        case .array(let a)?: a.map { $0.stringValue ?? $0.encodedString }
        default: [""]
        }
    }

    /// A deterministic unit-length vector of eight numbers derived from the text.
    static func vector(_ text: String) -> [Double] {
        var h: UInt64 = 1469598103934665603
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        let raw = (0..<8).map { i -> Double in Double((h >> (UInt64(i) * 8)) & 0xFF) - 127.5 }
        let norm = max(raw.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-9)
        return raw.map { ($0 / norm * 1e6).rounded() / 1e6 }
    }
}
