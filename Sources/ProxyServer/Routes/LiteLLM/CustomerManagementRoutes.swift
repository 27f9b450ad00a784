import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/customer/*`: the end users of an account, which gateway requests name with `user`. The customer
/// service checks every permission (the account admin's) and every value.
enum CustomerManagementRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/customer/new") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let created = try await c.customers.create(
                account: account, userID: try b.required("user_id"), budgetID: try b.string("budget_id"),
                budget: try LiteLLMCustomerObjects.budgetChange(b), try LiteLLMCustomerObjects.customerChange(b))
            return try LiteLLMCall.reply(LiteLLMCustomerObjects.customer(created))
        }
        table.addLiteLLM(.get, "/customer/info") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let found = try await c.customers.customer(account: account, userID: try b.required("end_user_id"))
            return try LiteLLMCall.reply(LiteLLMCustomerObjects.customer(found))
        }
        table.addLiteLLM(.post, "/customer/update") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let updated = try await c.customers.update(
                account: account, userID: try b.required("user_id"), budgetID: try b.string("budget_id"),
                budget: try LiteLLMCustomerObjects.budgetChange(b), try LiteLLMCustomerObjects.customerChange(b))
            return try LiteLLMCall.reply(LiteLLMCustomerObjects.customer(updated))
        }
        table.addLiteLLM(.post, "/customer/delete") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let ids = try userIDs(b)
            let n = try await c.customers.delete(account: account, userIDs: ids)
            return try LiteLLMCall.reply([
                "deleted_customers": .number(Double(n)),
                "message": .string("Successfully deleted customers with ids: \(pythonList(ids))"),
            ])
        }
        table.addLiteLLM(.get, "/customer/list") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let all = try await c.customers.customers(account: account)
            return try LiteLLMCall.reply(.array(all.map { LiteLLMCustomerObjects.customer($0) }))
        }
        for (path, blocked) in [("/customer/block", true), ("/customer/unblock", false)] {
            table.addLiteLLM(.post, path) { request, context, c in
                let b = try await LiteLLMCall.fields(request, context)
                let account = try await LiteLLMCall.account(c, b)
                let changed = try await c.customers.setBlocked(
                    account: account, userIDs: try userIDs(b), blocked: blocked)
                return try LiteLLMCall.reply([
                    "blocked_users": .array(changed.map { LiteLLMCustomerObjects.customer($0) })
                ])
            }
        }
    }

    /// `user_ids`: at least one.
    static func userIDs(_ b: LiteLLMFields) throws -> [String] {
        let ids = try b.strings("user_ids") ?? []
        guard !ids.isEmpty else {
            throw CockpitError.invalid(field: "user_ids", reason: "must name at least one end user")
        }
        return ids
    }

    /// A list as Python prints it (LiteLLM's messages show `str(list)`).
    static func pythonList(_ items: [String]) -> String {
        "[" + items.map { "'\($0)'" }.joined(separator: ", ") + "]"
    }
}
