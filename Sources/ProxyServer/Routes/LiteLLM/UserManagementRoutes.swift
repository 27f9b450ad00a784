import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/user/*` endpoints over a tree's users. `/user/new` also generates a key for the user unless
/// `auto_create_key` is false, as LiteLLM does.
enum UserManagementRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/user/new") { request, context, c in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, c.caller)
            try SubjectBudgetWire.validate(b)
            // Checked before anything is written: the key generated with the user needs the key permission.
            let autoKey = try b.bool("auto_create_key") ?? true
            if autoKey { try c.keys.checkMayGenerate(account: account) }
            let teams = try (b.strings("teams") ?? []).map { try TeamManagementRoutes.uuid($0, "teams") }
            let (user, _) = try await c.directory.upsertUser(
                account: account, domain: domain, try input(b, teams: teams))
            try await SubjectBudgetWire.apply(b, c, account: account, domain: domain, subject: .user, id: user.id)
            var object = try await userObject(c, account, domain, user).objectValue ?? [:]
            if autoKey {
                let (key, secret) = try await c.keys.generate(
                    account: account,
                    NewKey(
                        domain: domain, userID: user.id,
                        models: try b.strings("models") ?? []))
                object["key"] = .string(secret)
                object["token"] = .string(key.keyHash)
            }
            return try KeyManagementRoutes.reply(.object(object))
        }
        table.addLiteLLM(.get, "/user/info") { request, context, c in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, c.caller)
            let user = try await c.directory.user(
                account: account, domain: domain, id: try TeamManagementRoutes.requiredID(b, "user_id"))
            let keys = try await c.keys.list(
                account: account, domain: domain, userID: user.id, page: PageRequest(limit: PageRequest.maxLimit)
            ).items
            let teams = try await c.directory.memberships(account: account, domain: domain, userID: user.id)
            return try KeyManagementRoutes.reply([
                "user_id": .string(user.id.lowercased), "user_info": try await userObject(c, account, domain, user),
                "keys": .array(keys.map { KeyWire.object($0) }),
                "teams": .array(teams.map { .string($0.teamID.lowercased) }),
            ])
        }
        table.addLiteLLM(.post, "/user/update") { request, context, c in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, c.caller)
            let id = try TeamManagementRoutes.requiredID(b, "user_id")
            try SubjectBudgetWire.validate(b)
            let user = try await c.directory.updateUser(
                account: account, domain: domain, id: id, try input(b, teams: []))
            try await SubjectBudgetWire.apply(b, c, account: account, domain: domain, subject: .user, id: id)
            return try KeyManagementRoutes.reply(try await userObject(c, account, domain, user))
        }
        table.addLiteLLM(.post, "/user/delete") { request, context, c in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, c.caller)
            let ids = try (b.strings("user_ids") ?? []).map { try TeamManagementRoutes.uuid($0, "user_ids") }
            guard !ids.isEmpty else {
                throw CockpitError.invalid(field: "user_ids", reason: "must name at least one user")
            }
            for id in ids { _ = try await c.directory.user(account: account, domain: domain, id: id) }
            for id in ids { try await c.directory.deleteUser(account: account, domain: domain, id: id) }
            return try KeyManagementRoutes.reply(["deleted_users": .array(ids.map { .string($0.lowercased) })])
        }
        table.addLiteLLM(.get, "/user/list") { request, context, c in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, c.caller)
            let size = min(max(1, Int(try b.int("page_size") ?? 25)), PageRequest.maxLimit)
            let page = try await c.directory.users(
                account: account, domain: domain, page: PageRequest(limit: size, cursor: try b.string("cursor")))
            var users: [JSONValue] = []
            for user in page.items { users.append(try await userObject(c, account, domain, user)) }
            return try KeyManagementRoutes.reply([
                "users": .array(users), "page_size": .number(Double(size)),
                "next_cursor": page.nextCursor.map(JSONValue.string) ?? .null,
            ])
        }
    }

    /// `user_email`, `user_alias`, `user_role`, `metadata` and a lifetime `max_budget` as the directory's input.
    static func input(_ b: LiteLLMBody, teams: [UUID]) throws -> UserInput {
        UserInput(
            email: try b.string("user_email"), identityUserID: try b.string("identity_user_id"),
            displayName: try b.string("user_alias"),
            role: try b.string("user_role").map { role($0, domain: try b.domain()) },
            metadata: try b.object("metadata"),
            maxBudget: try SubjectBudgetWire.entityMaxBudget(b), teamIDs: teams)
    }

    /// LiteLLM's user roles mapped onto the tree's: `internal_user`… → end user, `*_admin` → the tree's org admin.
    static func role(_ litellm: String, domain: ProductDomain) -> String {
        switch litellm {
        case "proxy_admin", "org_admin", "proxy_admin_viewer": Role.orgAdmin(domain).rawValue
        case "internal_user", "internal_user_viewer", "customer": Role.endUser.rawValue
        default: litellm
        }
    }

    static func userObject(_ c: Cockpit, _ account: UUID, _ domain: ProductDomain, _ u: User) async throws -> JSONValue
    {
        let budget = try await c.budgets.budget(
            account: account, domain: domain, subject: .user, subjectID: u.id.lowercased)
        var o: [String: JSONValue] = [
            "user_id": .string(u.id.lowercased), "user_email": u.email.map(JSONValue.string) ?? .null,
            "user_alias": .string(u.displayName), "user_role": .string(u.role), "domain": .string(u.domain.rawValue),
            "metadata": u.metadata, "created_at": .string(Timestamp.format(u.createdAt)),
            "updated_at": .string(Timestamp.format(u.updatedAt)),
        ]
        o.merge(SubjectBudgetWire.json(budget, entityMax: u.maxBudget)) { $1 }
        return .object(o)
    }
}
