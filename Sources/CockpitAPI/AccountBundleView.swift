import CockpitCore
import Foundation

/// An account as the original's `/v1/accounts` routes answer it: the account's own fields flat (`account_id`,
/// `account_name`, …), its admins newest first, the masked SSO settings, the copilot allocation (`{monthly_credits,
/// overflow_limit, credit_factor, effective_from, updated_at}`, null without one), the feature pack, console model
/// policy and Zitadel settings; with cockpit's `organization_counts`, `updated_by` and `deleted_at` beside.
public struct AccountBundleView: Codable, Sendable {
    public var accountID: UUID
    public var accountName: String
    public var accountAlias: String?
    public var domain: String
    public var status: AccountStatus
    public var metadata: JSONValue
    public var maxBudget: Double?
    public var spend: Double
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date
    public var updatedBy: String
    public var deletedAt: Date?
    public var admins: [AdminView]
    public var ssoConfig: SSOView?
    public var allocation: JSONValue?
    public var featurePack: FeaturePack
    public var consoleModelPolicy: PolicyView
    public var zitadelConfig: JSONValue
    public var organizationCounts: [String: Int]

    /// The bundle with the account's copilot allocation, when it has one.
    public init(_ b: AccountBundle, allocation: AccountCreditAllocation?) {
        self.init(b)
        self.allocation = allocation.map { CopilotAllocationView($0).json }
    }

    public init(_ b: AccountBundle) {
        let a = b.account
        (accountID, accountName, accountAlias, domain, status) = (a.id, a.name, a.alias, a.domain, a.status)
        (metadata, maxBudget, spend, deletedAt) = (a.metadata, a.maxBudget, a.spend, a.deletedAt)
        (createdAt, createdBy, updatedAt, updatedBy) = (a.createdAt, a.createdBy, a.updatedAt, a.updatedBy)
        (admins, ssoConfig, allocation) = (b.admins.map(AdminView.init), b.sso.map(SSOView.init), nil)
        featurePack = AccountService.featurePack(from: a.metadata)
        consoleModelPolicy = PolicyView(AccountService.policy(from: a.metadata))
        zitadelConfig = a.metadata["zitadel"] ?? .emptyObject
        organizationCounts = Dictionary(uniqueKeysWithValues: b.organizationCounts.map { ($0.key.rawValue, $0.value) })
    }

    /// The core's account.
    public var account: Account {
        Account(
            id: accountID, name: accountName, alias: accountAlias, domain: domain, status: status, deletedAt: deletedAt,
            metadata: metadata, maxBudget: maxBudget, spend: spend, createdAt: createdAt, updatedAt: updatedAt,
            createdBy: createdBy, updatedBy: updatedBy)
    }

    /// Fields that may be null are written as null, as the original's clients read them.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(accountID, forKey: .accountID)
        try c.encode(accountName, forKey: .accountName)
        try c.encode(accountAlias, forKey: .accountAlias)
        try c.encode(domain, forKey: .domain)
        try c.encode(status, forKey: .status)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(maxBudget, forKey: .maxBudget)
        try c.encode(spend, forKey: .spend)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(updatedBy, forKey: .updatedBy)
        try c.encode(deletedAt, forKey: .deletedAt)
        try c.encode(admins, forKey: .admins)
        try c.encode(ssoConfig, forKey: .ssoConfig)
        try c.encode(allocation, forKey: .allocation)
        try c.encode(featurePack, forKey: .featurePack)
        try c.encode(consoleModelPolicy, forKey: .consoleModelPolicy)
        try c.encode(zitadelConfig, forKey: .zitadelConfig)
        try c.encode(organizationCounts, forKey: .organizationCounts)
    }

    enum CodingKeys: String, CodingKey {
        case accountID, accountName, accountAlias, domain, status, metadata, maxBudget, spend, createdAt, createdBy
        case updatedAt, updatedBy, deletedAt, admins, ssoConfig, allocation, featurePack, consoleModelPolicy
        case zitadelConfig, organizationCounts
    }
}
