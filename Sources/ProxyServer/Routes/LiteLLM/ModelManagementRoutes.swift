import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/model/*` endpoints. Account admins add models to their account; the master key or a super-admin
/// without an account adds global ones (the core requires STORE_MODEL_IN_DB for an account's models, as LiteLLM does). Credentials go in and
/// never come out.
enum ModelManagementRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/model/new") { request, context, c in
            let b = try await LiteLLMBody.read(request, context)
            let model = try await c.modelCatalog.upsert(try input(b, id: nil), account: owner(c.caller, b))
            return try KeyManagementRoutes.reply(object(model))
        }
        table.addLiteLLM(.post, "/model/update") { request, context, c in
            let b = try await LiteLLMBody.read(request, context)
            let id = try modelID(b)
            let model = try await c.modelCatalog.upsert(try input(b, id: id), account: owner(c.caller, b))
            return try KeyManagementRoutes.reply(object(model))
        }
        table.addLiteLLM(.post, "/model/delete") { request, context, c in
            let b = try await LiteLLMBody.read(request, context)
            let id = try modelID(b)
            try await c.modelCatalog.delete(id, account: owner(c.caller, b))
            return try KeyManagementRoutes.reply(["message": .string("model \(id.lowercased) deleted")])
        }
        table.addLiteLLM(.get, "/model/info") { request, context, c in
            let b = try await LiteLLMBody.read(request, context)
            let page = PageRequest(limit: PageRequest.maxLimit, cursor: try b.string("cursor"))
            let list: Page<ModelDeployment>
            if let account = try owner(c.caller, b) {
                list = try await c.modelCatalog.list(account: account, page: page)
            } else {
                list = try await c.modelCatalog.list(page: page)
            }
            return try KeyManagementRoutes.reply([
                "data": .array(list.items.map(object)),
                "next_cursor": list.nextCursor.map(JSONValue.string) ?? .null,
            ])
        }
    }

    /// The account that owns the models of this call; nil (the global catalogue) for a super-admin naming none.
    static func owner(_ principal: Principal, _ b: LiteLLMBody) throws -> UUID? {
        if principal.accountID == nil, try b.uuid("account_id") == nil { return nil }
        return try LiteLLMAccount.of(principal, b)
    }

    static func modelID(_ b: LiteLLMBody) throws -> UUID {
        let raw = try b.string("id") ?? b.object("model_info")?["id"]?.stringValue
        guard let raw, let id = UUID(uuidString: raw) else {
            throw CockpitError.invalid(field: "id", reason: "must be the id of a stored model")
        }
        return id
    }

    static func input(_ b: LiteLLMBody, id: UUID?) throws -> ModelInput {
        guard let params = try b.object("litellm_params") else {
            throw CockpitError.invalid(field: "litellm_params", reason: "is required")
        }
        let info = try b.object("model_info")
        return try ModelInput(
            id: id, modelName: try KeyManagementRoutes.required(b, "model_name"), litellmParams: params,
            modelInfo: info,
            visibleToAll: info?["visible_to_all"] == .bool(true) || (try b.bool("visible_to_all") ?? false))
    }

    /// LiteLLM's model entry, without credentials.
    static func object(_ m: ModelDeployment) -> JSONValue {
        var params = m.params.objectValue ?? [:]
        params["model"] = .string(m.providerModel)
        if let base = m.apiBase { params["api_base"] = .string(base) }
        if let version = m.apiVersion { params["api_version"] = .string(version) }
        var info = m.modelInfo.objectValue ?? [:]
        info["id"] = .string(m.id.lowercased)
        info["db_model"] = true
        info["account_id"] = m.accountID.map { .string($0.lowercased) } ?? .null
        info["has_credentials"] = .bool(m.hasCredentials)
        return ["model_name": .string(m.modelName), "litellm_params": .object(params), "model_info": .object(info)]
    }
}
