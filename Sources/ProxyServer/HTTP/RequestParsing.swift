import CockpitCore
import Foundation
import Hummingbird

/// Reading ids, pages and filters from paths and query strings.
extension Request {
    /// A path parameter naming a row. Ids are free text in the original's contract: a text that is no UUID names
    /// no row, so it reads as `UUID.unmatched` and the route answers its own 404 (never 400).
    func id(_ name: String, _ context: CockpitRequestContext) throws -> UUID {
        guard let text = context.parameters.get(name) else { throw APIError(.badRequest, "\(name) is missing") }
        return UUID(uuidString: text) ?? .unmatched
    }

    /// An optional query parameter naming a row; a text that is no UUID names no row (an empty filter result or
    /// the route's 404, as for an unknown id).
    func queryID(_ name: String) throws -> UUID? {
        guard let text = uri.queryParameters.get(name), !text.isEmpty else { return nil }
        return UUID(uuidString: text) ?? .unmatched
    }

    /// An optional query parameter as text.
    func query(_ name: String) -> String? {
        guard let text = uri.queryParameters.get(name), !text.isEmpty else { return nil }
        return text
    }

    /// `limit` (1…500, default 50) and `cursor`.
    func page() throws -> PageRequest {
        var limit = PageRequest.defaultLimit
        if let text = query("limit") {
            guard let n = Int(text), (1...PageRequest.maxLimit).contains(n) else {
                throw APIError(.badRequest, "limit must be a whole number from 1 to \(PageRequest.maxLimit)")
            }
            limit = n
        }
        return PageRequest(limit: limit, cursor: query("cursor"))
    }
}

/// Scope fields shared by grant and entitlement bodies: `scope` (account, org, team, user) and `scope_id`.
struct ScopeFields: Decodable {
    var scope: String?
    var scopeID: String?

    func grantScope() throws -> GrantScope {
        let id: UUID?
        if let text = scopeID, !text.isEmpty {
            guard let parsed = UUID(uuidString: text) else { throw APIError(.badRequest, "scope_id is not a valid id") }
            id = parsed
        } else {
            id = nil
        }
        return try GrantScope.parse(kind: scope ?? "account", id: id)
    }
}

extension UUID {
    /// The id a text that is no UUID stands for: cockpit never gives a row the nil UUID, so it matches nothing.
    static let unmatched = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}
