import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/key/*` endpoints. Keys belong to an account: account admins (and the master key or a super-admin
/// naming the account) manage that account's keys; a virtual key may read only its own info.
enum KeyManagementRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/key/generate") { request, context, c in
            let body = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, body)
            let (key, secret) = try await c.keys.generate(account: account, try LiteLLMKey.newKey(body))
            return try LiteLLMCall.reply(LiteLLMKey.object(key, secret: secret))
        }
        table.addLiteLLM(.post, "/key/update") { request, context, c in
            let body = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, body)
            let key = try await c.keys.update(account: account, try body.required("key")) {
                try LiteLLMKey.apply(body, to: &$0)
            }
            return try LiteLLMCall.reply(LiteLLMKey.object(key))
        }
        table.addLiteLLM(.post, "/key/delete") { request, context, c in
            let body = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, body)
            var references = try body.strings("keys") ?? []
            let aliases = try body.strings("key_aliases") ?? []
            let all = aliases.isEmpty ? [] : try await allKeys(c.keys, account)  // read once, not once per alias
            for alias in aliases {
                guard let match = all.first(where: { $0.keyAlias == alias }) else {
                    throw CockpitError.notFound("key with alias \(alias)")
                }
                references.append(match.keyHash)
            }
            guard !references.isEmpty else {
                throw CockpitError.invalid(field: "keys", reason: "must name at least one key")
            }
            // Check every key first, so a bad reference deletes nothing.
            var found: [VirtualKey] = []
            for reference in references { found.append(try await c.keys.find(account: account, reference)) }
            for key in found { try await c.keys.delete(account: account, id: key.id) }
            return try LiteLLMCall.reply(["deleted_keys": .array(references.map(JSONValue.string))])
        }
        table.addLiteLLM(.get, "/key/info") { request, context, c in
            let body = try await LiteLLMCall.fields(request, context)
            let key = try await c.keys.info(account: try await LiteLLMCall.account(c, body), try body.string("key"))
            return try LiteLLMCall.reply(["key": .string(key.keyHash), "info": LiteLLMKey.object(key)])
        }
        table.addLiteLLM(.get, "/key/list") { request, context, c in
            let body = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, body)
            let page = max(1, Int(try body.int("page") ?? 1)), size = min(max(1, Int(try body.int("size") ?? 10)), 100)
            var all = try await allKeys(c.keys, account)
            if let team = try body.uuid("team_id") { all = all.filter { $0.teamID == team } }
            if let user = try body.uuid("user_id") { all = all.filter { $0.userID == user } }
            if let alias = try body.string("key_alias") { all = all.filter { $0.keyAlias == alias } }
            let slice = Array(all.dropFirst((page - 1) * size).prefix(size))
            let full = try body.bool("return_full_object") ?? false
            return try LiteLLMCall.reply([
                "keys": .array(slice.map { full ? LiteLLMKey.object($0) : .string($0.keyHash) }),
                "total_count": .number(Double(all.count)),
                "current_page": .number(Double(page)), "total_pages": .number(Double((all.count + size - 1) / size)),
            ])
        }
        table.addLiteLLM(.post, "/key/{key}/regenerate") { request, context, c in
            let body = try await LiteLLMCall.fields(request, context)
            let reference = try context.parameters.require("key")
            let account = try await LiteLLMCall.account(c, body, key: reference)
            let (key, secret) = try await c.keys.regenerate(account: account, reference)
            return try LiteLLMCall.reply(LiteLLMKey.object(key, secret: secret))
        }
        for (path, blocked) in [("/key/block", true), ("/key/unblock", false)] {
            table.addLiteLLM(.post, path) { request, context, c in
                let body = try await LiteLLMCall.fields(request, context)
                let account = try await LiteLLMCall.account(c, body)
                let key = try await c.keys.find(account: account, try body.required("key"))
                return try LiteLLMCall.reply(
                    LiteLLMKey.object(try await c.keys.setBlocked(account: account, id: key.id, blocked: blocked)))
            }
        }
    }

    static func allKeys(_ keys: KeyService, _ account: UUID) async throws -> [VirtualKey] {
        var out: [VirtualKey] = []
        var page = PageRequest(limit: PageRequest.maxLimit)
        while true {
            let p = try await keys.list(account: account, page: page)
            out += p.items
            guard let next = p.nextCursor else { return out }
            page = PageRequest(limit: PageRequest.maxLimit, cursor: next)
        }
    }
}
