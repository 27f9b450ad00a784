import Foundation

/// What it takes to create an account.
public struct NewAccount: Sendable {
    public var name: String
    public var alias: String?
    /// The email domain that routes logins to this account, e.g. `acme.io`.
    public var domain: String
    public var maxBudget: Double?
    public var metadata: JSONValue?
    /// The first account admin; nil creates the account without one (a super-admin adds admins later).
    public var adminEmail: String?
    /// The first admin's password for local login; nil when the admin signs in through SSO only.
    public var adminPassword: String?

    public init(
        name: String, alias: String? = nil, domain: String, maxBudget: Double? = nil, metadata: JSONValue? = nil,
        adminEmail: String?, adminPassword: String? = nil
    ) {
        self.name = name
        self.alias = alias
        self.domain = domain
        self.maxBudget = maxBudget
        self.metadata = metadata
        self.adminEmail = adminEmail
        self.adminPassword = adminPassword
    }
}

/// A partial change to an account: nil leaves a field as it is; `.some(nil)` clears an optional field.
public struct AccountPatch: Sendable {
    public var name: String?
    public var alias: String??
    public var domain: String?
    public var maxBudget: Double??
    public var metadata: JSONValue?
    /// Suspends or (`.active`) restores the account, as `AccountService.setStatus` does.
    public var status: AccountStatus?

    public init(
        name: String? = nil, alias: String?? = nil, domain: String? = nil, maxBudget: Double?? = nil,
        metadata: JSONValue? = nil, status: AccountStatus? = nil
    ) {
        (self.name, self.alias, self.domain, self.maxBudget, self.metadata, self.status) = (
            name, alias, domain, maxBudget, metadata, status
        )
    }
}

/// An account with its admins and its organizations per domain, as the detail views show it.
public struct AccountBundle: Sendable, Equatable {
    public var account: Account
    public var admins: [AccountAdmin]
    public var organizationCounts: [ProductDomain: Int]
    /// The SSO settings, secrets masked; nil when the account has none.
    public var sso: AccountSSO?

    public init(
        account: Account, admins: [AccountAdmin], organizationCounts: [ProductDomain: Int], sso: AccountSSO? = nil
    ) {
        (self.account, self.admins, self.organizationCounts, self.sso) = (account, admins, organizationCounts, sso)
    }
}
