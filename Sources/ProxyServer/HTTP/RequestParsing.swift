import CockpitCore
import Foundation
import Hummingbird

/// Reading ids, pages and filters from paths and query strings, with clear 400s.
extension Request {
    /// A path parameter that must be an id.
    func id(_ name: String, _ context: CockpitRequestContext) throws -> UUID {
        guard let text = context.parameters.get(name), let id = UUID(uuidString: text) else {
            throw APIError(.badRequest, "\(name) is not a valid id")
        }
        return id
    }

    /// An optional query parameter that must be an id.
    func queryID(_ name: String) throws -> UUID? {
        guard let text = uri.queryParameters.get(name), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else { throw APIError(.badRequest, "\(name) is not a valid id") }
        return id
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
