import Foundation

/// One upstream deployment behind a public model name. `accountID == nil` is a global model of the
/// super-admin's catalogue, visible to every tenant only when `visibleToAll` is set.
public struct ModelDeployment: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID?
    /// The public name clients ask for (the model group).
    public var modelName: String
    /// The provider route, `openai/gpt-4o-mini`, `azure/my-deployment`, `anthropic/claude-…`.
    public var providerModel: String
    public var apiBase: String?
    public var apiVersion: String?
    /// True when credentials are stored (encrypted); they are never returned.
    public var hasCredentials: Bool
    /// Other LiteLLM params (rpm, tpm, timeout, weight…), without secrets.
    public var params: JSONValue
    /// LiteLLM `model_info`: prices, context window, mode…
    public var modelInfo: JSONValue
    public var visibleToAll: Bool
    public var createdAt: Date
    public var updatedAt: Date
}
