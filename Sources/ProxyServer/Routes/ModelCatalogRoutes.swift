import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// The global model catalogue: `/v1/super/models…`. Credentials go in (`litellm_params.api_key`) and never come out.
enum ModelCatalogRoutes {
    static func register(_ table: RouteTable) {
        table.add(.get, "/v1/super/models") { request, _, c in
            WireJSON.page(try await c.modelCatalog.list(page: request.page()))
        }
        table.add(.post, "/v1/super/models/upsert") { request, context, c in
            let body = try await WireJSON.decode(CatalogUpsert.self, from: request, context)
            let id = try body.id.map { text -> UUID in
                guard let id = UUID(uuidString: text) else { throw APIError(.badRequest, "id is not a valid id") }
                return id
            }
            let input: ModelInput
            do {
                input = try ModelInput(
                    id: id, modelName: body.modelName, litellmParams: body.litellmParams, modelInfo: body.modelInfo,
                    visibleToAll: body.visibleToAll ?? false)
            } catch let error as CockpitError {
                // Well-formed JSON that does not describe a deployment.
                throw APIError(.unprocessableContent, error.message)
            }
            return WireJSON.item(try await c.modelCatalog.upsert(input), status: id == nil ? .created : .ok)
        }
        table.add(.delete, "/v1/super/models/{id}") { request, context, c in
            let id = try request.id("id", context)
            try await c.modelCatalog.delete(id)
            return WireJSON.ok(["id": .string(id.lowercased)])
        }
    }
}
