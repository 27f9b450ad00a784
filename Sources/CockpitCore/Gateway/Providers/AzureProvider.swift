import Foundation

/// `azure/<deployment>`: OpenAI's body and answers at Azure's URL shape
/// (`{api_base}/openai/deployments/{deployment}/{endpoint}?api-version=…`) with the `api-key` header.
struct AzureProvider: ProviderAdapter {
    static let defaultAPIVersion = "2024-10-21"

    func makeRequest(
        _ request: GatewayRequest, deployment: Deployment, options: ProviderOptions
    ) throws -> HTTPClientRequest? {
        guard let base = deployment.apiBase else {
            throw GatewayError(
                status: 500, message: "deployment \(deployment.id) (\(deployment.route)) needs an api_base",
                type: "internal_error")
        }
        let name =
            deployment.upstreamModel.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)
            ?? deployment.upstreamModel
        let version =
            (deployment.apiVersion ?? Self.defaultAPIVersion).addingPercentEncoding(
                withAllowedCharacters: .urlQueryAllowed) ?? ""
        let url = OpenAIProvider.join(
            base, "openai/deployments/\(name)/\(request.endpoint.rawValue)?api-version=\(version)")
        var headers: [(name: String, value: String)] = []
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("api-key", key)) }
        return OpenAIWire.request(request, url: url, auth: headers, deployment: deployment)
    }

    func translateResponse(_ body: [UInt8], request: GatewayRequest) throws -> (body: [UInt8], usage: TokenUsage?) {
        try OpenAIWire.translate(body, publicModel: request.model)
    }

    func makeStreamTranslator(_ request: GatewayRequest) -> any StreamTranslator {
        OpenAIStreamTranslator(publicModel: request.model, includeUsage: request.includeUsage)
    }

    func error(status: Int, body: [UInt8]) -> GatewayError { OpenAIWire.error(status: status, body: body) }
}
