import CockpitCore
import Foundation

/// Walker templates for the OpenAI-compatible gateway routes. Their reference is the model name: another account's
/// model must be as unknown to A's key as a model that exists nowhere. The gateway takes the account from the key,
/// so `X-Account-Id` is ignored there, and its control is A's end-user key calling A's own (mock) model.
enum GatewayWalkerRequests {
    static func add(to specs: inout RouteSpecs) {
        for prefix in ["/v1", ""] {
            for endpoint in GatewayEndpoint.allCases {
                specs.add("POST \(prefix)/\(endpoint.rawValue)", header: .ignored, control: .endUserKey) { r in
                    .json("\(prefix)/\(endpoint.rawValue)", call(model: r.json(.modelName)))
                }
            }
            specs.add("GET \(prefix)/models", header: .ignored, control: .endUserKey) { _ in .get("\(prefix)/models") }
            specs.add("GET \(prefix)/models/{id}", header: .ignored, control: .endUserKey) { r in
                .get("\(prefix)/models/\(r[.modelName])")
            }
        }
        specs.add("GET /model_group/info", header: .ignored, control: .endUserKey) { _ in .get("/model_group/info") }
        specs.add("GET /v2/model/info", header: .ignored, control: .endUserKey) { _ in .get("/v2/model/info") }
        specs.add("POST /utils/token_counter", header: .ignored, control: .endUserKey) { r in
            .json("/utils/token_counter", ["model": r.json(.modelName), "prompt": "walk"])
        }
        for endpoint in GatewayEndpoint.allCases {
            specs.add("POST /openai/deployments/{model}/\(endpoint.rawValue)", header: .ignored, control: .endUserKey) {
                r in
                .json("/openai/deployments/\(r[.modelName])/\(endpoint.rawValue)", call(model: nil))
            }
        }
    }

    /// A body every endpoint accepts (chat reads `messages`, completions `prompt`, embeddings `input`).
    static func call(model: JSONValue?) -> JSONValue {
        var body: [String: JSONValue] = [
            "messages": [["role": "user", "content": "walk"]], "prompt": "walk", "input": "walk",
        ]
        if let model { body["model"] = model }
        return .object(body)
    }
}
