import Foundation

/// An account's SSO provider settings (super-admin): read masked, saved by merging, deleted. Settings whose key ends
/// in `secret` are sealed at rest with the credential secret (LITELLM_SALT_KEY or the master key).
public struct AccountSSOService: Sendable {
    let context: ServiceContext
    init(_ context: ServiceContext) { self.context = context }

    /// Largest settings object accepted, in bytes of JSON (plain and secret settings together).
    public static let maxSettingsBytes = 16_384

    /// The account's settings with secrets masked; an account without settings (or no such account) reads as the
    /// empty row, as the original answers.
    public func get(_ account: UUID) async throws -> AccountSSO {
        try context.reading(.superAdmin)
        return try await context.read(.superAdmin) { tx in
            guard let stored = try AccountSSORepository(tx).get(account: account) else { return .none(account) }
            return try Self.masked(stored, keys: Self.secretKeys(stored.sealed))
        }
    }

    /// Sets the provider and `enabled`, and merges `settings` into the stored ones: null and empty values are
    /// skipped, and so is the mask under a secret key (a form posting back what it read keeps the stored secret).
    public func save(
        _ account: UUID, provider: String?, enabled: Bool, settings: [String: JSONValue]
    ) async throws -> AccountSSO {
        let actor = try context.changing(.superAdmin)
        if let provider, provider.count > 100 {
            throw CockpitError.invalid(field: "sso_provider", reason: "must be at most 100 characters")
        }
        let incoming = settings.filter { key, value in
            value != .null && value != "" && !(AccountSSO.isSecret(key) && value == .string(AccountSSO.mask))
        }
        for (key, value) in incoming where AccountSSO.isSecret(key) && value.stringValue == nil {
            throw CockpitError.invalid(field: "sso_settings.\(key)", reason: "must be a string (it is a secret)")
        }
        let box = context.secretBox
        let now = context.now()
        return try await context.write(.superAdmin) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("Account") }
            let repo = AccountSSORepository(tx)
            let before = try repo.get(account: account)
            var secrets = try Self.open(before?.sealed, box: box)
            var plain = before?.row.settings ?? [:]
            for (key, value) in incoming {
                if AccountSSO.isSecret(key) { secrets[key] = value.stringValue } else { plain[key] = value }
            }
            guard
                (try FastJSONEncoder.encode(JSONValue.object(plain))).count
                    + secrets.reduce(0, { $0 + $1.key.utf8.count + $1.value.utf8.count }) <= Self.maxSettingsBytes
            else {
                throw CockpitError.invalid(
                    field: "sso_settings", reason: "must be at most \(Self.maxSettingsBytes) bytes of JSON")
            }
            let sealed = try Self.seal(secrets, box: box)
            let row = AccountSSO(
                id: before?.row.id ?? UUID(), accountID: account, provider: provider, enabled: enabled,
                settings: plain, createdAt: before?.row.createdAt ?? now, updatedAt: now)
            try AccountSSORepository(try tx.narrowed(to: account)).upsert(.init(row: row, sealed: sealed))
            let after = try Self.masked(.init(row: row, sealed: sealed), keys: Set(secrets.keys))
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .iam, action: "sso.upsert", objectType: "account_sso",
                objectID: account.lowercased,
                before: try before.map { try Self.audit(Self.masked($0, keys: Self.secretKeys($0.sealed))) },
                after: Self.audit(after), at: now)
            return after
        }
    }

    /// Removes the account's settings; false when there were none (or no such account).
    public func delete(_ account: UUID) async throws -> Bool {
        let actor = try context.changing(.superAdmin)
        let now = context.now()
        return try await context.write(.superAdmin) { tx in
            guard try AccountRepository(tx).get(account) != nil else { return false }
            guard try AccountSSORepository(try tx.narrowed(to: account)).delete() else { return false }
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .iam, action: "sso.delete", objectType: "account_sso",
                objectID: account.lowercased, at: now)
            return true
        }
    }
}

extension AccountSSOService {
    /// The row with each secret key shown as the mask.
    static func masked(_ stored: AccountSSORepository.Stored, keys: Set<String>) throws -> AccountSSO {
        var row = stored.row
        for key in keys { row.settings[key] = .string(AccountSSO.mask) }
        return row
    }

    /// The names of the sealed secrets, kept in clear beside the ciphertext (`{"keys": [...], "sealed": "..."}`) so
    /// that reading masked settings needs no key.
    static func secretKeys(_ sealed: String?) throws -> Set<String> {
        guard let sealed, case .object(let o) = try JSONValue.parse(sealed) else { return [] }
        return Set(o["keys"]?.stringArray ?? [])
    }

    /// The secrets in clear (empty when none are stored); needs the credential secret.
    static func open(_ sealed: String?, box: SecretBox?) throws -> [String: String] {
        guard let sealed, case .object(let o) = try JSONValue.parse(sealed), let cipher = o["sealed"]?.stringValue
        else { return [:] }
        guard let box else { throw missingSecret }
        let clear = try JSONValue.parse(try box.open(cipher))
        return (clear.objectValue ?? [:]).compactMapValues { $0.stringValue }
    }

    /// The secrets sealed for storage, with their names beside; nil when there are none.
    static func seal(_ secrets: [String: String], box: SecretBox?) throws -> String? {
        guard !secrets.isEmpty else { return nil }
        guard let box else { throw missingSecret }
        let clear = JSONValue.object(secrets.mapValues(JSONValue.string)).encodedString
        return JSONValue.object([
            "keys": .array(secrets.keys.sorted().map(JSONValue.string)), "sealed": .string(try box.seal(clear)),
        ]).encodedString
    }

    static var missingSecret: CockpitError {
        CockpitError.invalid(
            field: "sso_settings",
            reason: "secrets cannot be stored: set LITELLM_SALT_KEY (or LITELLM_MASTER_KEY) first")
    }

    /// The audit record of a (masked) row.
    static func audit(_ row: AccountSSO) -> JSONValue {
        [
            "sso_provider": row.provider.map(JSONValue.string) ?? .null, "enabled": .bool(row.enabled),
            "sso_settings": .object(row.settings),
        ]
    }
}
