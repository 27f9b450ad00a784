import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/key/regenerate` (body form; the path form is in `KeyManagementRoutes`), `/key/bulk_update` and
/// `/key/reset_spend`. The key service checks every permission and value.
enum KeyLongTailRoutes {
    /// The most items one `/key/bulk_update` takes.
    static let maxBulkItems = 500

    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/key/regenerate") { request, context, c in
            let body = try await LiteLLMCall.fields(request, context)
            return try await regenerate(c, body, reference: try body.required("key"))
        }
        table.addLiteLLM(.post, "/key/bulk_update") { request, context, c in
            let body = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, body)
            let items = try bulkItems(body)
            let results = try await c.keys.bulkUpdate(account: account, items.map(\.change))
            var done: [JSONValue] = []
            var failed: [JSONValue] = []
            for (item, result) in zip(items, results) {
                switch result {
                case .success(let key):
                    done.append(["key": .string(item.key), "key_info": LiteLLMKey.object(key)])
                case .failure(let error):
                    failed.append([
                        "key": .string(item.key), "key_info": .null,
                        "failed_reason": .string(GatewayError.from(error).message),
                    ])
                }
            }
            return try LiteLLMCall.reply([
                "total_requested": .number(Double(items.count)), "successful_updates": .array(done),
                "failed_updates": .array(failed),
            ])
        }
        for path in ["/key/reset_spend", "/key/{key}/reset_spend"] {
            table.addLiteLLM(.post, path) { request, context, c in
                let body = try await LiteLLMCall.fields(request, context)
                let reference = try context.parameters.get("key") ?? body.required("key")
                let account = try await LiteLLMCall.account(c, body, key: reference)
                guard body.has("reset_to") else {
                    throw CockpitError.invalid(field: "reset_to", reason: "is required")
                }
                let (key, previous) = try await c.keys.resetSpend(
                    account: account, reference, to: try body.double("reset_to") ?? 0)
                return try LiteLLMCall.reply([
                    "key_hash": .string(key.keyHash), "spend": .number(key.spend), "previous_spend": .number(previous),
                    "max_budget": key.maxBudget.map(JSONValue.number) ?? .null,
                    "budget_reset_at": key.budgetResetAt.map { .string(Timestamp.format($0)) } ?? .null,
                ])
            }
        }
    }

    /// Regenerates the key `reference` names, applying the fields `/key/update` takes that the body gives and the
    /// caller's own new secret (`new_key`).
    static func regenerate(_ c: Cockpit, _ body: LiteLLMFields, reference: String) async throws -> Response {
        let account = try await LiteLLMCall.account(c, body, key: reference)
        let secret = try body.string("new_key")
        // The fields are applied inside the write: a bad one rolls it back, so nothing changes.
        let (key, newSecret) = try await c.keys.regenerate(account: account, reference, secret: secret) {
            try LiteLLMKey.apply(body, to: &$0)
        }
        return try LiteLLMCall.reply(LiteLLMKey.object(key, secret: newSecret))
    }

    /// `keys: [{key, max_budget?, team_id?}]`: each item's key and its change. LiteLLM's `budget_id`, `tags` and
    /// `object_permission` are refused by name for the whole request, before anything changes.
    static func bulkItems(_ body: LiteLLMFields) throws -> [(key: String, change: KeyService.BulkChange)] {
        guard let list = body["keys"]?.arrayValue, !list.isEmpty else {
            throw CockpitError.invalid(field: "keys", reason: "must be a non-empty list of {key, …} objects")
        }
        guard list.count <= maxBulkItems else {
            throw CockpitError.invalid(field: "keys", reason: "may hold at most \(maxBulkItems) items")
        }
        return try list.enumerated().map { index, value in
            guard let object = value.objectValue, let key = object["key"]?.stringValue, !key.isEmpty else {
                throw CockpitError.invalid(field: "keys[\(index)].key", reason: "is required")
            }
            let allowed: Set<String> = ["key", "max_budget", "team_id"]
            if let name = object.keys.sorted().first(where: { !allowed.contains($0) && object[$0] != .null }) {
                throw CockpitError.badRequest(
                    "not supported: keys[\(index)].\(name) (cockpit does not implement it here)")
            }
            let item = LiteLLMFields(fields: object)
            _ = try item.double("max_budget")
            let change = KeyService.BulkChange(reference: key, teamID: try item.uuid("team_id")) { k in
                if item.present("max_budget") { k.maxBudget = try item.double("max_budget") }
                if item.present("team_id") {
                    k.teamID = try item.uuid("team_id")
                    k.domain = nil
                }
            }
            return (key, change)
        }
    }
}
