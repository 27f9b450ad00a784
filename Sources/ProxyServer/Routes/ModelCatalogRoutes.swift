import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// The global model catalogue: `/v1/super/models…`, in LiteLLM's form or the original's catalogue form (V1_CONTRACT.md,
/// "Super-admin model catalogue"). Credentials go in (`litellm_params.api_key`) and never come out.
enum ModelCatalogRoutes {
    static func register(_ table: RouteTable) {
        table.add(.get, "/v1/super/models") { request, _, c in
            let includeInactive = request.query("include_inactive").map { $0.lowercased() != "false" } ?? true
            let models = try await c.modelCatalog.catalog(includeInactive: includeInactive)
            return WireJSON.response(["items": .array(try models.map(CatalogModelView.wire))] as JSONValue)
        }
        table.add(.post, "/v1/super/models/upsert") { request, context, c in
            let body = try await WireJSON.decode(CatalogUpsert.self, from: request, context)
            let model: ModelDeployment
            if body.isCatalogForm {
                model = try await c.modelCatalog.upsert(try body.entry())
            } else {
                if let field = body.catalogFields.first {
                    throw CockpitError.badRequest(
                        "\(field) belongs to the catalogue form (deployment_name, provider_id…); send it without litellm_params"
                    )
                }
                let id = try body.id.map { text -> UUID in
                    guard let id = UUID(uuidString: text) else { throw APIError(.badRequest, "id is not a valid id") }
                    return id
                }
                let input: ModelInput
                do {
                    input = try ModelInput(
                        id: id, modelName: body.modelName, litellmParams: body.litellmParams ?? .null,
                        modelInfo: body.modelInfo, visibleToAll: body.visibleToAll ?? false)
                } catch let error as CockpitError {
                    // Well-formed JSON that does not describe a deployment.
                    throw APIError(.unprocessableContent, error.message)
                }
                model = try await c.modelCatalog.upsert(input)
            }
            return WireJSON.response(["status": "ok", "item": try CatalogModelView.wire(model)] as JSONValue)
        }
        table.add(.delete, "/v1/super/models/{id}") { request, context, c in
            let id = try request.id("id", context)
            try await c.modelCatalog.delete(id)
            return WireJSON.response(["status": "ok", "deleted": true, "id": .string(id.lowercased)] as JSONValue)
        }
    }
}
