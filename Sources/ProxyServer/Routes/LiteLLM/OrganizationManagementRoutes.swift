import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/organization/*` endpoints over a tree's organizations (update and delete also under LiteLLM's own
/// methods, PATCH and DELETE).
enum OrganizationManagementRoutes {
    static func register(_ table: RouteTable, cockpit: Cockpit) {
        let directory = cockpit.directory
        table.addLiteLLM(.post, "/organization/new", .authenticated) { request, context, principal in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, principal, Permission.writeTree)
            try SubjectBudgetWire.validate(b)
            let org = try await directory.createOrganization(account: account, domain: domain,
                                                             name: try TeamManagementRoutes.required(b, "organization_alias"),
                                                             metadata: try b.object("metadata"), maxBudget: try SubjectBudgetWire.entityMaxBudget(b),
                                                             actor: principal.actor())
            try await SubjectBudgetWire.apply(b, cockpit: cockpit, account: account, subject: .org, id: org.id, actor: principal.actor())
            return try KeyManagementRoutes.reply(try await object(cockpit, account, org))
        }
        table.addLiteLLM(.get, "/organization/info", .authenticated) { request, context, principal in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, principal, Permission.readTree)
            let org = try await directory.organization(account: account, domain: domain, id: try TeamManagementRoutes.requiredID(b, "organization_id"))
            let teams = try await directory.teams(account: account, domain: domain, orgID: org.id, page: PageRequest(limit: PageRequest.maxLimit))
            var o = try await object(cockpit, account, org).objectValue ?? [:]
            o["teams"] = .array(teams.items.map { TeamManagementRoutes.teamObject($0, nil) })
            return try KeyManagementRoutes.reply(.object(o))
        }
        for method in [HTTPRequest.Method.patch, .post] {
            table.addLiteLLM(method, "/organization/update", .authenticated) { request, context, principal in
                let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, principal, Permission.writeTree)
                let id = try TeamManagementRoutes.requiredID(b, "organization_id")
                try SubjectBudgetWire.validate(b)
                var patch = DirectoryService.Patch(name: try b.string("organization_alias"), metadata: try b.object("metadata"))
                if b.fields["max_budget"] != nil, !b.has("budget_duration") { patch.maxBudget = .some(try b.double("max_budget")) }
                let org = try await directory.updateOrganization(account: account, domain: domain, id: id, patch, actor: principal.actor())
                try await SubjectBudgetWire.apply(b, cockpit: cockpit, account: account, subject: .org, id: id, actor: principal.actor())
                return try KeyManagementRoutes.reply(try await object(cockpit, account, org))
            }
        }
        for method in [HTTPRequest.Method.delete, .post] {
            table.addLiteLLM(method, "/organization/delete", .authenticated) { request, context, principal in
                let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, principal, Permission.writeTree)
                let ids = try (b.strings("organization_ids") ?? []).map { try TeamManagementRoutes.uuid($0, "organization_ids") }
                guard !ids.isEmpty else { throw CockpitError.invalid(field: "organization_ids", reason: "must name at least one organization") }
                for id in ids { _ = try await directory.organization(account: account, domain: domain, id: id) }
                for id in ids { try await directory.deleteOrganization(account: account, domain: domain, id: id, actor: principal.actor()) }
                return try KeyManagementRoutes.reply(["deleted_organizations": .array(ids.map { .string($0.lowercased) })])
            }
        }
        table.addLiteLLM(.get, "/organization/list", .authenticated) { request, context, principal in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, principal, Permission.readTree)
            let page = try await directory.organizations(account: account, domain: domain,
                                                         page: PageRequest(limit: PageRequest.maxLimit, cursor: try b.string("cursor")))
            var list: [JSONValue] = []
            for org in page.items { list.append(try await object(cockpit, account, org)) }
            return try KeyManagementRoutes.reply(.array(list))
        }
    }

    static func object(_ cockpit: Cockpit, _ account: UUID, _ org: Organization) async throws -> JSONValue {
        let budget = try await cockpit.budgets.budget(account: account, subject: .org, subjectID: org.id.lowercased)
        var o: [String: JSONValue] = ["organization_id": .string(org.id.lowercased), "organization_alias": .string(org.name),
                                      "domain": .string(org.domain.rawValue), "metadata": org.metadata,
                                      "created_at": .string(Timestamp.format(org.createdAt)), "updated_at": .string(Timestamp.format(org.updatedAt))]
        o.merge(SubjectBudgetWire.json(budget, entityMax: org.maxBudget)) { $1 }
        return .object(o)
    }
}
