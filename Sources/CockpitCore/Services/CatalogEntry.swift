import Foundation

/// A global model in the original's super-admin catalogue form (`POST /v1/super/models/upsert` with
/// `deployment_name`): where it runs is named by provider id and environment-variable names, never by secrets.
public struct CatalogEntry: Sendable, Equatable {
    public var modelID: UUID?
    public var modelName: String
    public var deploymentName: String
    public var providerID: String?
    public var displayName: String?
    public var capability: String?
    public var apiBaseEnvVar: String?
    public var apiKeyEnvVar: String?
    /// The provider prefix of `litellm_params.model`; else the provider id's.
    public var litellmProvider: String?
    public var inputCostPerMillion: Double?
    public var outputCostPerMillion: Double?
    public var contentCapabilities: JSONValue = .emptyObject
    public var extraBody: JSONValue = .emptyObject
    public var isActive = true
    public var sortOrder = 100

    public init(modelName: String, deploymentName: String) {
        self.modelName = modelName
        self.deploymentName = deploymentName
    }

    /// The original's provider defaults by `provider_id` (lower-cased): provider, base and key variables.
    static let providers: [String: (provider: String, base: String?, key: String)] = [
        "azure_openai": ("azure", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY"),
        "azure_anthropic": ("anthropic", "AZURE_ANTHROPIC_ENDPOINT", "AZURE_ANTHROPIC_API_KEY"),
        "azure_xai": ("openai", "AZURE_XAI_ENDPOINT", "AZURE_XAI_API_KEY"),
        "vertex_ai": ("gemini", nil, "GOOGLE_API_KEY"),
    ]

    /// The deployment it describes: `<provider>/<deployment_name>`, the variables and display fields in
    /// `model_info` (as the original stores them, costs per token), `extra_body` in the params; visible to every
    /// account (the original's catalogue is gated by grants and policies, not by visibility).
    public func input(id: UUID) throws -> ModelInput {
        let deployment = deploymentName.trimmingCharacters(in: .whitespaces)
        guard !deployment.isEmpty else { throw CockpitError.badRequest("deployment_name is required") }
        let provider = providerID.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let defaults = provider.flatMap { Self.providers[$0] }
        guard let prefix = Self.clean(litellmProvider) ?? defaults?.provider else {
            throw CockpitError.invalid(
                field: "litellm_provider",
                reason:
                    "is required when provider_id is not one of \(Self.providers.keys.sorted().joined(separator: ", "))"
            )
        }
        let base = try Self.variable(apiBaseEnvVar, field: "api_base_env_var") ?? defaults?.base
        let key = try Self.variable(apiKeyEnvVar, field: "api_key_env_var") ?? defaults?.key
        func cost(_ value: Double?, _ field: String) throws -> JSONValue {
            guard let value else { return .null }
            guard value.isFinite, (0...1_000_000).contains(value) else {
                throw CockpitError.invalid(field: field, reason: "must be a number from 0 to 1000000")
            }
            return .number(value / 1_000_000)
        }
        guard contentCapabilities.objectValue != nil else {
            throw CockpitError.invalid(field: "content_capabilities", reason: "must be a JSON object")
        }
        guard extraBody.objectValue != nil else {
            throw CockpitError.invalid(field: "extra_body", reason: "must be a JSON object")
        }
        let info: [String: JSONValue?] = [
            "display_name": .string(Self.clean(displayName) ?? modelName),
            "provider_id": provider.map(JSONValue.string),
            "deployment_name": .string(deployment), "capability": Self.clean(capability).map(JSONValue.string),
            "is_active": .bool(isActive), "sort_order": .number(Double(sortOrder)), "source": "super_admin_catalog",
            "api_base_env_var": base.map(JSONValue.string), "api_key_env_var": key.map(JSONValue.string),
            "input_cost_per_token": try cost(inputCostPerMillion, "input_cost_per_million"),
            "output_cost_per_token": try cost(outputCostPerMillion, "output_cost_per_million"),
            "content_capabilities": contentCapabilities,
            "extra_body": extraBody == .emptyObject ? nil : extraBody,
        ]
        var modelInfo = info.compactMapValues { $0 }.filter { $0.value != .null }
        modelInfo["id"] = .string(id.lowercased)
        let params: JSONValue = extraBody == .emptyObject ? .emptyObject : ["extra_body": extraBody]
        return ModelInput(
            id: id, modelName: modelName, providerModel: "\(prefix)/\(deployment)", params: params,
            modelInfo: .object(modelInfo), visibleToAll: true)
    }

    static func clean(_ text: String?) -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        return t
    }

    /// An environment variable's name (letters, digits, `_`; not starting with a digit), or nil when blank.
    static func variable(_ raw: String?, field: String) throws -> String? {
        guard let name = clean(raw) else { return nil }
        guard name.count <= 128, let first = name.first, !first.isNumber,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else {
            throw CockpitError.invalid(field: field, reason: "must be an environment variable name")
        }
        return name
    }
}
