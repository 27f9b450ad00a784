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
            for alias in aliases {
                let matches = try await c.keys.page(
                    account: account, KeyFilter(alias: alias), page: 1, size: PageRequest.maxLimit
                ).keys
                guard !matches.isEmpty else { throw CockpitError.notFound("key with alias \(alias)") }
                references += matches.map(\.keyHash)
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
            let page = try pageNumber(body, "page", default: 1, max: Int(Int32.max))
            let size = try pageNumber(body, "size", default: 10, max: 100)
            let filter = KeyFilter(
                userID: try body.uuid("user_id"), teamID: try body.uuid("team_id"),
                orgID: try body.uuid("organization_id"), alias: try body.string("key_alias"),
                keyHash: try body.string("key_hash"))
            let (keys, total) = try await c.keys.page(account: account, filter, page: page, size: size)
            let full = try body.bool("return_full_object") ?? false
            return try LiteLLMCall.reply([
                "keys": .array(keys.map { full ? LiteLLMKey.object($0) : .string($0.keyHash) }),
                "total_count": .number(Double(total)), "current_page": .number(Double(page)),
                "total_pages": .number(Double((total + Int64(size) - 1) / Int64(size))),
            ])
        }
        table.addLiteLLM(.post, "/key/{key}/regenerate") { request, context, c in
            let body = try await LiteLLMCall.fields(request, context)
            return try await KeyLongTailRoutes.regenerate(c, body, reference: try context.parameters.require("key"))
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

    /// LiteLLM's `page` (from 1) and `size` (1…`max`): out of range is a 400 naming the field, as LiteLLM's query
    /// validation answers.
    static func pageNumber(_ body: LiteLLMFields, _ name: String, default value: Int, max: Int) throws -> Int {
        guard let n = try body.int(name) else { return value }
        guard n >= 1, n <= Int64(max) else {
            throw CockpitError.invalid(field: name, reason: "must be between 1 and \(max)")
        }
        return Int(n)
    }
}
