import Foundation

/// `openai/…` and every OpenAI-compatible server (vLLM, Ollama, Groq, Together, DeepSeek, Mistral, OpenRouter…):
/// the body is forwarded with the upstream model name, `Authorization: Bearer` carries the deployment's key.
struct OpenAIProvider: ProviderAdapter {
    /// The base URL when the deployment names none; nil means `api_base` is required.
    let defaultBase: String?

    func makeRequest(
        _ request: GatewayRequest, deployment: Deployment, options: ProviderOptions
    ) throws -> HTTPClientRequest? {
        guard let base = deployment.apiBase ?? defaultBase else {
            throw GatewayError(
                status: 500, message: "deployment \(deployment.id) (\(deployment.route)) needs an api_base",
                type: "internal_error")
        }
        var headers: [(name: String, value: String)] = []
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("Authorization", "Bearer \(key)")) }
        return OpenAIWire.request(
            request, url: Self.join(base, request.endpoint.rawValue), auth: headers, deployment: deployment)
    }

    func translateResponse(_ body: [UInt8], request: GatewayRequest) throws -> (body: [UInt8], usage: TokenUsage?) {
        try OpenAIWire.translate(body, publicModel: request.model)
    }

    func makeStreamTranslator(_ request: GatewayRequest) -> any StreamTranslator {
        OpenAIStreamTranslator(publicModel: request.model, includeUsage: request.includeUsage)
    }

    func error(status: Int, body: [UInt8]) -> GatewayError { OpenAIWire.error(status: status, body: body) }

    /// `base` and `path` joined with exactly one slash.
    static func join(_ base: String, _ path: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/" + path
    }
}
