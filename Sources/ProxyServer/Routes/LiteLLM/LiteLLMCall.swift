import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// What every LiteLLM management route does first: read the call's fields, find the account and tree it acts in,
/// and the writes that span two services (an entity and its budget row).
enum LiteLLMCall {
    /// The body of a POST (empty body = no fields), merged over the query string. A field LiteLLM documents for the
    /// route that cockpit does not implement is refused (400 naming it); a field the handler never reads is named in
    /// the answer's `x-cockpit-ignored-fields`.
    static func fields(_ request: Request, _ context: CockpitRequestContext) async throws -> LiteLLMFields {
        var fields: [String: JSONValue] = [:]
        for (name, value) in request.uri.queryParameters { fields[String(name)] = .string(String(value)) }
        let buffer = try await RequestBody.collect(request, context)
        if buffer.readableBytes > 0 {
            guard case .object(let body) = try JSONBytes.parse(Array(buffer.readableBytesView)) else {
                throw CockpitError.invalid(field: "body", reason: "must be a JSON object")
            }
            fields.merge(body) { _, body in body }
        }
        let unsupported = LiteLLMUnsupported.fields(path: request.uri.path)
        if let name = fields.keys.sorted().first(where: { unsupported.contains($0) && fields[$0] != .null }) {
            throw CockpitError.badRequest("not supported: \(name) (cockpit does not implement it here)")
        }
        let read = LiteLLMFields(fields: fields)
        context.ignoredFields.addLater { read.unread }
        return read
    }

    /// The fields, account and tree (`domain`, the console tree by default) of a call.
    static func read(
        _ request: Request, _ context: CockpitRequestContext, _ c: Cockpit
    ) async throws -> (LiteLLMFields, UUID, ProductDomain) {
        let b = try await fields(request, context)
        return (b, try await account(c, b), try b.domain())
    }

    /// The caller's account. A caller without one (the master key, a super-admin) names it with `X-Account-Id` or
    /// `account_id`; naming none, it acts where LiteLLM's master key would: in the account owning the key, user, team
    /// or organization the call names (`key`), else in the default account (COCKPIT_DEFAULT_ACCOUNT). Whether the
    /// caller may act there is the core's check.
    static func account(_ c: Cockpit, _ body: LiteLLMFields, key: String? = nil) async throws -> UUID {
        let principal = c.caller
        if let account = principal.accountID {
            if let named = try body.uuid("account_id"), named != account { throw CockpitError.notFound("Account") }
            return account
        }
        if let named = try body.uuid("account_id") { return named }
        if let owner = try await c.owners.owner(of: try references(body, key: key)) { return owner }
        if let fallback = try await c.owners.defaultAccount() { return fallback }
        throw CockpitError.invalid(
            field: "account_id",
            reason: "is required: name the account with X-Account-Id or account_id (this installation has no "
                + "default account: COCKPIT_DEFAULT_ACCOUNT)")
    }

    /// What a call names that belongs to an account, most specific first.
    static func references(_ b: LiteLLMFields, key: String?) throws -> [OwnerLookup.Reference] {
        var found: [OwnerLookup.Reference] = []
        for text in [key, try? b.string("key")].compactMap({ $0 }) + ((try? b.strings("keys")) ?? []) {
            found.append(.key(text))
        }
        if let id = try? b.uuid("user_id") { found.append(.user(id)) }
        if let id = try? b.uuid("team_id") { found.append(.team(id)) }
        if let id = try? b.uuid("organization_id") { found.append(.organization(id)) }
        for id in (try? b.ids("user_ids")) ?? [] { found.append(.user(id)) }
        for id in (try? b.ids("team_ids")) ?? [] { found.append(.team(id)) }
        for id in (try? b.ids("organization_ids")) ?? [] { found.append(.organization(id)) }
        return found
    }

    /// `organization_id`, or the tree's only organization when there is exactly one. A tree without organizations
    /// gets one named `default` (LiteLLM's teams need none; cockpit's hang under an organization).
    static func organization(
        _ b: LiteLLMFields, _ c: Cockpit, _ account: UUID, _ domain: ProductDomain
    ) async throws -> UUID {
        if let id = try b.uuid("organization_id") { return id }
        let orgs = try await c.directory.organizations(account: account, domain: domain, page: PageRequest(limit: 2))
            .items
        if orgs.isEmpty {
            return try await c.directory.createOrganization(account: account, domain: domain, name: "default").id
        }
        guard orgs.count == 1 else {
            throw CockpitError.invalid(
                field: "organization_id", reason: "is required (the tree has \(orgs.count) organizations)")
        }
        return orgs[0].id
    }

    /// Writes the budget row fields the call gives for an organization, team or user (nothing when it gives none).
    static func applyBudget(
        _ b: LiteLLMFields, _ c: Cockpit, account: UUID, domain: ProductDomain, subject: BudgetSubject, id: UUID
    ) async throws {
        guard let change = try LiteLLMBudgetFields.rowChange(b) else { return }
        try await c.budgets.set(account: account, domain: domain, subject: subject, subjectID: id.lowercased, change)
    }

    /// A LiteLLM answer: the bare JSON value, no envelope.
    static func reply(_ value: JSONValue) throws -> Response { GatewayRoutes.json(try FastJSONEncoder.encode(value)) }
}
