import CockpitCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The OpenAI-compatible endpoints of GATEWAY.md, each with and without the `/v1` prefix, plus Azure's deployment
/// paths. Errors use OpenAI's envelope; once a stream has started, errors arrive in-band.
enum GatewayRoutes {
    static func register(_ table: RouteTable, gateway: Gateway) {
        for prefix in ["/v1", ""] {
            for endpoint in GatewayEndpoint.allCases {
                table.addGateway(.post, "\(prefix)/\(endpoint.rawValue)") { request, context in
                    try await call(gateway, endpoint, request, context, pathModel: nil)
                }
            }
            table.addGateway(.get, "\(prefix)/models") { request, _ in
                let caller = try await gateway.caller(credential: Credentials.from(request.headers))
                let data = try await gateway.models(for: caller).map(modelObject)
                return json(try FastJSONEncoder.encode(JSONValue.object(["object": "list", "data": .array(data)])))
            }
            table.addGateway(.get, "\(prefix)/models/{id}") { request, context in
                let caller = try await gateway.caller(credential: Credentials.from(request.headers))
                let id = try context.parameters.require("id")
                guard try await gateway.models(for: caller).contains(id) else { throw GatewayError.unknownModel(id) }
                return json(try FastJSONEncoder.encode(modelObject(id)))
            }
        }
        for endpoint in GatewayEndpoint.allCases {
            table.addGateway(.post, "/openai/deployments/{model}/\(endpoint.rawValue)") { request, context in
                try await call(gateway, endpoint, request, context, pathModel: try context.parameters.require("model"))
            }
        }
    }

    static func modelObject(_ id: String) -> JSONValue {
        ["id": .string(id), "object": "model", "created": 1_700_000_000, "owned_by": "cockpit"]
    }

    private static func call(
        _ gateway: Gateway, _ endpoint: GatewayEndpoint, _ request: Request, _ context: CockpitRequestContext,
        pathModel: String?
    ) async throws -> Response {
        let caller = try await gateway.caller(credential: Credentials.from(request.headers))
        let buffer = try await RequestBody.collect(request, context)
        let parsed = try GatewayRequest.parse(endpoint, body: Array(buffer.readableBytesView), model: pathModel)
        guard parsed.stream else {
            let reply = try await gateway.complete(parsed, caller: caller)
            var response = json(reply.body)
            add(reply.headers, to: &response.headers)
            return response
        }
        let stream = try await gateway.openStream(parsed, caller: caller)
        var headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
        add(stream.headers, to: &headers)
        let loop = EventLoopTaskExecutor(context.eventLoop)
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await withTaskExecutorPreference(loop) {
                    while let bytes = await stream.next() {
                        do { try await writer.write(ByteBuffer(bytes: bytes)) } catch {
                            await stream.abandon()
                            throw error
                        }
                    }
                    try await writer.finish(nil)
                }
            })
    }

    static func json(_ body: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The names of the headers every answer carries, checked and lower-cased once instead of on every request.
    private static let answerHeaderNames: [String: HTTPField.Name] = Dictionary(
        uniqueKeysWithValues: [
            "x-litellm-call-id", "x-litellm-model-id", "x-litellm-model-group", "x-litellm-response-duration-ms",
            "x-litellm-overhead-duration-ms", "x-litellm-attempted-retries", "x-litellm-attempted-fallbacks",
            "x-litellm-response-cost",
            "x-litellm-key-spend", "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests",
            "x-ratelimit-limit-tokens",
            "x-ratelimit-remaining-tokens",
        ].compactMap { name in HTTPField.Name(name).map { (name, $0) } })

    static func add(_ pairs: [(String, String)], to headers: inout HTTPFields) {
        for (name, value) in pairs {
            if let field = answerHeaderNames[name] ?? HTTPField.Name(name) {
                headers.append(HTTPField(name: field, value: value))
            }
        }
    }

    /// The OpenAI error envelope for any error.
    static func errorResponse(_ error: Error) -> Response {
        let e = GatewayError.from(error)
        return json(e.body, status: HTTPResponse.Status(code: e.status))
    }
}
