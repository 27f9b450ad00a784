import CockpitCore
import Foundation

/// Scopes on the wire as the original writes them: `scope_type` (`account`, `org`, `team`, `user`) and a
/// `scope_id` that is free text (the account's own id for `account`; an id that names nothing is a 404 naming the
/// tree and kind, never a 400).
public enum WireScope {
    static let kinds = ["account", "org", "team", "user"]

    /// The scope a body names, from the original's `scope_type` or cockpit's `scope` (they must agree), `account`
    /// when neither is sent.
    public static func parse(
        type: String?, legacy: String?, id: String?, account: UUID, domain: ProductDomain
    ) throws -> GrantScope {
        let kind = try agreeing(type, legacy, "scope_type", "scope") ?? "account"
        guard kinds.contains(kind) else {
            throw CockpitError.invalid(field: "scope_type", reason: "must be one of: \(kinds.joined(separator: ","))")
        }
        let text = id?.trimmingCharacters(in: .whitespaces) ?? ""
        if kind == "account" {
            guard text.isEmpty || UUID(uuidString: text) == account else {
                throw CockpitError.invalid(field: "account scope_id", reason: "must match current account_id")
            }
            return .account
        }
        guard !text.isEmpty else { throw CockpitError.invalid(field: "scope_id", reason: "is required") }
        guard let uuid = UUID(uuidString: text) else { throw CockpitError.notFound("\(domain.rawValue) \(kind)") }
        return try GrantScope.parse(kind: kind, id: uuid)
    }

    /// The original's 400 when a body's `domain` is not the route's tree.
    public static func checkDomain(_ body: String?, route: ProductDomain) throws {
        guard let body, body != route.rawValue else { return }
        throw CockpitError.invalid(field: "domain", reason: "must be \(route.rawValue)")
    }

    /// One value sent under two names: either, or both when equal.
    public static func agreeing(_ a: String?, _ b: String?, _ nameA: String, _ nameB: String) throws -> String? {
        if let a, let b, a != b { throw CockpitError.invalid(field: nameA, reason: "and \(nameB) differ; send one") }
        return a ?? b
    }

    /// The `scope_id` the original writes: the account's id for the account scope.
    public static func id(_ scope: GrantScope, account: UUID) -> String { (scope.subjectID ?? account).lowercased }

    /// A stored scope back from its kind and id text.
    public static func scope(_ kind: String, _ id: String) throws -> GrantScope {
        try GrantScope.parse(kind: kind, id: kind == "account" ? nil : UUID(uuidString: id))
    }

    /// `{"scope_type", "scope_id"}`.
    public struct Ref: Codable, Sendable, Equatable {
        public var scopeType: String
        public var scopeID: String

        public init(_ scope: GrantScope, account: UUID) {
            (scopeType, scopeID) = (scope.kind, WireScope.id(scope, account: account))
        }

        /// The organization, team or user id; nil for the account.
        public var subjectID: UUID? { scopeType == "account" ? nil : UUID(uuidString: scopeID) }

        /// An effective answer's deciding scope (`resolved_from`, nil when none decided) and the scopes it walked.
        public static func resolution(_ access: EffectiveAccess, account: UUID) -> (Ref?, [Ref]) {
            (
                access.candidates.first.map { Ref($0.scope, account: account) },
                access.resolutionOrder.map { Ref($0, account: account) }
            )
        }
    }
}
