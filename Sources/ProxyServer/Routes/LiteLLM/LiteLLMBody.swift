import CockpitCore
import Foundation
import Hummingbird

/// A LiteLLM management request's JSON body (or query), read field by field with LiteLLM's names; a field of the
/// wrong type is a 400 naming it. Fields a route does not know are ignored, as LiteLLM does.
struct LiteLLMBody: Sendable {
    let fields: [String: JSONValue]

    init(fields: [String: JSONValue]) { self.fields = fields }

    /// The body of a POST (empty body = no fields), merged over the query string.
    static func read(_ request: Request, _ context: CockpitRequestContext) async throws -> LiteLLMBody {
        var fields: [String: JSONValue] = [:]
        for (name, value) in request.uri.queryParameters { fields[String(name)] = .string(String(value)) }
        let buffer = try await RequestBody.collect(request, context)
        if buffer.readableBytes > 0 {
            guard case .object(let body) = try JSONBytes.parse(Array(buffer.readableBytesView)) else {
                throw CockpitError.invalid(field: "body", reason: "must be a JSON object")
            }
            fields.merge(body) { _, body in body }
        }
        return LiteLLMBody(fields: fields)
    }

    func has(_ name: String) -> Bool { fields[name] != nil && fields[name] != .null }

    func string(_ name: String) throws -> String? {
        switch fields[name] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw CockpitError.invalid(field: name, reason: "must be a string")
        }
    }

    func double(_ name: String) throws -> Double? {
        switch fields[name] {
        case nil, .null?: return nil
        case .number(let n)?: guard n.isFinite else { break }; return n
        case .string(let s)?: if let n = Double(s), n.isFinite { return n }
        default: break
        }
        throw CockpitError.invalid(field: name, reason: "must be a number")
    }

    func int(_ name: String) throws -> Int64? {
        guard let d = try double(name) else { return nil }
        guard d.rounded() == d, abs(d) < 1e15 else {
            throw CockpitError.invalid(field: name, reason: "must be a whole number")
        }
        return Int64(d)
    }

    func bool(_ name: String) throws -> Bool? {
        switch fields[name] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case .string("true")?: return true
        case .string("false")?: return false
        default: throw CockpitError.invalid(field: name, reason: "must be true or false")
        }
    }

    func strings(_ name: String) throws -> [String]? {
        switch fields[name] {
        case nil, .null?: return nil
        case .array(let a)?:
            return try a.map {
                guard let s = $0.stringValue else {
                    throw CockpitError.invalid(field: name, reason: "must be a list of strings")
                }; return s
            }
        case .string(let s)?: return s.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        default: throw CockpitError.invalid(field: name, reason: "must be a list of strings")
        }
    }

    func uuid(_ name: String) throws -> UUID? {
        guard let s = try string(name), !s.isEmpty else { return nil }
        guard let id = UUID(uuidString: s) else {
            throw CockpitError.invalid(field: name, reason: "must be an id of this account (a UUID)")
        }
        return id
    }

    func object(_ name: String) throws -> JSONValue? {
        switch fields[name] {
        case nil, .null?: return nil
        case .object?: return fields[name]
        default: throw CockpitError.invalid(field: name, reason: "must be an object")
        }
    }

    /// `duration` (`30s`, `1h`, `30d`…) as an instant from now.
    func expiry(_ name: String = "duration", now: Date = Date()) throws -> Date? {
        guard let text = try string(name) else { return nil }
        return now.addingTimeInterval(try BudgetPeriod(text, field: name).length)
    }

    /// The tree a management call works on: `domain` when given (`console` or `copilot`), else the console tree.
    func domain() throws -> ProductDomain {
        guard let raw = try string("domain") else { return .console }
        guard let d = ProductDomain(rawValue: raw) else {
            throw CockpitError.invalid(field: "domain", reason: "must be console or copilot")
        }
        return d
    }
}

/// How the LiteLLM management routes find the account they act in.
enum LiteLLMAccount {
    /// The caller's account; a caller without one (a super-admin) names it with `X-Account-Id` or `account_id`. Whether
    /// the caller may act there is the core's check.
    static func of(_ principal: Principal, _ body: LiteLLMBody) throws -> UUID {
        if let account = principal.accountID {
            if let named = try body.uuid("account_id"), named != account { throw CockpitError.notFound("account") }
            return account
        }
        guard let named = try body.uuid("account_id") else {
            throw CockpitError.invalid(
                field: "account_id", reason: "is required: name the account with X-Account-Id or account_id")
        }
        return named
    }
}
