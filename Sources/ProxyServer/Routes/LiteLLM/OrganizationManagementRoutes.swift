import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/organization/*` endpoints over a tree's organizations (update and delete also under LiteLLM's own
/// methods, PATCH and DELETE).
enum OrganizationManagementRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/organization/new") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            try LiteLLMBudgetFields.validate(b)
            let org = try await c.directory.createOrganization(
                account: account, domain: domain,
                name: try b.required("organization_alias"),
                metadata: try b.object("metadata"), maxBudget: try LiteLLMBudgetFields.entityMaxBudget(b))
            try await LiteLLMCall.applyBudget(b, c, account: account, domain: domain, subject: .org, id: org.id)
            return try LiteLLMCall.reply(try await organization(c, account, domain, org))
        }
        table.addLiteLLM(.get, "/organization/info") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let org = try await c.directory.organization(
                account: account, domain: domain, id: try b.requiredID("organization_id"))
            let teams = try await c.directory.teams(
                account: account, domain: domain, orgID: org.id, page: PageRequest(limit: PageRequest.maxLimit))
            var o = try await organization(c, account, domain, org).objectValue ?? [:]
            o["teams"] = .array(teams.items.map { LiteLLMObjects.team($0, nil) })
            o["members"] = .array(
                try await c.directory.organizationMembers(account: account, domain: domain, orgID: org.id).map(
                    OrganizationMemberRoutes.object))
            return try LiteLLMCall.reply(.object(o))
        }
        for method in [HTTPRequest.Method.patch, .post] {
            table.addLiteLLM(method, "/organization/update") { request, context, c in
                let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
                let id = try b.requiredID("organization_id")
                try LiteLLMBudgetFields.validate(b)
                var patch = DirectoryService.Patch(
                    name: try b.string("organization_alias"), metadata: try b.object("metadata"))
                if b.present("max_budget"), !b.has("budget_duration") {
                    patch.maxBudget = .some(try b.double("max_budget"))
                }
                let org = try await c.directory.updateOrganization(account: account, domain: domain, id: id, patch)
                try await LiteLLMCall.applyBudget(b, c, account: account, domain: domain, subject: .org, id: id)
                return try LiteLLMCall.reply(try await organization(c, account, domain, org))
            }
        }
        for method in [HTTPRequest.Method.delete, .post] {
            table.addLiteLLM(method, "/organization/delete") { request, context, c in
                let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
                let ids = try b.ids("organization_ids")
                guard !ids.isEmpty else {
                    throw CockpitError.invalid(field: "organization_ids", reason: "must name at least one organization")
                }
                for id in ids { _ = try await c.directory.organization(account: account, domain: domain, id: id) }
                for id in ids { try await c.directory.deleteOrganization(account: account, domain: domain, id: id) }
                return try LiteLLMCall.reply([
                    "deleted_organizations": .array(ids.map { .string($0.lowercased) })
                ])
            }
        }
        table.addLiteLLM(.get, "/organization/list") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let page = try await c.directory.organizations(
                account: account, domain: domain,
                page: PageRequest(limit: PageRequest.maxLimit, cursor: try b.string("cursor")))
            var list: [JSONValue] = []
            for org in page.items { list.append(try await organization(c, account, domain, org)) }
            return try LiteLLMCall.reply(.array(list))
        }
    }

    /// An organization with its budget fields.
    static func organization(
        _ c: Cockpit, _ account: UUID, _ domain: ProductDomain, _ org: Organization
    ) async throws -> JSONValue {
        LiteLLMObjects.organization(
            org,
            try await c.budgets.budget(account: account, domain: domain, subject: .org, subjectID: org.id.lowercased))
    }
}
