import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Account lifecycle for super-admins: `/v1/accounts…`.
enum AccountRoutes {
    static func register(_ table: RouteTable) {
        table.add(.post, "/v1/accounts") { request, context, c in
            let bundle = try await c.accounts.create(
                try await WireJSON.decode(AccountCreate.self, from: request, context).input)
            return WireJSON.item(AccountBundleView(bundle), status: .created)
        }
        table.add(.get, "/v1/accounts") { request, _, c in
            let status = try request.query("status").map { text -> AccountStatus in
                guard let s = AccountStatus(rawValue: text) else {
                    throw APIError(.badRequest, "status must be active or suspended")
                }
                return s
            }
            return WireJSON.page(
                try await c.accounts.list(
                    status: status, includeDeleted: request.query("include_deleted") == "true",
                    page: request.page()))
        }
        table.add(.get, "/v1/accounts/{id}") { request, context, c in
            WireJSON.item(AccountBundleView(try await c.accounts.bundle(try request.id("id", context))))
        }
        table.add(.patch, "/v1/accounts/{id}") { request, context, c in
            let id = try request.id("id", context)
            let patch = try await WireJSON.decode(AccountChange.self, from: request, context).patch()
            return WireJSON.item(try await c.accounts.update(id, patch))
        }
        table.add(.post, "/v1/accounts/{id}/status") { request, context, c in
            let id = try request.id("id", context)
            let body = try await WireJSON.decode(AccountStatusChange.self, from: request, context)
            guard let status = AccountStatus(rawValue: body.status) else {
                throw APIError(.badRequest, "status must be active or suspended")
            }
            let account = try await c.accounts.setStatus(id, status)
            return WireJSON.ok([
                "account_id": .string(id.lowercased), "account_status": .string(account.status.rawValue),
            ])
        }
        table.add(.delete, "/v1/accounts/{id}") { request, context, c in
            let id = try request.id("id", context)
            if request.query("hard_delete") == "true" {
                try await c.accounts.hardDelete(id, confirmName: request.query("confirm_name") ?? "")
                return WireJSON.ok(["account_id": .string(id.lowercased), "deleted": "hard"])
            }
            _ = try await c.accounts.softDelete(id)
            return WireJSON.ok(["account_id": .string(id.lowercased), "deleted": "soft"])
        }
    }
}
