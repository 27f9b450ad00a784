import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird
import NIOCore

/// JSON on the wire: snake_case keys, ISO-8601 dates with microseconds, the `{"item"}` / `{"items", "next_cursor"}` /
/// `{"status": "ok"}` envelopes, and request bodies decoded with clear 400/413/422 errors.
enum WireJSON {
    /// A JSON response (snake_case keys, ISO-8601 dates, lower-case ids) written by `FastJSONEncoder`.
    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let bytes = (try? FastJSONEncoder.encode(value)) ?? Array(#"{"detail":"internal error"}"#.utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `{"item": value}` (`null` for an optional answer that is nil).
    static func item<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        response(ItemEnvelope(item: value), status: status)
    }

    /// `{"items": [...], "next_cursor": …}`.
    static func page<T: Encodable>(_ page: Page<T>) -> Response {
        response(ListEnvelope(items: page.items, nextCursor: page.nextCursor))
    }

    /// `{"items": [...], "next_cursor": null}` for a complete list.
    static func list<T: Encodable>(_ items: [T]) -> Response { response(ListEnvelope(items: items)) }

    /// `{"status": "ok", …extra}`.
    static func ok(_ extra: [String: JSONValue] = [:]) -> Response {
        response(JSONValue.object(extra.merging(["status": "ok"]) { $1 }))
    }

    /// Decodes a JSON body: 400 for malformed JSON or invalid UTF-8, 422 for a field of the wrong type or a missing
    /// required field. A field the body's type does not take (`WireFields`) is named in the answer
    /// (`IgnoredFieldsMiddleware`), or refused with 400 when the server is strict: nothing sent is silently dropped.
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, _ context: CockpitRequestContext
    ) async throws -> T {
        let buffer = try await RequestBody.collect(request, context)
        let data = Data(buffer.readableBytesView)
        guard String(data: data, encoding: .utf8) != nil else {
            throw APIError(.badRequest, "request body is not valid UTF-8")
        }
        do {
            let (value, ignored) = try WireFields.decode(T.self, from: data.isEmpty ? Data("{}".utf8) : data)
            guard !ignored.isEmpty else { return value }
            guard !context.strictFields else {
                throw APIError(
                    .badRequest, WireFields.UnknownFields(names: ignored, known: WireFields.of(value) ?? []).message)
            }
            context.ignoredFields.add(ignored)
            return value
        } catch let error as DecodingError {
            switch error {
            case .dataCorrupted(let c) where c.codingPath.isEmpty:
                throw APIError(.badRequest, "request body is not valid JSON")
            case .keyNotFound(let key, let c):
                throw APIError(.unprocessableContent, "\(path(c.codingPath + [key])) is required")
            case .typeMismatch(_, let c) where c.codingPath.isEmpty:
                throw APIError(.unprocessableContent, "request body must be a JSON object")
            case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
                throw APIError(.unprocessableContent, "\(path(c.codingPath)) has the wrong type or format")
            @unknown default: throw APIError(.badRequest, "request body could not be read")
            }
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? WireKeys.snake($0.stringValue) }.joined(separator: ".")
    }
}
