import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/budget/*`: the named budgets of an account, which customers share by naming them. The budget service
/// checks every permission (the account admin's) and every value.
enum BudgetManagementRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/budget/new") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let change = try LiteLLMCustomerObjects.budgetChange(b) ?? { _ in }
            let id = try b.string("budget_id").flatMap { $0.isEmpty ? nil : $0 }
            let created = try await c.namedBudgets.create(account: account, id: id, change)
            return try LiteLLMCall.reply(LiteLLMCustomerObjects.budget(created))
        }
        table.addLiteLLM(.post, "/budget/update") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let change = try LiteLLMCustomerObjects.budgetChange(b) ?? { _ in }
            let updated = try await c.namedBudgets.update(account: account, id: try b.required("budget_id"), change)
            return try LiteLLMCall.reply(LiteLLMCustomerObjects.budget(updated))
        }
        table.addLiteLLM(.post, "/budget/info") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let ids = try b.strings("budgets") ?? []
            guard !ids.isEmpty else {
                throw CockpitError.badRequest(
                    "Specify list of budget id's to query. Passed in=\(CustomerManagementRoutes.pythonList(ids))")
            }
            let found = try await c.namedBudgets.budgets(account: account, ids: ids)
            let missing = Set(ids).subtracting(found.map(\.budgetID)).sorted()
            guard missing.isEmpty else { throw CockpitError.notFound("budget(s) \(missing.joined(separator: ", "))") }
            return try LiteLLMCall.reply(.array(found.map { LiteLLMCustomerObjects.budget($0) }))
        }
        table.addLiteLLM(.get, "/budget/list") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let all = try await c.namedBudgets.budgets(account: account)
            return try LiteLLMCall.reply(.array(all.map { LiteLLMCustomerObjects.budget($0) }))
        }
        table.addLiteLLM(.post, "/budget/delete") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let deleted = try await c.namedBudgets.delete(account: account, id: try b.required("id"))
            return try LiteLLMCall.reply(LiteLLMCustomerObjects.budget(deleted))
        }
        table.addLiteLLM(.get, "/budget/settings") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let id = try b.required("budget_id")
            // As in LiteLLM, a budget id that names nothing answers the fields with no values.
            let found = try await c.namedBudgets.budgets(account: account, ids: [id]).first
            return try LiteLLMCall.reply(LiteLLMCustomerObjects.settings(found))
        }
    }
}
