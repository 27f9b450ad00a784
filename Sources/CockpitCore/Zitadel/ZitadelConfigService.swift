import Foundation

/// Reads and replaces an account's Zitadel settings; finds the account of a Zitadel organization.
public struct ZitadelConfigService: Sendable {
    let context: ServiceContext
    package init(_ context: ServiceContext) { self.context = context }

    /// The account's settings (defaults when none are stored).
    public func config(account: UUID) async throws -> ZitadelAccountConfig {
        try context.reading(.superAdmin)
        let account = try await AccountService(context).get(account)
        return ZitadelAccountConfig(metadata: account.metadata["zitadel"])
    }

    /// Replaces the account's settings; `.conflict` when another account already is that Zitadel organization.
    public func setConfig(account: UUID, _ config: ZitadelAccountConfig) async throws -> ZitadelAccountConfig {
        let actor = try context.changing(.superAdmin)
        let clean = try config.validated()
        if !clean.organizationID.isEmpty,
            let other = try await self.account(zitadelOrganizationID: clean.organizationID), other.id != account
        {
            throw CockpitError.conflict(
                "Zitadel organization \(clean.organizationID) already belongs to account \"\(other.name)\"")
        }
        let now = context.now()
        _ = try await AccountService(context).mutate(account, actor: actor, action: "account.zitadel_config") { a in
            var members = a.metadata.objectValue ?? [:]
            members["zitadel"] = clean.metadata
            a.metadata = .object(members)
            a.updatedAt = now
        }
        return clean
    }

    /// What the onboarding of a new account starts from; three nulls and `true` when nothing is stored.
    public func onboardingDefaults() async throws -> ZitadelOnboardingDefaults {
        try context.reading(.superAdmin)
        return try await context.read(.superAdmin) { tx in
            ZitadelOnboardingDefaults(stored: try SystemSettingsRepository(tx).get(Self.defaultsKey))
        }
    }

    /// Replaces the onboarding defaults (texts trimmed, blank ones dropped; ids checked).
    public func setOnboardingDefaults(_ defaults: ZitadelOnboardingDefaults) async throws -> ZitadelOnboardingDefaults {
        let actor = try context.changing(.superAdmin)
        let clean = try defaults.validated()
        let value = clean.wire, now = context.now()
        try await context.write(.superAdmin) { tx in
            let before = try SystemSettingsRepository(tx).get(Self.defaultsKey)
            try SystemSettingsRepository(tx).set(Self.defaultsKey, value, by: actor.name, at: now)
            try AuditRepository(tx).record(
                account: nil, actor: actor, domain: .iam, action: "zitadel.onboarding_defaults.upsert",
                objectType: "system_setting", objectID: Self.defaultsKey, before: ["value": before ?? .null],
                after: ["value": value], at: now)
        }
        return clean
    }

    static let defaultsKey = "zitadel.onboarding_defaults"

    /// The account whose stored Zitadel organization id is `id`, if any. No permission is checked: the `Authenticator`
    /// asks it while it turns a verified Zitadel token into a principal.
    public func account(zitadelOrganizationID id: String) async throws -> Account? {
        try await context.read(.superAdmin) { try AccountRepository($0).find(zitadelOrganizationID: id) }
    }
}
