import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/model/*` endpoints. Account admins add models to their account; the master key or a super-admin
/// without an account adds global ones (the core requires STORE_MODEL_IN_DB for an account's models, as LiteLLM does). Credentials go in and
/// never come out.
enum ModelManagementRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/model/new") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let model = try await c.modelCatalog.upsert(
                try LiteLLMObjects.modelInput(b, id: nil), account: try await owner(c, b))
            return try LiteLLMCall.reply(LiteLLMObjects.model(model))
        }
        table.addLiteLLM(.post, "/model/update") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let id = try LiteLLMObjects.modelID(b)
            let model = try await c.modelCatalog.upsert(
                try LiteLLMObjects.modelInput(b, id: id), account: try await owner(c, b))
            return try LiteLLMCall.reply(LiteLLMObjects.model(model))
        }
        table.addLiteLLM(.post, "/model/delete") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let id = try LiteLLMObjects.modelID(b)
            try await c.modelCatalog.delete(id, account: try await owner(c, b))
            return try LiteLLMCall.reply(["message": .string("model \(id.lowercased) deleted")])
        }
        table.addLiteLLM(.get, "/model/info") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let page = PageRequest(limit: PageRequest.maxLimit, cursor: try b.string("cursor"))
            let list: Page<ModelDeployment>
            if let account = try await owner(c, b) {
                list = try await c.modelCatalog.list(account: account, page: page)
            } else {
                list = try await c.modelCatalog.list(page: page)
            }
            return try LiteLLMCall.reply([
                "data": .array(list.items.map(LiteLLMObjects.model)),
                "next_cursor": list.nextCursor.map(JSONValue.string) ?? .null,
            ])
        }
    }

    /// The account that owns the models of this call; nil (the global catalogue) for a super-admin naming none.
    static func owner(_ c: Cockpit, _ b: LiteLLMFields) async throws -> UUID? {
        if c.caller.accountID == nil, try b.uuid("account_id") == nil { return nil }
        return try await LiteLLMCall.account(c, b)
    }
}
