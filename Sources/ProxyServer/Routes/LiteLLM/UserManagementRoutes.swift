import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/user/*` endpoints over a tree's users. `/user/new` also generates a key for the user unless
/// `auto_create_key` is false, as LiteLLM does.
enum UserManagementRoutes {
    static func register(_ table: RouteTable, cockpit: Cockpit) {
        let directory = cockpit.directory
        table.addLiteLLM(.post, "/user/new", .authenticated) { request, context, principal in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, principal, Permission.writeTree)
            try SubjectBudgetWire.validate(b)
            // Checked before anything is written: the key generated with the user needs the key permission.
            let autoKey = try b.bool("auto_create_key") ?? true
            if autoKey, !principal.isSuperAdmin { try Policy.check(principal, .manageKeys) }
            let teams = try (b.strings("teams") ?? []).map { try TeamManagementRoutes.uuid($0, "teams") }
            let (user, _) = try await directory.upsertUser(account: account, domain: domain, try input(b, teams: teams), actor: principal.actor())
            try await SubjectBudgetWire.apply(b, cockpit: cockpit, account: account, subject: .user, id: user.id, actor: principal.actor())
            var object = try await userObject(cockpit, account, user).objectValue ?? [:]
            if autoKey {
                let (key, secret) = try await cockpit.keys.generate(account: account, NewKey(domain: domain, userID: user.id,
                                                                                             models: try b.strings("models") ?? []),
                                                                    actor: principal.actor())
                object["key"] = .string(secret)
                object["token"] = .string(key.keyHash)
            }
            return try KeyManagementRoutes.reply(.object(object))
        }
        table.addLiteLLM(.get, "/user/info", .authenticated) { request, context, principal in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, principal, Permission.readTree)
            let user = try await directory.user(account: account, domain: domain, id: try TeamManagementRoutes.requiredID(b, "user_id"))
            let keys = try await cockpit.keys.list(account: account, userID: user.id, page: PageRequest(limit: PageRequest.maxLimit)).items
            let teams = try await directory.memberships(account: account, domain: domain, userID: user.id)
            return try KeyManagementRoutes.reply(["user_id": .string(user.id.lowercased), "user_info": try await userObject(cockpit, account, user),
                                                  "keys": .array(keys.map { KeyWire.object($0) }),
                                                  "teams": .array(teams.map { .string($0.teamID.lowercased) })])
        }
        table.addLiteLLM(.post, "/user/update", .authenticated) { request, context, principal in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, principal, Permission.writeTree)
            let id = try TeamManagementRoutes.requiredID(b, "user_id")
            try SubjectBudgetWire.validate(b)
            let user = try await directory.updateUser(account: account, domain: domain, id: id, try input(b, teams: []), actor: principal.actor())
            try await SubjectBudgetWire.apply(b, cockpit: cockpit, account: account, subject: .user, id: id, actor: principal.actor())
            return try KeyManagementRoutes.reply(try await userObject(cockpit, account, user))
        }
        table.addLiteLLM(.post, "/user/delete", .authenticated) { request, context, principal in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, principal, Permission.writeTree)
            let ids = try (b.strings("user_ids") ?? []).map { try TeamManagementRoutes.uuid($0, "user_ids") }
            guard !ids.isEmpty else { throw CockpitError.invalid(field: "user_ids", reason: "must name at least one user") }
            for id in ids { _ = try await directory.user(account: account, domain: domain, id: id) }
            for id in ids { try await directory.deleteUser(account: account, domain: domain, id: id, actor: principal.actor()) }
            return try KeyManagementRoutes.reply(["deleted_users": .array(ids.map { .string($0.lowercased) })])
        }
        table.addLiteLLM(.get, "/user/list", .authenticated) { request, context, principal in
            let (b, account, domain) = try await TeamManagementRoutes.readCall(request, context, principal, Permission.readTree)
            let size = min(max(1, Int(try b.int("page_size") ?? 25)), PageRequest.maxLimit)
            let page = try await directory.users(account: account, domain: domain, page: PageRequest(limit: size, cursor: try b.string("cursor")))
            var users: [JSONValue] = []
            for user in page.items { users.append(try await userObject(cockpit, account, user)) }
            return try KeyManagementRoutes.reply(["users": .array(users), "page_size": .number(Double(size)),
                                                  "next_cursor": page.nextCursor.map(JSONValue.string) ?? .null])
        }
    }

    /// `user_email`, `user_alias`, `user_role`, `metadata` and a lifetime `max_budget` as the directory's input.
    static func input(_ b: LiteLLMBody, teams: [UUID]) throws -> UserInput {
        UserInput(email: try b.string("user_email"), identityUserID: try b.string("identity_user_id"), displayName: try b.string("user_alias"),
                  role: try b.string("user_role").map { role($0, domain: try b.domain()) }, metadata: try b.object("metadata"),
                  maxBudget: try SubjectBudgetWire.entityMaxBudget(b), teamIDs: teams)
    }

    /// LiteLLM's user roles mapped onto the tree's: `internal_user`… → end user, `*_admin` → the tree's org admin.
    static func role(_ litellm: String, domain: ProductDomain) -> String {
        switch litellm {
        case "proxy_admin", "org_admin", "proxy_admin_viewer": Policy.orgAdmin(domain).rawValue
        case "internal_user", "internal_user_viewer", "customer": Role.endUser.rawValue
        default: litellm
        }
    }

    static func userObject(_ cockpit: Cockpit, _ account: UUID, _ u: User) async throws -> JSONValue {
        let budget = try await cockpit.budgets.budget(account: account, subject: .user, subjectID: u.id.lowercased)
        var o: [String: JSONValue] = ["user_id": .string(u.id.lowercased), "user_email": u.email.map(JSONValue.string) ?? .null,
                                      "user_alias": .string(u.displayName), "user_role": .string(u.role), "domain": .string(u.domain.rawValue),
                                      "metadata": u.metadata, "created_at": .string(Timestamp.format(u.createdAt)),
                                      "updated_at": .string(Timestamp.format(u.updatedAt))]
        o.merge(SubjectBudgetWire.json(budget, entityMax: u.maxBudget)) { $1 }
        return .object(o)
    }
}
