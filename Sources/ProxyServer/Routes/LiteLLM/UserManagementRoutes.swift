import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/user/*` endpoints over a tree's users. `/user/new` also generates a key for the user unless
/// `auto_create_key` is false, as LiteLLM does.
enum UserManagementRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/user/new") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            try LiteLLMBudgetFields.validate(b)
            // Checked before anything is written: the key generated with the user needs the key permission.
            let autoKey = try b.bool("auto_create_key") ?? true
            if autoKey { try c.keys.checkMayGenerate(account: account) }
            let teams = try b.ids("teams")
            let (user, _) = try await c.directory.upsertUser(
                account: account, domain: domain, try LiteLLMObjects.userInput(b, teams: teams))
            try await LiteLLMCall.applyBudget(b, c, account: account, domain: domain, subject: .user, id: user.id)
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
            return try LiteLLMCall.reply(.object(object))
        }
        table.addLiteLLM(.get, "/user/info") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let user = try await c.directory.user(
                account: account, domain: domain, id: try b.requiredID("user_id"))
            let keys = try await c.keys.list(
                account: account, domain: domain, userID: user.id, page: PageRequest(limit: PageRequest.maxLimit)
            ).items
            let teams = try await c.directory.memberships(account: account, domain: domain, userID: user.id)
            return try LiteLLMCall.reply([
                "user_id": .string(user.id.lowercased), "user_info": try await userObject(c, account, domain, user),
                "keys": .array(keys.map { LiteLLMKey.object($0) }),
                "teams": .array(teams.map { .string($0.teamID.lowercased) }),
            ])
        }
        table.addLiteLLM(.post, "/user/update") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let id = try b.requiredID("user_id")
            try LiteLLMBudgetFields.validate(b)
            let user = try await c.directory.updateUser(
                account: account, domain: domain, id: id, try LiteLLMObjects.userInput(b, teams: []))
            try await LiteLLMCall.applyBudget(b, c, account: account, domain: domain, subject: .user, id: id)
            return try LiteLLMCall.reply(try await userObject(c, account, domain, user))
        }
        table.addLiteLLM(.post, "/user/delete") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let ids = try b.ids("user_ids")
            guard !ids.isEmpty else {
                throw CockpitError.invalid(field: "user_ids", reason: "must name at least one user")
            }
            for id in ids { _ = try await c.directory.user(account: account, domain: domain, id: id) }
            for id in ids { try await c.directory.deleteUser(account: account, domain: domain, id: id) }
            return try LiteLLMCall.reply(["deleted_users": .array(ids.map { .string($0.lowercased) })])
        }
        table.addLiteLLM(.get, "/user/list") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let size = min(max(1, Int(try b.int("page_size") ?? 25)), PageRequest.maxLimit)
            let page = try await c.directory.users(
                account: account, domain: domain, page: PageRequest(limit: size, cursor: try b.string("cursor")))
            var users: [JSONValue] = []
            for user in page.items { users.append(try await userObject(c, account, domain, user)) }
            return try LiteLLMCall.reply([
                "users": .array(users), "page_size": .number(Double(size)),
                "next_cursor": page.nextCursor.map(JSONValue.string) ?? .null,
            ])
        }
    }

    /// A user with its budget fields.
    static func userObject(_ c: Cockpit, _ account: UUID, _ domain: ProductDomain, _ u: User) async throws -> JSONValue
    {
        LiteLLMObjects.user(
            u, try await c.budgets.budget(account: account, domain: domain, subject: .user, subjectID: u.id.lowercased))
    }
}
