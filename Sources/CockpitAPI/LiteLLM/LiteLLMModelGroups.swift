import CockpitCore
import Foundation

/// LiteLLM's model-group answers: `/model_group/info` items and `/v2/model/info` deployments. Credentials never
/// appear; a virtual key sees no upstream address either (only the master key does).
public enum LiteLLMModelGroups {
    /// One `/model_group/info` item.
    public static func info(_ g: ModelGroup) -> JSONValue {
        func number(_ v: Double?) -> JSONValue { v.map(JSONValue.number) ?? .null }
        let costs = g.deployments
        return [
            "model_group": .string(g.name), "providers": .array(g.providers.map(JSONValue.string)),
            "max_input_tokens": number(g.smallest("max_input_tokens")),
            "max_output_tokens": number(g.smallest("max_output_tokens")),
            "input_cost_per_token": number(costs.compactMap(\.inputCostPerToken).min()),
            "output_cost_per_token": number(costs.compactMap(\.outputCostPerToken).min()),
            "mode": g.deployments.lazy.compactMap { $0.modelInfo["mode"] }.first ?? "chat",
            "tpm": g.limit(\.tpm).map { .number(Double($0)) } ?? .null,
            "rpm": g.limit(\.rpm).map { .number(Double($0)) } ?? .null,
            "supports_parallel_function_calling": .bool(g.supports("supports_parallel_function_calling")),
            "supports_vision": .bool(g.supports("supports_vision")),
            "supports_function_calling": .bool(g.supports("supports_function_calling")),
            "supported_openai_params": g.deployments.lazy.compactMap { $0.modelInfo["supported_openai_params"] }
                .first ?? .null,
        ]
    }

    /// One `/v2/model/info` deployment: `model_name`, `litellm_params` (route, and for the master key the upstream
    /// address and version), `model_info` (the deployment's, with its id).
    public static func deployment(_ d: Deployment, showAddress: Bool) -> JSONValue {
        var params: [String: JSONValue] = ["model": .string("\(d.provider)/\(d.upstreamModel)")]
        if showAddress {
            if let base = d.apiBase { params["api_base"] = .string(base) }
            if let version = d.apiVersion { params["api_version"] = .string(version) }
        }
        if let rpm = d.rpm { params["rpm"] = .number(Double(rpm)) }
        if let tpm = d.tpm { params["tpm"] = .number(Double(tpm)) }
        var info = d.modelInfo.objectValue ?? [:]
        info["id"] = .string(d.id)
        info["db_model"] = .bool(d.source == .store)
        return ["model_name": .string(d.modelName), "litellm_params": .object(params), "model_info": .object(info)]
    }
}
