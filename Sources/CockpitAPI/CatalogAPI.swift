import CockpitCore
import Foundation

/// `POST /v1/super/models/upsert`: a global model (`id` replaces that one). Credentials go in `litellm_params.api_key`
/// and never come out.
public struct CatalogUpsert: Codable, Sendable {
    public var id: String?
    public var modelName: String
    public var litellmParams: JSONValue
    public var modelInfo: JSONValue?
    public var visibleToAll: Bool?

    public init(_ m: ModelInput) {
        var params: [String: JSONValue] = ["model": .string(m.providerModel)]
        if let base = m.apiBase { params["api_base"] = .string(base) }
        if let version = m.apiVersion { params["api_version"] = .string(version) }
        if let key = m.apiKey { params["api_key"] = .string(key) }
        (id, modelName, litellmParams, modelInfo, visibleToAll) = (
            m.id?.lowercased, m.modelName, .object(params), m.modelInfo, m.visibleToAll
        )
    }
}
