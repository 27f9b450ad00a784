import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's model-group and token-counting routes, for any gateway caller (a virtual key sees the groups it may
/// use): `GET /model_group/info`, `GET /v2/model/info`, `POST /utils/token_counter`.
enum ModelGroupRoutes {
    static func register(_ table: RouteTable, gateway: Gateway) {
        table.addGateway(.get, "/model_group/info") { request, _ in
            let caller = try await gateway.caller(credential: Credentials.from(request.headers))
            let groups = try await gateway.modelGroups(for: caller, only: request.query("model_group"))
            return reply(["data": .array(groups.map(LiteLLMModelGroups.info))])
        }
        table.addGateway(.get, "/v2/model/info") { request, _ in
            let caller = try await gateway.caller(credential: Credentials.from(request.headers))
            let groups = try await gateway.modelGroups(for: caller, only: request.query("model"))
            let data = groups.flatMap { g in
                g.deployments.map { LiteLLMModelGroups.deployment($0, showAddress: caller.key == nil) }
            }
            return reply(["data": .array(data)])
        }
        table.addGateway(.post, "/utils/token_counter") { request, context in
            let caller = try await gateway.caller(credential: Credentials.from(request.headers))
            let buffer = try await RequestBody.collect(request, context)
            guard case .object(let body)? = try? JSONBytes.parse(Array(buffer.readableBytesView)) else {
                throw GatewayError.invalid("request body must be a JSON object")
            }
            if let extra = body.keys.sorted().first(where: { !["model", "messages", "prompt"].contains($0) }) {
                throw GatewayError.invalid(
                    "\(extra) is not a field of this request (it takes model, messages, prompt)", param: extra)
            }
            guard let model = body["model"]?.stringValue, !model.isEmpty else {
                throw GatewayError.invalid("model is required", param: "model")
            }
            guard body["messages"] != nil || body["prompt"] != nil else {
                throw GatewayError.invalid("messages or prompt is required", param: "messages")
            }
            guard let group = try await gateway.modelGroups(for: caller, only: model).first,
                let first = group.deployments.first
            else { throw GatewayError.unknownModel(model) }
            let tokens = Gateway.estimatedTokens(messages: body["messages"], prompt: body["prompt"])
            return reply([
                "total_tokens": .number(Double(tokens)), "request_model": .string(model),
                "model_used": .string(first.upstreamModel), "tokenizer_type": "cockpit_estimate_4_bytes_per_token",
            ])
        }
    }

    static func reply(_ value: JSONValue) -> Response {
        GatewayRoutes.json((try? FastJSONEncoder.encode(value)) ?? Array(#"{"data":[]}"#.utf8))
    }
}
