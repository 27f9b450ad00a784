import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Organizations and teams of both trees: `/v1/{console,copilot}/orgs…` and `/teams…`.
enum TreeRoutes {
    static func register(_ table: RouteTable) {
        for d in ProductDomain.allCases {
            let base = "/v1/\(d.rawValue)"
            table.add(.get, "\(base)/orgs") { request, _, c in
                WireJSON.page(
                    try await c.directory.organizations(account: try c.callerAccount(), domain: d, page: request.page())
                )
            }
            table.add(.post, "\(base)/orgs") { request, context, c in
                let b = try await WireJSON.decode(OrganizationCreate.self, from: request, context)
                return WireJSON.item(
                    try await c.directory.createOrganization(
                        account: try c.callerAccount(), domain: d, name: b.name, metadata: b.metadata,
                        maxBudget: b.maxBudget, description: b.description))
            }
            table.add(.get, "\(base)/orgs/{id}") { request, context, c in
                WireJSON.item(
                    try await c.directory.organization(
                        account: try c.callerAccount(), domain: d, id: try request.id("id", context)))
            }
            table.add(.patch, "\(base)/orgs/{id}") { request, context, c in
                let id = try request.id("id", context)
                let patch = try await WireJSON.decode(NodeChange.self, from: request, context).patch()
                return WireJSON.item(
                    try await c.directory.updateOrganization(account: try c.callerAccount(), domain: d, id: id, patch))
            }
            table.add(.delete, "\(base)/orgs/{id}") { request, context, c in
                let id = try request.id("id", context)
                try await c.directory.deleteOrganization(account: try c.callerAccount(), domain: d, id: id)
                return WireJSON.ok(["id": .string(id.lowercased)])
            }
            table.add(.get, "\(base)/teams") { request, _, c in
                WireJSON.page(
                    try await c.directory.teams(
                        account: try c.callerAccount(), domain: d, orgID: try request.queryID("org_id"),
                        page: request.page()))
            }
            table.add(.post, "\(base)/teams") { request, context, c in
                let b = try await WireJSON.decode(TeamCreate.self, from: request, context)
                guard let org = UUID(uuidString: b.orgID) else { throw CockpitError.notFound("\(d.rawValue) org") }
                return WireJSON.item(
                    try await c.directory.createTeam(
                        account: try c.callerAccount(), domain: d, orgID: org, name: b.name, metadata: b.metadata,
                        maxBudget: b.maxBudget, description: b.description))
            }
            table.add(.get, "\(base)/teams/{id}") { request, context, c in
                WireJSON.item(
                    try await c.directory.team(
                        account: try c.callerAccount(), domain: d, id: try request.id("id", context)))
            }
            table.add(.patch, "\(base)/teams/{id}") { request, context, c in
                let id = try request.id("id", context)
                let patch = try await WireJSON.decode(NodeChange.self, from: request, context).patch()
                return WireJSON.item(
                    try await c.directory.updateTeam(account: try c.callerAccount(), domain: d, id: id, patch))
            }
            table.add(.delete, "\(base)/teams/{id}") { request, context, c in
                let id = try request.id("id", context)
                try await c.directory.deleteTeam(account: try c.callerAccount(), domain: d, id: id)
                return WireJSON.ok(["id": .string(id.lowercased)])
            }
        }
    }
}
