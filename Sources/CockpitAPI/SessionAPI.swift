import CockpitCore
import Foundation

/// `POST /v2/login`.
public struct LoginRequest: Codable, Sendable {
    public var username: String
    public var password: String
    public init(username: String, password: String) { (self.username, self.password) = (username, password) }
}

/// What `POST /v2/login` answers: a session token and who it is.
public struct LoginAnswer: Codable, Sendable {
    public var token: String
    public var expiresAt: Date
    public var accountID: UUID?
    public var roles: [String]

    public init(_ login: Authenticator.Login) {
        (token, expiresAt, accountID, roles) = (
            login.token, login.expiresAt, login.accountID, login.roles.map(\.rawValue)
        )
    }
}

/// `GET /v1/me/context`: who the caller is and what it may do.
public struct ContextAnswer: Codable, Sendable {
    /// Null (not absent) for a super-admin who has named no account.
    public var accountID: UUID?
    public var isSuperAdmin: Bool
    public var authProvider: String
    public var roles: [String]
    /// The permissions held, as scope names (`accounts:write`, `console:read`…).
    public var scopes: [String]
    /// `console`, `copilot` or `all`.
    public var productDomainsAllowed: [String]
    public var name: String

    public init(_ p: Principal) {
        (accountID, isSuperAdmin, authProvider, name) = (p.accountID, p.isSuperAdmin, p.method.rawValue, p.name)
        (roles, scopes, productDomainsAllowed) = (
            p.roles.map(\.rawValue).sorted(), Policy.scopeNames(p), p.domainsDescription
        )
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(accountID, forKey: .accountID)
        try c.encode(isSuperAdmin, forKey: .isSuperAdmin)
        try c.encode(authProvider, forKey: .authProvider)
        try c.encode(roles, forKey: .roles)
        try c.encode(scopes, forKey: .scopes)
        try c.encode(productDomainsAllowed, forKey: .productDomainsAllowed)
        try c.encode(name, forKey: .name)
    }

    enum CodingKeys: String, CodingKey {
        case accountID, isSuperAdmin, authProvider, roles, scopes, productDomainsAllowed, name
    }
}

/// `GET /v1/costs/breakdown`: spend grouped by one dimension over some days.
public struct CostsAnswer: Codable, Sendable {
    /// One group.
    public struct Total: Codable, Sendable {
        public var group: String
        public var requests: Int64
        public var promptTokens: Int64
        public var completionTokens: Int64
        public var spend: Double

        public init(_ t: SpendTotal) {
            (group, requests, promptTokens, completionTokens, spend) = (
                t.group, t.requests, t.promptTokens, t.completionTokens, t.cost
            )
        }

        public var total: SpendTotal {
            SpendTotal(
                group: group, requests: requests, promptTokens: promptTokens, completionTokens: completionTokens,
                cost: spend)
        }
    }

    public var by: String
    public var days: Int
    public var totalSpend: Double
    public var items: [Total]

    public init(by: SpendDimension, days: Int, totals: [SpendTotal]) {
        (self.by, self.days, totalSpend, items) = (
            by.rawValue, days, totals.reduce(0) { $0 + $1.cost }, totals.map(Total.init)
        )
    }
}

/// `POST /v2/login/resolve`: an email, and (cockpit's addition) the redirect URI the provider should send back to.
public struct LoginResolveRequest: Codable, Sendable {
    public var email: String?
    public var redirectUri: String?
    public init(email: String, redirectURI: String? = nil) { (self.email, redirectUri) = (email, redirectURI) }
}

/// The answer: `{"method": "password"}`, or `{"method": "sso", "sso_url", "account_id"}` with cockpit's
/// `sso_provider` beside.
public struct LoginResolveAnswer: Codable, Sendable, Equatable {
    public var method: String
    public var ssoURL: String?
    public var accountID: UUID?
    public var ssoProvider: String?

    public init(_ a: LoginResolver.Answer) {
        method = a.method
        if a.method == "sso" { (ssoURL, accountID, ssoProvider) = (a.ssoURL, a.accountID, a.ssoProvider) }
    }
}
