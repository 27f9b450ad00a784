import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// What every LiteLLM management route does first: read the call's fields, find the account and tree it acts in,
/// and the writes that span two services (an entity and its budget row).
enum LiteLLMCall {
    /// The body of a POST (empty body = no fields), merged over the query string.
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
        return LiteLLMFields(fields: fields)
    }

    /// The fields, account and tree (`domain`, the console tree by default) of a call.
    static func read(
        _ request: Request, _ context: CockpitRequestContext, _ principal: Principal
    ) async throws -> (LiteLLMFields, UUID, ProductDomain) {
        let b = try await fields(request, context)
        return (b, try account(principal, b), try b.domain())
    }

    /// The caller's account; a caller without one (a super-admin) names it with `X-Account-Id` or `account_id`.
    /// Whether the caller may act there is the core's check.
    static func account(_ principal: Principal, _ body: LiteLLMFields) throws -> UUID {
        if let account = principal.accountID {
            if let named = try body.uuid("account_id"), named != account { throw CockpitError.notFound("Account") }
            return account
        }
        guard let named = try body.uuid("account_id") else {
            throw CockpitError.invalid(
                field: "account_id", reason: "is required: name the account with X-Account-Id or account_id")
        }
        return named
    }

    /// `organization_id`, or the tree's only organization when there is exactly one.
    static func organization(
        _ b: LiteLLMFields, _ c: Cockpit, _ account: UUID, _ domain: ProductDomain
    ) async throws -> UUID {
        if let id = try b.uuid("organization_id") { return id }
        let orgs = try await c.directory.organizations(account: account, domain: domain, page: PageRequest(limit: 2))
            .items
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
