import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/team/*` endpoints over a tree's teams (the console tree unless `domain` says `copilot`). Routes are declared
/// answered by the services, which check the caller's permission for the tree the body names.
enum TeamManagementRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/team/new") { request, context, c in
            let (b, account, domain) = try await readCall(request, context, c.caller)
            try SubjectBudgetWire.validate(b)
            let org = try await organization(b, c, account, domain)
            // Every member must exist before anything is created: a refused request leaves no team behind.
            let newMembers = try members(b)
            for (user, _) in newMembers { _ = try await c.directory.user(account: account, domain: domain, id: user) }
            let team = try await c.directory.createTeam(
                account: account, domain: domain, orgID: org, name: try required(b, "team_alias"),
                metadata: try b.object("metadata"), maxBudget: try SubjectBudgetWire.entityMaxBudget(b))
            try await SubjectBudgetWire.apply(b, c, account: account, domain: domain, subject: .team, id: team.id)
            for member in newMembers {
                _ = try await c.directory.addMember(
                    account: account, domain: domain, teamID: team.id, userID: member.0, role: member.1)
            }
            return try KeyManagementRoutes.reply(try await info(c, account, domain, team))
        }
        table.addLiteLLM(.get, "/team/info") { request, context, c in
            let (b, account, domain) = try await readCall(request, context, c.caller)
            let team = try await c.directory.team(account: account, domain: domain, id: try requiredID(b, "team_id"))
            return try KeyManagementRoutes.reply(try await info(c, account, domain, team))
        }
        table.addLiteLLM(.post, "/team/update") { request, context, c in
            let (b, account, domain) = try await readCall(request, context, c.caller)
            let id = try requiredID(b, "team_id")
            try SubjectBudgetWire.validate(b)
            var patch = DirectoryService.Patch(name: try b.string("team_alias"), metadata: try b.object("metadata"))
            if b.fields["max_budget"] != nil, !b.has("budget_duration") {
                patch.maxBudget = .some(try b.double("max_budget"))
            }
            let team = try await c.directory.updateTeam(account: account, domain: domain, id: id, patch)
            try await SubjectBudgetWire.apply(b, c, account: account, domain: domain, subject: .team, id: id)
            return try KeyManagementRoutes.reply(try await info(c, account, domain, team))
        }
        table.addLiteLLM(.post, "/team/delete") { request, context, c in
            let (b, account, domain) = try await readCall(request, context, c.caller)
            let ids = try (b.strings("team_ids") ?? []).map { try uuid($0, "team_ids") }
            guard !ids.isEmpty else {
                throw CockpitError.invalid(field: "team_ids", reason: "must name at least one team")
            }
            for id in ids { _ = try await c.directory.team(account: account, domain: domain, id: id) }
            for id in ids { try await c.directory.deleteTeam(account: account, domain: domain, id: id) }
            return try KeyManagementRoutes.reply(["deleted_teams": .array(ids.map { .string($0.lowercased) })])
        }
        table.addLiteLLM(.get, "/team/list") { request, context, c in
            let (b, account, domain) = try await readCall(request, context, c.caller)
            let teams = try await c.directory.teams(
                account: account, domain: domain, orgID: try b.uuid("organization_id"),
                page: PageRequest(limit: PageRequest.maxLimit, cursor: try b.string("cursor")))
            return try KeyManagementRoutes.reply(.array(teams.items.map { teamObject($0, nil) }))
        }
        table.addLiteLLM(.post, "/team/member_add") { request, context, c in
            let (b, account, domain) = try await readCall(request, context, c.caller)
            let teamID = try requiredID(b, "team_id")
            let list = try members(
                LiteLLMBody(fields: [
                    "members_with_roles": b.fields["member"].map { $0.arrayValue != nil ? $0 : .array([$0]) } ?? .null
                ]))
            guard !list.isEmpty else { throw CockpitError.invalid(field: "member", reason: "must name a user_id") }
            for (user, role) in list {
                _ = try await c.directory.addMember(
                    account: account, domain: domain, teamID: teamID, userID: user, role: role)
            }
            let team = try await c.directory.team(account: account, domain: domain, id: teamID)
            return try KeyManagementRoutes.reply(try await info(c, account, domain, team))
        }
        table.addLiteLLM(.post, "/team/member_delete") { request, context, c in
            let (b, account, domain) = try await readCall(request, context, c.caller)
            let teamID = try requiredID(b, "team_id")
            try await c.directory.removeMember(
                account: account, domain: domain, teamID: teamID, userID: try requiredID(b, "user_id"))
            let team = try await c.directory.team(account: account, domain: domain, id: teamID)
            return try KeyManagementRoutes.reply(try await info(c, account, domain, team))
        }
    }

    /// The body, account and tree (`domain`, the console tree by default) of a call.
    static func readCall(
        _ request: Request, _ context: CockpitRequestContext, _ principal: Principal
    ) async throws
        -> (LiteLLMBody, UUID, ProductDomain)
    {
        let b = try await LiteLLMBody.read(request, context)
        return (b, try LiteLLMAccount.of(principal, b), try b.domain())
    }

    /// `organization_id`, or the tree's only organization when there is exactly one.
    static func organization(
        _ b: LiteLLMBody, _ c: Cockpit, _ account: UUID, _ domain: ProductDomain
    ) async throws -> UUID {
        if let id = try b.uuid("organization_id") { return id }
        let orgs = try await c.directory.organizations(account: account, domain: domain, page: PageRequest(limit: 2))
            .items
        guard orgs.count == 1 else {
            throw CockpitError.invalid(
                field: "organization_id", reason: "is required (the tree has \(orgs.count) organizations)")
        }
        return orgs[0].id
    }

    /// `members_with_roles: [{user_id, role}]`; LiteLLM's `admin` role is a team admin, anything else a member.
    static func members(_ b: LiteLLMBody) throws -> [(UUID, MembershipRole)] {
        try (b.fields["members_with_roles"]?.arrayValue ?? []).map { m in
            guard let id = m["user_id"]?.stringValue.flatMap(UUID.init(uuidString:)) else {
                throw CockpitError.invalid(
                    field: "members_with_roles", reason: "each member needs a user_id of this account")
            }
            return (id, m["role"]?.stringValue == "admin" ? .admin : .member)
        }
    }

    static func teamObject(_ t: Team, _ budget: Budget?) -> JSONValue {
        var o: [String: JSONValue] = [
            "team_id": .string(t.id.lowercased), "team_alias": .string(t.name),
            "organization_id": .string(t.orgID.lowercased),
            "domain": .string(t.domain.rawValue), "metadata": t.metadata,
            "created_at": .string(Timestamp.format(t.createdAt)), "updated_at": .string(Timestamp.format(t.updatedAt)),
        ]
        o.merge(SubjectBudgetWire.json(budget, entityMax: t.maxBudget)) { $1 }
        return .object(o)
    }

    static func info(_ c: Cockpit, _ account: UUID, _ domain: ProductDomain, _ team: Team) async throws -> JSONValue {
        let budget = try await c.budgets.budget(
            account: account, domain: domain, subject: .team, subjectID: team.id.lowercased)
        let members = try await c.directory.members(
            account: account, domain: domain, teamID: team.id, page: PageRequest(limit: PageRequest.maxLimit))
        let keys = try await c.keys.list(
            account: account, domain: domain, teamID: team.id, page: PageRequest(limit: PageRequest.maxLimit)
        ).items
        var object = teamObject(team, budget).objectValue ?? [:]
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
            "keys": .array(keys.map { KeyWire.object($0) }),
        ]
    }

    static func required(_ b: LiteLLMBody, _ name: String) throws -> String {
        try KeyManagementRoutes.required(b, name)
    }

    static func requiredID(_ b: LiteLLMBody, _ name: String) throws -> UUID {
        guard let id = try b.uuid(name) else { throw CockpitError.invalid(field: name, reason: "is required") }
        return id
    }

    static func uuid(_ s: String, _ field: String) throws -> UUID {
        guard let id = UUID(uuidString: s) else {
            throw CockpitError.invalid(field: field, reason: "must hold ids of this account")
        }
        return id
    }
}
