import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/key/*` endpoints. Keys belong to an account: account admins (and the master key or a super-admin
/// naming the account) manage that account's keys; a virtual key may read only its own info.
enum KeyManagementRoutes {
    static func register(_ table: RouteTable, cockpit: Cockpit) {
        let keys = cockpit.keys
        table.addLiteLLM(.post, "/key/generate", .manageKeys) { request, context, principal in
            let body = try await LiteLLMBody.read(request, context)
            let account = try LiteLLMAccount.of(principal, body)
            let (key, secret) = try await keys.generate(account: account, try KeyWire.newKey(body), actor: principal.actor())
            return try reply(KeyWire.object(key, secret: secret))
        }
        table.addLiteLLM(.post, "/key/update", .manageKeys) { request, context, principal in
            let body = try await LiteLLMBody.read(request, context)
            let account = try LiteLLMAccount.of(principal, body)
            let key = try await keys.update(account: account, try required(body, "key"), actor: principal.actor()) { try KeyWire.apply(body, to: &$0) }
            return try reply(KeyWire.object(key))
        }
        table.addLiteLLM(.post, "/key/delete", .manageKeys) { request, context, principal in
            let body = try await LiteLLMBody.read(request, context)
            let account = try LiteLLMAccount.of(principal, body)
            var references = try body.strings("keys") ?? []
            let aliases = try body.strings("key_aliases") ?? []
            let all = aliases.isEmpty ? [] : try await allKeys(keys, account)  // read once, not once per alias
            for alias in aliases {
                guard let match = all.first(where: { $0.keyAlias == alias }) else { throw CockpitError.notFound("key with alias \(alias)") }
                references.append(match.keyHash)
            }
            guard !references.isEmpty else { throw CockpitError.invalid(field: "keys", reason: "must name at least one key") }
            // Check every key first, so a bad reference deletes nothing.
            var found: [VirtualKey] = []
            for reference in references { found.append(try await keys.find(account: account, reference)) }
            for key in found { try await keys.delete(account: account, id: key.id, actor: principal.actor()) }
            return try reply(["deleted_keys": .array(references.map(JSONValue.string))])
        }
        table.addLiteLLM(.get, "/key/info", .authenticated) { request, context, principal in
            let body = try await LiteLLMBody.read(request, context)
            let key = try await visibleKey(principal, body, keys)
            return try reply(["key": .string(key.keyHash), "info": KeyWire.object(key)])
        }
        table.addLiteLLM(.get, "/key/list", .manageKeys) { request, context, principal in
            let body = try await LiteLLMBody.read(request, context)
            let account = try LiteLLMAccount.of(principal, body)
            let page = max(1, Int(try body.int("page") ?? 1)), size = min(max(1, Int(try body.int("size") ?? 10)), 100)
            var all = try await allKeys(keys, account)
            if let team = try body.uuid("team_id") { all = all.filter { $0.teamID == team } }
            if let user = try body.uuid("user_id") { all = all.filter { $0.userID == user } }
            if let alias = try body.string("key_alias") { all = all.filter { $0.keyAlias == alias } }
            let slice = Array(all.dropFirst((page - 1) * size).prefix(size))
            let full = try body.bool("return_full_object") ?? false
            return try reply(["keys": .array(slice.map { full ? KeyWire.object($0) : .string($0.keyHash) }), "total_count": .number(Double(all.count)),
                              "current_page": .number(Double(page)), "total_pages": .number(Double((all.count + size - 1) / size))])
        }
        table.addLiteLLM(.post, "/key/{key}/regenerate", .manageKeys) { request, context, principal in
            let body = try await LiteLLMBody.read(request, context)
            let account = try LiteLLMAccount.of(principal, body)
            let (key, secret) = try await keys.regenerate(account: account, try context.parameters.require("key"), actor: principal.actor())
            return try reply(KeyWire.object(key, secret: secret))
        }
        for (path, blocked) in [("/key/block", true), ("/key/unblock", false)] {
            table.addLiteLLM(.post, path, .manageKeys) { request, context, principal in
                let body = try await LiteLLMBody.read(request, context)
                let account = try LiteLLMAccount.of(principal, body)
                let key = try await keys.find(account: account, try required(body, "key"))
                return try reply(KeyWire.object(try await keys.setBlocked(account: account, id: key.id, blocked: blocked, actor: principal.actor())))
            }
        }
    }

    /// `/key/info`: a virtual key sees itself only; admins see any key of their account.
    private static func visibleKey(_ principal: Principal, _ body: LiteLLMBody, _ keys: KeyService) async throws -> VirtualKey {
        // The account in force, refusing another account named in `account_id` (404) as every LiteLLM route does.
        let account = try LiteLLMAccount.of(principal, body)
        guard principal.accountID != nil else { return try await keys.find(account: account, required(body, "key")) }
        if let own = principal.keyID, principal.method == .virtualKey {
            let key = try await keys.find(account: account, own.lowercased)
            if let asked = try body.string("key"), try await keys.find(account: account, asked).id != own {
                throw CockpitError.forbidden("a key may only read its own info")
            }
            return key
        }
        try Policy.check(principal, .manageKeys)
        return try await keys.find(account: account, try required(body, "key"))
    }

    static func required(_ body: LiteLLMBody, _ name: String) throws -> String {
        guard let value = try body.string(name), !value.isEmpty else { throw CockpitError.invalid(field: name, reason: "is required") }
        return value
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

    static func reply(_ value: JSONValue) throws -> Response { GatewayRoutes.json(try FastJSONEncoder.encode(value)) }
}
