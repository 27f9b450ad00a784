import CockpitCore
import Foundation
import Hummingbird

/// The global model catalogue: `/v1/super/models…`. Credentials go in (`litellm_params.api_key`) and never come out.
enum ModelCatalogRoutes {
    struct UpsertBody: Decodable {
        let id: String?
        let modelName: String
        let litellmParams: JSONValue
        let modelInfo: JSONValue?
        let visibleToAll: Bool?
    }

    static func register(_ table: RouteTable, cockpit: Cockpit) {
        let catalog = cockpit.modelCatalog
        table.add(.get, "/v1/super/models", .superAdmin) { request, _, _ in
            WireJSON.page(try await catalog.list(page: request.page()))
        }
        table.add(.post, "/v1/super/models/upsert", .superAdmin) { request, context, principal in
            let body = try await WireJSON.decode(UpsertBody.self, from: request, context)
            let id = try body.id.map { text -> UUID in
                guard let id = UUID(uuidString: text) else { throw APIError(.badRequest, "id is not a valid id") }
                return id
            }
            let input: ModelInput
            do {
                input = try ModelInput(id: id, modelName: body.modelName, litellmParams: body.litellmParams, modelInfo: body.modelInfo,
                                       visibleToAll: body.visibleToAll ?? false)
            } catch let error as CockpitError {
                throw APIError(.unprocessableContent, error.message)  // well-formed JSON that does not describe a deployment
            }
            return WireJSON.item(try await catalog.upsert(input, actor: principal.actor(requestID: context.id)), status: id == nil ? .created : .ok)
        }
        table.add(.delete, "/v1/super/models/{id}", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            try await catalog.delete(id, actor: principal.actor(requestID: context.id))
            return WireJSON.ok(["id": .string(id.lowercased)])
        }
    }
}
