import CockpitCore
import Foundation
import Hummingbird

/// Organizations and teams of both trees: `/v1/{console,copilot}/orgs…` and `/teams…`.
enum TreeRoutes {
    struct OrgBody: Decodable {
        let name: String
        let metadata: JSONValue?
        let maxBudget: Double?
    }

    struct TeamBody: Decodable {
        let orgId: String
        let name: String
        let metadata: JSONValue?
        let maxBudget: Double?
    }

    static func register(_ table: RouteTable, cockpit: Cockpit) {
        let dir = cockpit.directory
        for d in ProductDomain.allCases {
            let base = "/v1/\(d.rawValue)"
            table.add(.get, "\(base)/orgs", .readTree(d)) { request, _, p in
                WireJSON.page(try await dir.organizations(account: try p.requireAccount(), domain: d, page: request.page()))
            }
            table.add(.post, "\(base)/orgs", .writeTree(d)) { request, context, p in
                let b = try await WireJSON.decode(OrgBody.self, from: request, context)
                return WireJSON.item(try await dir.createOrganization(account: try p.requireAccount(), domain: d, name: b.name, metadata: b.metadata,
                                                                      maxBudget: b.maxBudget, actor: p.actor(requestID: context.id)), status: .created)
            }
            table.add(.get, "\(base)/orgs/{id}", .readTree(d)) { request, context, p in
                WireJSON.item(try await dir.organization(account: try p.requireAccount(), domain: d, id: try request.id("id", context)))
            }
            table.add(.patch, "\(base)/orgs/{id}", .writeTree(d)) { request, context, p in
                let id = try request.id("id", context)
                let patch = try await Self.patch(request, context)
                return WireJSON.item(try await dir.updateOrganization(account: try p.requireAccount(), domain: d, id: id, patch,
                                                                      actor: p.actor(requestID: context.id)))
            }
            table.add(.delete, "\(base)/orgs/{id}", .writeTree(d)) { request, context, p in
                let id = try request.id("id", context)
                try await dir.deleteOrganization(account: try p.requireAccount(), domain: d, id: id, actor: p.actor(requestID: context.id))
                return WireJSON.ok(["id": .string(id.lowercased)])
            }
            table.add(.get, "\(base)/teams", .readTree(d)) { request, _, p in
                WireJSON.page(try await dir.teams(account: try p.requireAccount(), domain: d, orgID: try request.queryID("org_id"), page: request.page()))
            }
            table.add(.post, "\(base)/teams", .writeTree(d)) { request, context, p in
                let b = try await WireJSON.decode(TeamBody.self, from: request, context)
                guard let org = UUID(uuidString: b.orgId) else { throw APIError(.badRequest, "org_id is not a valid id") }
                return WireJSON.item(try await dir.createTeam(account: try p.requireAccount(), domain: d, orgID: org, name: b.name, metadata: b.metadata,
                                                              maxBudget: b.maxBudget, actor: p.actor(requestID: context.id)), status: .created)
            }
            table.add(.get, "\(base)/teams/{id}", .readTree(d)) { request, context, p in
                WireJSON.item(try await dir.team(account: try p.requireAccount(), domain: d, id: try request.id("id", context)))
            }
            table.add(.patch, "\(base)/teams/{id}", .writeTree(d)) { request, context, p in
                let id = try request.id("id", context)
                let patch = try await Self.patch(request, context)
                return WireJSON.item(try await dir.updateTeam(account: try p.requireAccount(), domain: d, id: id, patch, actor: p.actor(requestID: context.id)))
            }
            table.add(.delete, "\(base)/teams/{id}", .writeTree(d)) { request, context, p in
                let id = try request.id("id", context)
                try await dir.deleteTeam(account: try p.requireAccount(), domain: d, id: id, actor: p.actor(requestID: context.id))
                return WireJSON.ok(["id": .string(id.lowercased)])
            }
        }
    }

    /// `name`, `metadata`, `max_budget` (null clears it).
    static func patch(_ request: Request, _ context: CockpitRequestContext) async throws -> DirectoryService.Patch {
        let body = try await PatchBody.read(request, context)
        return DirectoryService.Patch(name: try body.requiredIfPresent("name"), metadata: try body.object("metadata"), maxBudget: try body.number("max_budget"))
    }
}
