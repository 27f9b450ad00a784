import CockpitCore
import Foundation

/// `POST /v1/super/models/upsert` in either form: LiteLLM's (`model_name`, `litellm_params` with the credential in
/// `api_key`, which never comes out; `id` replaces that one) or the original's catalogue form (`model_name`,
/// `deployment_name`, `provider_id`, environment-variable names, costs per million).
public struct CatalogUpsert: Codable, Sendable {
    public var id: String?
    public var modelName: String
    public var litellmParams: JSONValue?
    public var modelInfo: JSONValue?
    public var visibleToAll: Bool?
    public var modelID: String?
    public var deploymentName: String?
    public var providerID: String?
    public var displayName: String?
    public var capability: String?
    public var apiBaseEnvVar: String?
    public var apiKeyEnvVar: String?
    public var litellmProvider: String?
    public var inputCostPerMillion: Double?
    public var outputCostPerMillion: Double?
    public var contentCapabilities: JSONValue?
    public var extraBody: JSONValue?
    public var isActive: Bool?
    public var sortOrder: Int?

    public init(_ m: ModelInput) {
        var params: [String: JSONValue] = ["model": .string(m.providerModel)]
        if let base = m.apiBase { params["api_base"] = .string(base) }
        if let version = m.apiVersion { params["api_version"] = .string(version) }
        if let key = m.apiKey { params["api_key"] = .string(key) }
        (id, modelName, litellmParams, modelInfo, visibleToAll) = (
            m.id?.lowercased, m.modelName, .object(params), m.modelInfo, m.visibleToAll
        )
    }

    /// True for the original's catalogue form (no `litellm_params`).
    public var isCatalogForm: Bool { litellmParams == nil }

    /// The original's catalogue form; 400 `deployment_name is required` when it names none.
    public func entry() throws -> CatalogEntry {
        guard id == nil, modelInfo == nil, visibleToAll == nil else {
            throw CockpitError.badRequest(
                "id, model_info and visible_to_all belong to the litellm_params form; the catalogue form takes model_id"
            )
        }
        var e = CatalogEntry(modelName: modelName, deploymentName: deploymentName ?? "")
        e.modelID = try modelID.map { text in
            guard let id = UUID(uuidString: text) else {
                throw CockpitError.invalid(field: "model_id", reason: "is not a valid id")
            }
            return id
        }
        (e.providerID, e.displayName, e.capability) = (providerID, displayName, capability)
        (e.apiBaseEnvVar, e.apiKeyEnvVar, e.litellmProvider) = (apiBaseEnvVar, apiKeyEnvVar, litellmProvider)
        (e.inputCostPerMillion, e.outputCostPerMillion) = (inputCostPerMillion, outputCostPerMillion)
        e.contentCapabilities = contentCapabilities ?? .emptyObject
        e.extraBody = extraBody ?? .emptyObject
        e.isActive = isActive ?? true
        e.sortOrder = sortOrder ?? 100
        return e
    }

    /// The catalogue form's fields, refused by name in the `litellm_params` form.
    public var catalogFields: [String] {
        let sent: [(String, Bool)] = [
            ("model_id", modelID != nil), ("deployment_name", deploymentName != nil),
            ("provider_id", providerID != nil),
            ("display_name", displayName != nil), ("capability", capability != nil),
            ("api_base_env_var", apiBaseEnvVar != nil), ("api_key_env_var", apiKeyEnvVar != nil),
            ("litellm_provider", litellmProvider != nil), ("input_cost_per_million", inputCostPerMillion != nil),
            ("output_cost_per_million", outputCostPerMillion != nil),
            ("content_capabilities", contentCapabilities != nil), ("extra_body", extraBody != nil),
            ("is_active", isActive != nil), ("sort_order", sortOrder != nil),
        ]
        return sent.filter(\.1).map(\.0)
    }
}

/// A global model as `/v1/super/models` answers it: cockpit's deployment fields and, beside them, the original's
/// row (`model_id`, `litellm_params` with `os.environ/` references, `model_info`, `created_by`…) and catalogue
/// fields (`display_name`, `provider_id`, `deployment_name`, costs per million…). No credential is ever in it.
public enum CatalogModelView {
    public static func wire(_ m: ModelDeployment) throws -> JSONValue {
        var row = try JSONBytes.parse(APIJSON.encode(m)).objectValue ?? [:]
        let info = m.modelInfo
        var params = m.params.objectValue ?? [:]
        params["model"] = .string(m.providerModel)
        if let base = m.apiBase {
            params["api_base"] = .string(base)
        } else if let variable = info["api_base_env_var"]?.stringValue {
            params["api_base"] = .string("os.environ/\(variable)")
        }
        if let variable = info["api_key_env_var"]?.stringValue { params["api_key"] = .string("os.environ/\(variable)") }
        if let version = m.apiVersion { params["api_version"] = .string(version) }
        func perMillion(_ key: String) -> JSONValue {
            info[key]?.doubleValue.map { .number(($0 * 1_000_000 * 1e6).rounded() / 1e6) } ?? .null
        }
        let original: [String: JSONValue] = [
            "model_id": .string(m.id.lowercased), "litellm_params": .object(params), "model_info": info,
            "created_by": "super_admin", "updated_by": "super_admin", "account_id": .null,
            "is_active": .bool(m.isActive), "display_name": .string(m.displayName),
            "provider_id": info["provider_id"] ?? .null, "deployment_name": info["deployment_name"] ?? .null,
            "capability": info["capability"] ?? .null, "sort_order": info["sort_order"] ?? .null,
            "api_base_env_var": info["api_base_env_var"] ?? .null,
            "api_key_env_var": info["api_key_env_var"] ?? .null,
            "input_cost_per_million": perMillion("input_cost_per_token"),
            "output_cost_per_million": perMillion("output_cost_per_token"),
        ]
        row.merge(original) { _, new in new }
        return .object(row)
    }
}
