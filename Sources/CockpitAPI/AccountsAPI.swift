import CockpitCore
import Foundation

/// `POST /v1/accounts`: an account with its first admin.
public struct AccountCreate: Codable, Sendable {
    public var accountName: String
    public var accountAlias: String?
    public var domain: String
    public var maxBudget: Double?
    public var metadata: JSONValue?
    public var adminEmail: String
    public var adminPassword: String?

    public init(_ a: NewAccount) {
        (accountName, accountAlias, domain, maxBudget, metadata) = (a.name, a.alias, a.domain, a.maxBudget, a.metadata)
        (adminEmail, adminPassword) = (a.adminEmail, a.adminPassword)
    }

    /// The core's input.
    public var input: NewAccount {
        NewAccount(
            name: accountName, alias: accountAlias, domain: domain, maxBudget: maxBudget, metadata: metadata,
            adminEmail: adminEmail, adminPassword: adminPassword)
    }
}

/// `PATCH /v1/accounts/{id}`: only the fields present change; `null` clears the alias and the budget.
public struct AccountChange: Codable, Sendable, Equatable {
    public var accountName: PatchField<String>
    public var accountAlias: PatchField<String>
    public var domain: PatchField<String>
    public var maxBudget: PatchField<Double>
    public var metadata: PatchField<JSONValue>

    public init(_ p: AccountPatch) {
        (accountName, accountAlias, domain) = (
            PatchField(given: p.name), PatchField(p.alias), PatchField(given: p.domain)
        )
        (maxBudget, metadata) = (PatchField(p.maxBudget), PatchField(given: p.metadata))
    }

    /// The core's patch; a `null` name, domain or metadata is refused by name.
    public func patch() throws -> AccountPatch {
        AccountPatch(
            name: try accountName.required("account_name"), alias: accountAlias.change,
            domain: try domain.required("domain"), maxBudget: maxBudget.change,
            metadata: try metadata.required("metadata"))
    }
}

/// `PATCH /v1/accounts/{id}/admins/{email}`: the admin's password, `null` to remove it (Zitadel sign-in only).
public struct AdminChange: Codable, Sendable, Equatable {
    public var password: PatchField<String>

    public init(password: String?) { self.password = password.map { .value($0) } ?? .null }
}

/// What `POST /v1/accounts` and `GET /v1/accounts/{id}` answer: the account with its admins, organization counts per
/// tree, feature pack, console model policy and Zitadel settings.
public struct AccountBundleView: Codable, Sendable {
    public var account: Account
    public var admins: [AccountAdmin]
    public var organizationCounts: [String: Int]
    public var featurePack: FeaturePack
    public var consoleModelPolicy: PolicyView
    public var zitadel: JSONValue
    /// The SSO settings, secrets masked; null when none.
    public var ssoConfig: SSOView?

    public init(_ b: AccountBundle) {
        ssoConfig = b.sso.map(SSOView.init)
        (account, admins) = (b.account, b.admins)
        organizationCounts = Dictionary(uniqueKeysWithValues: b.organizationCounts.map { ($0.key.rawValue, $0.value) })
        featurePack = AccountService.featurePack(from: b.account.metadata)
        consoleModelPolicy = PolicyView(AccountService.policy(from: b.account.metadata))
        zitadel = b.account.metadata["zitadel"] ?? .emptyObject
    }
}

/// `POST /v1/accounts/{id}/status`: `active` or `suspended`.
public struct AccountStatusChange: Codable, Sendable {
    public var status: String
    public init(_ status: AccountStatus) { self.status = status.rawValue }
}

/// `POST /v1/accounts/{id}/admins`: an admin, with a password or (without) SSO only.
public struct AdminCreate: Codable, Sendable {
    public var email: String
    public var password: String?
    public init(email: String, password: String?) { (self.email, self.password) = (email, password) }
}

/// `PUT /v1/accounts/{id}/console-model-policy`: models allowed and denied across the console tree, under the
/// original's names (`allow_models`, `deny_models`) or cockpit's earlier ones (`allow`, `deny`; both must agree).
public struct PolicyReplace: Codable, Sendable {
    public var allowModels: [String]?
    public var denyModels: [String]?
    public var allow: [String]?
    public var deny: [String]?

    /// The request the cockpit sends: the original's names.
    public init(_ p: ConsoleModelPolicy) { (allowModels, denyModels) = (p.allow, p.deny) }

    /// The policy; absent lists are empty.
    public func policy() throws -> ConsoleModelPolicy {
        func one(_ a: [String]?, _ b: [String]?, _ name: String, _ other: String) throws -> [String] {
            if let a, let b, a != b { throw CockpitError.invalid(field: name, reason: "and \(other) differ; send one") }
            return a ?? b ?? []
        }
        return ConsoleModelPolicy(
            allow: try one(allowModels, allow, "allow_models", "allow"),
            deny: try one(denyModels, deny, "deny_models", "deny"))
    }
}

/// The console model policy as the original writes it.
public struct PolicyView: Codable, Sendable, Equatable {
    public var allowModels: [String]
    public var denyModels: [String]
    public init(_ p: ConsoleModelPolicy) { (allowModels, denyModels) = (p.allow, p.deny) }
    public var policy: ConsoleModelPolicy { ConsoleModelPolicy(allow: allowModels, deny: denyModels) }
}

/// `GET` and `PUT /v1/accounts/{id}/console-model-policy`: `{"console_model_policy"}`, with `status: ok` after a PUT.
public struct PolicyAnswer: Codable, Sendable {
    public var status: String?
    public var consoleModelPolicy: PolicyView
    public init(_ p: ConsoleModelPolicy, saved: Bool = false) {
        (status, consoleModelPolicy) = (saved ? "ok" : nil, PolicyView(p))
    }
}

/// `PUT /v1/accounts/{id}/feature-pack`: feature codes and a configuration object (absent: empty).
public struct FeaturePackReplace: Codable, Sendable {
    public var features: [String]?
    public var config: JSONValue?
    public init(_ p: FeaturePack) { (features, config) = (p.features, p.config) }
    public var pack: FeaturePack { FeaturePack(features: features ?? [], config: config ?? .emptyObject) }
}

/// `GET` and `PUT /v1/accounts/{id}/feature-pack`: `{"feature_pack"}`, with `status: ok` after a PUT.
public struct FeaturePackAnswer: Codable, Sendable {
    public var status: String?
    public var featurePack: FeaturePack
    public init(_ p: FeaturePack, saved: Bool = false) { (status, featurePack) = (saved ? "ok" : nil, p) }
}

/// `POST /v1/super/models/upsert`: a global model (`id` replaces that one). Credentials go in `litellm_params.api_key`
/// and never come out.
public struct CatalogUpsert: Codable, Sendable {
    public var id: String?
    public var modelName: String
    public var litellmParams: JSONValue
    public var modelInfo: JSONValue?
    public var visibleToAll: Bool?

    public init(_ m: ModelInput) {
        var params: [String: JSONValue] = ["model": .string(m.providerModel)]
        if let base = m.apiBase { params["api_base"] = .string(base) }
        if let version = m.apiVersion { params["api_version"] = .string(version) }
        if let key = m.apiKey { params["api_key"] = .string(key) }
        (id, modelName, litellmParams, modelInfo, visibleToAll) = (
            m.id?.lowercased, m.modelName, .object(params), m.modelInfo, m.visibleToAll
        )
    }
}
