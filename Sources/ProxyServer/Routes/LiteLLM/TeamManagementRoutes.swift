import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/team/*` endpoints over a tree's teams (the console tree unless `domain` says `copilot`). Routes are declared
/// answered by the services, which check the caller's permission for the tree the body names.
enum TeamManagementRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/team/new") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            try LiteLLMBudgetFields.validate(b)
            let org = try await LiteLLMCall.organization(b, c, account, domain)
            // Every member must exist before anything is created: a refused request leaves no team behind.
            let newMembers = try b.members()
            for (user, _) in newMembers { _ = try await c.directory.user(account: account, domain: domain, id: user) }
            let team = try await c.directory.createTeam(
                account: account, domain: domain, orgID: org, name: try b.required("team_alias"),
                metadata: try b.object("metadata"), maxBudget: try LiteLLMBudgetFields.entityMaxBudget(b))
            try await LiteLLMCall.applyBudget(b, c, account: account, domain: domain, subject: .team, id: team.id)
            for member in newMembers {
                _ = try await c.directory.addMember(
                    account: account, domain: domain, teamID: team.id, userID: member.0, role: member.1)
            }
            return try LiteLLMCall.reply(try await info(c, account, domain, team))
        }
        table.addLiteLLM(.get, "/team/info") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let team = try await c.directory.team(account: account, domain: domain, id: try b.requiredID("team_id"))
            return try LiteLLMCall.reply(try await info(c, account, domain, team))
        }
        table.addLiteLLM(.post, "/team/update") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let id = try b.requiredID("team_id")
            try LiteLLMBudgetFields.validate(b)
            var patch = DirectoryService.Patch(name: try b.string("team_alias"), metadata: try b.object("metadata"))
            if b.present("max_budget"), !b.has("budget_duration") {
                patch.maxBudget = .some(try b.double("max_budget"))
            }
            let team = try await c.directory.updateTeam(account: account, domain: domain, id: id, patch)
            try await LiteLLMCall.applyBudget(b, c, account: account, domain: domain, subject: .team, id: id)
            return try LiteLLMCall.reply(try await info(c, account, domain, team))
        }
        table.addLiteLLM(.post, "/team/delete") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let ids = try b.ids("team_ids")
            guard !ids.isEmpty else {
                throw CockpitError.invalid(field: "team_ids", reason: "must name at least one team")
            }
            for id in ids { _ = try await c.directory.team(account: account, domain: domain, id: id) }
            for id in ids { try await c.directory.deleteTeam(account: account, domain: domain, id: id) }
            return try LiteLLMCall.reply(["deleted_teams": .array(ids.map { .string($0.lowercased) })])
        }
        table.addLiteLLM(.get, "/team/list") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let teams = try await c.directory.teams(
                account: account, domain: domain, orgID: try b.uuid("organization_id"),
                page: PageRequest(limit: PageRequest.maxLimit, cursor: try b.string("cursor")))
            return try LiteLLMCall.reply(.array(teams.items.map { LiteLLMObjects.team($0, nil) }))
        }
        table.addLiteLLM(.post, "/team/member_add") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let teamID = try b.requiredID("team_id")
            let list = try b.members("member")
            guard !list.isEmpty else { throw CockpitError.invalid(field: "member", reason: "must name a user_id") }
            for (user, role) in list {
                _ = try await c.directory.addMember(
                    account: account, domain: domain, teamID: teamID, userID: user, role: role)
            }
            let team = try await c.directory.team(account: account, domain: domain, id: teamID)
            return try LiteLLMCall.reply(try await info(c, account, domain, team))
        }
        table.addLiteLLM(.post, "/team/member_delete") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let teamID = try b.requiredID("team_id")
            try await c.directory.removeMember(
                account: account, domain: domain, teamID: teamID, userID: try b.requiredID("user_id"))
            let team = try await c.directory.team(account: account, domain: domain, id: teamID)
            return try LiteLLMCall.reply(try await info(c, account, domain, team))
        }
    }

    static func info(_ c: Cockpit, _ account: UUID, _ domain: ProductDomain, _ team: Team) async throws -> JSONValue {
        let budget = try await c.budgets.budget(
            account: account, domain: domain, subject: .team, subjectID: team.id.lowercased)
        let members = try await c.directory.members(
            account: account, domain: domain, teamID: team.id, page: PageRequest(limit: PageRequest.maxLimit))
        let keys = try await c.keys.list(
            account: account, domain: domain, teamID: team.id, page: PageRequest(limit: PageRequest.maxLimit)
        ).items
        var object = LiteLLMObjects.team(team, budget).objectValue ?? [:]
        object["members_with_roles"] = .array(
            members.items.map {
                [
                    "user_id": .string($0.user.id.lowercased),
                    "user_email": $0.user.email.map(JSONValue.string) ?? .null,
                    "role": .string($0.role == .admin ? "admin" : "user"),
                ]
            })
        return [
            "team_id": .string(team.id.lowercased), "team_info": .object(object),
            "keys": .array(keys.map { LiteLLMKey.object($0) }),
        ]
    }
}
