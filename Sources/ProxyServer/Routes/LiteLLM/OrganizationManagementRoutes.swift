import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/organization/*` endpoints over a tree's organizations (update and delete also under LiteLLM's own
/// methods, PATCH and DELETE).
enum OrganizationManagementRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/organization/new") { request, context, c in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, c.caller)
            try SubjectBudgetWire.validate(b)
            let org = try await c.directory.createOrganization(
                account: account, domain: domain,
                name: try TeamManagementRoutes.required(b, "organization_alias"),
                metadata: try b.object("metadata"), maxBudget: try SubjectBudgetWire.entityMaxBudget(b))
            try await SubjectBudgetWire.apply(b, c, account: account, domain: domain, subject: .org, id: org.id)
            return try KeyManagementRoutes.reply(try await object(c, account, domain, org))
        }
        table.addLiteLLM(.get, "/organization/info") { request, context, c in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, c.caller)
            let org = try await c.directory.organization(
                account: account, domain: domain, id: try TeamManagementRoutes.requiredID(b, "organization_id"))
            let teams = try await c.directory.teams(
                account: account, domain: domain, orgID: org.id, page: PageRequest(limit: PageRequest.maxLimit))
            var o = try await object(c, account, domain, org).objectValue ?? [:]
            o["teams"] = .array(teams.items.map { TeamManagementRoutes.teamObject($0, nil) })
            return try KeyManagementRoutes.reply(.object(o))
        }
        for method in [HTTPRequest.Method.patch, .post] {
            table.addLiteLLM(method, "/organization/update") { request, context, c in
                let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, c.caller)
                let id = try TeamManagementRoutes.requiredID(b, "organization_id")
                try SubjectBudgetWire.validate(b)
                var patch = DirectoryService.Patch(
                    name: try b.string("organization_alias"), metadata: try b.object("metadata"))
                if b.fields["max_budget"] != nil, !b.has("budget_duration") {
                    patch.maxBudget = .some(try b.double("max_budget"))
                }
                let org = try await c.directory.updateOrganization(account: account, domain: domain, id: id, patch)
                try await SubjectBudgetWire.apply(b, c, account: account, domain: domain, subject: .org, id: id)
                return try KeyManagementRoutes.reply(try await object(c, account, domain, org))
            }
        }
        for method in [HTTPRequest.Method.delete, .post] {
            table.addLiteLLM(method, "/organization/delete") { request, context, c in
                let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, c.caller)
                let ids = try (b.strings("organization_ids") ?? []).map {
                    try TeamManagementRoutes.uuid($0, "organization_ids")
                }
                guard !ids.isEmpty else {
                    throw CockpitError.invalid(field: "organization_ids", reason: "must name at least one organization")
                }
                for id in ids { _ = try await c.directory.organization(account: account, domain: domain, id: id) }
                for id in ids { try await c.directory.deleteOrganization(account: account, domain: domain, id: id) }
                return try KeyManagementRoutes.reply([
                    "deleted_organizations": .array(ids.map { .string($0.lowercased) })
                ])
            }
        }
        table.addLiteLLM(.get, "/organization/list") { request, context, c in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, c.caller)
            let page = try await c.directory.organizations(
                account: account, domain: domain,
                page: PageRequest(limit: PageRequest.maxLimit, cursor: try b.string("cursor")))
            var list: [JSONValue] = []
            for org in page.items { list.append(try await object(c, account, domain, org)) }
            return try KeyManagementRoutes.reply(.array(list))
        }
    }

    static func object(
        _ c: Cockpit, _ account: UUID, _ domain: ProductDomain, _ org: Organization
    ) async throws -> JSONValue {
        let budget = try await c.budgets.budget(
            account: account, domain: domain, subject: .org, subjectID: org.id.lowercased)
        var o: [String: JSONValue] = [
            "organization_id": .string(org.id.lowercased), "organization_alias": .string(org.name),
            "domain": .string(org.domain.rawValue), "metadata": org.metadata,
            "created_at": .string(Timestamp.format(org.createdAt)),
            "updated_at": .string(Timestamp.format(org.updatedAt)),
        ]
        o.merge(SubjectBudgetWire.json(budget, entityMax: org.maxBudget)) { $1 }
        return .object(o)
    }
}
