@testable import CockpitCore
import Foundation

/// A kind of reference a request can carry: an object's id, or a name that finds an object (an email, a key alias, a
/// model name). The tenant walker aims requests at another account by swapping one kind at a time.
enum IDKind: Hashable, Sendable, CustomStringConvertible {
    case account
    case org(ProductDomain), team(ProductDomain), user(ProductDomain), email(ProductDomain), grant(ProductDomain),
        entitlement(ProductDomain)
    case keyID, keyHash, keyAlias
    case modelID, modelName
    case adminEmail
    /// A customer's (end user's) id and a named budget's id: texts the caller chose, unique per account.
    case customerID, budgetID
    /// The id of the account's active copilot budget plan.
    case plan
    /// The id of an override in that plan.
    case creditOverride
    /// The id of a copilot agent.
    case agent
    /// The id of a guardrail preset of a tree.
    case guardrailPreset(ProductDomain)
    /// The code of a guardrail preset of a tree (the trial route's path), and the id of a guardrail pattern.
    case guardrailCode(ProductDomain), guardrailPattern(ProductDomain)
    /// The id of a guardrail assignment of a tree (a preset assigned to the tree's user).
    case guardrailAssignment(ProductDomain)
    /// The id of a copilot marketplace listing.
    case marketplaceListing
    /// The id of a copilot connection.
    case connection

    var description: String {
        switch self {
        case .account: "account id"
        case .org(let d): "\(d.rawValue) org id"
        case .team(let d): "\(d.rawValue) team id"
        case .user(let d): "\(d.rawValue) user id"
        case .email(let d): "\(d.rawValue) user email"
        case .grant(let d): "\(d.rawValue) grant id"
        case .entitlement(let d): "\(d.rawValue) entitlement id"
        case .keyID: "key id"
        case .keyHash: "key hash"
        case .keyAlias: "key alias"
        case .modelID: "stored model id"
        case .modelName: "model name"
        case .adminEmail: "admin email"
        case .customerID: "customer id"
        case .budgetID: "named budget id"
        case .plan: "budget plan id"
        case .creditOverride: "budget override id"
        case .agent: "copilot agent id"
        case .guardrailPreset(let d): "\(d.rawValue) guardrail preset id"
        case .guardrailCode(let d): "\(d.rawValue) guardrail preset code"
        case .guardrailPattern(let d): "\(d.rawValue) guardrail pattern id"
        case .guardrailAssignment(let d): "\(d.rawValue) guardrail assignment id"
        case .marketplaceListing: "marketplace listing id"
        case .connection: "copilot connection id"
        }
    }

    /// A value of this kind that names nothing anywhere: the answer to it is what "not found" looks like.
    func ghost() -> String {
        let fresh = UUID().uuidString.lowercased()
        switch self {
        case .keyHash: return KeyGenerator.hash("sk-ghost-\(fresh)")
        case .keyAlias: return "ghost-alias-\(fresh.prefix(8))"
        case .modelName: return "ghost-model-\(fresh.prefix(8))"
        case .customerID: return "ghost-customer-\(fresh.prefix(8))"
        case .budgetID: return "ghost-budget-\(fresh.prefix(8))"
        case .email, .adminEmail: return "ghost-\(fresh.prefix(8))@ghost.test"
        default: return fresh
        }
    }
}

/// The references one request is built from: a tenant's own, except the kinds replaced (by another account's values or
/// ghosts). It records the kinds a template reads, so the walker learns what to swap without being told.
final class Refs: @unchecked Sendable {
    private let own: [IDKind: String]
    private let swaps: [IDKind: String]
    /// Unique per request: names the objects it creates, so creates do not collide.
    let nonce: String
    private(set) var read: [IDKind] = []

    init(_ own: [IDKind: String], swapping swaps: [IDKind: String] = [:], nonce: String) {
        self.own = own
        self.swaps = swaps
        self.nonce = nonce
    }

    /// The value of `kind` for this request.
    subscript(_ kind: IDKind) -> String {
        if !read.contains(kind) { read.append(kind) }
        if let swapped = swaps[kind] { return swapped }
        guard let value = own[kind] else { preconditionFailure("the walker's tenant has no \(kind)") }
        return value
    }

    /// `[value]` as JSON, for list fields.
    func list(_ kind: IDKind) -> JSONValue { [.string(self[kind])] }
    func json(_ kind: IDKind) -> JSONValue { .string(self[kind]) }

    /// A fresh name for an object the request creates.
    var walkName: JSONValue { .string("walk-\(nonce)") }
}
