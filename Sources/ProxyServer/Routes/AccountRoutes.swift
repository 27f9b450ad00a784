import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Account lifecycle for super-admins: `/v1/accounts…`, in the original's shapes (V1_CONTRACT.md "Accounts and
/// admins"): every answer carries the account's bundle.
enum AccountRoutes {
    static func register(_ table: RouteTable) {
        table.add(.post, "/v1/accounts") { request, context, c in
            let body = try await WireJSON.decode(AccountCreate.self, from: request, context)
            return WireJSON.response(AccountCreated(try await c.accounts.create(body.input)))
        }
        table.add(.get, "/v1/accounts") { request, _, c in
            let status = try request.query("status").flatMap { text -> AccountStatus? in
                guard !text.isEmpty else { return nil }
                guard let s = AccountStatus(rawValue: text) else {
                    throw APIError(.badRequest, "status must be active or suspended")
                }
                return s
            }
            let page = try await c.accounts.bundles(
                status: status, includeDeleted: request.query("include_deleted") == "true", page: request.page())
            let allocations = Dictionary(
                try await c.credits.accountAllocations().map { ($0.accountID, $0) }, uniquingKeysWith: { a, _ in a })
            return WireJSON.page(
                Page(
                    items: page.items.map { AccountBundleView($0, allocation: allocations[$0.account.id]) },
                    nextCursor: page.nextCursor))
        }
        table.add(.get, "/v1/accounts/{id}") { request, context, c in
            WireJSON.item(try await view(try await c.accounts.bundle(try request.id("id", context)), c))
        }
        table.add(.patch, "/v1/accounts/{id}") { request, context, c in
            let id = try request.id("id", context)
            let patch = try await WireJSON.decode(AccountChange.self, from: request, context).checked()
            _ = try await c.accounts.update(id, patch)
            return WireJSON.item(try await view(try await c.accounts.bundle(id), c))
        }
        table.add(.post, "/v1/accounts/{id}/status") { request, context, c in
            let id = try request.id("id", context)
            let status = try await WireJSON.decode(AccountStatusChange.self, from: request, context).checked()
            _ = try await c.accounts.setStatus(id, status)
            return WireJSON.item(try await view(try await c.accounts.bundle(id), c))
        }
        table.add(.delete, "/v1/accounts/{id}") { request, context, c in
            let id = try request.id("id", context)
            if request.query("hard_delete") == "true" {
                try await c.accounts.hardDelete(id, confirmName: request.query("confirm_name") ?? "")
                return WireJSON.response(["status": "deleted", "account_id": JSONValue.string(id.lowercased)])
            }
            _ = try await c.accounts.softDelete(id)
            return WireJSON.response(["status": "suspended", "account_id": JSONValue.string(id.lowercased)])
        }
    }

    /// The bundle as the routes answer it, with the account's copilot allocation (null without one).
    static func view(_ bundle: AccountBundle, _ c: Cockpit) async throws -> AccountBundleView {
        AccountBundleView(bundle, allocation: try await c.credits.accountAllocation(of: bundle.account.id))
    }
}
