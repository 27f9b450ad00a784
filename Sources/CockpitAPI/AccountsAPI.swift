import CockpitCore
import Foundation

/// `POST /v1/accounts`: an account, with its first admin when `admin_email` is given.
public struct AccountCreate: Codable, Sendable {
    public var accountName: String
    public var accountAlias: String?
    public var domain: String
    public var maxBudget: Double?
    public var metadata: JSONValue?
    public var adminEmail: String?
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

/// What `POST /v1/accounts` answers: `{"account_id", "status": "created", "item": bundle}` (the id in both places,
/// as the original's clients read either).
public struct AccountCreated: Codable, Sendable {
    public var accountID: UUID
    public var status: String
    public var item: AccountBundleView

    public init(_ bundle: AccountBundle) {
        (accountID, status, item) = (bundle.account.id, "created", AccountBundleView(bundle))
    }
}

/// `PATCH /v1/accounts/{id}`: as in the original, a field applies when present and not null (null leaves it as it
/// is); `status` is `active` or `suspended`. Cockpit's `clear` lists the fields to remove (`account_alias`,
/// `max_budget`), which the original could not.
public struct AccountChange: Codable, Sendable, Equatable {
    public var accountName: String?
    public var accountAlias: String?
    public var domain: String?
    public var status: String?
    public var maxBudget: Double?
    public var metadata: JSONValue?
    public var clear: [String]?

    /// The fields `clear` may name.
    public static let clearable = ["account_alias", "max_budget"]

    public init(_ p: AccountPatch) {
        (accountName, domain, metadata, status) = (p.name, p.domain, p.metadata, p.status?.rawValue)
        (accountAlias, maxBudget) = (p.alias ?? nil, p.maxBudget ?? nil)
        let cleared = [("account_alias", p.alias == .some(nil)), ("max_budget", p.maxBudget == .some(nil))]
            .compactMap { name, cleared in cleared ? name : nil }
        clear = cleared.isEmpty ? nil : cleared
    }

    /// The core's patch, checked in the original's order.
    public func checked() throws -> AccountPatch {
        let status = try status.map { raw -> AccountStatus in
            guard let s = AccountStatus(rawValue: raw) else {
                throw CockpitError.invalid(field: "status", reason: "must be active or suspended")
            }
            return s
        }
        if let maxBudget, !(maxBudget >= 0) { throw CockpitError.invalid(field: "max_budget", reason: "must be >= 0") }
        let clearing = Set(clear ?? [])
        if let other = clearing.subtracting(Self.clearable).sorted().first {
            throw CockpitError.invalid(
                field: "clear", reason: "names \(other); it takes \(Self.clearable.joined(separator: ", "))")
        }
        let patch = AccountPatch(
            name: accountName, alias: clearing.contains("account_alias") ? .some(nil) : accountAlias.map { .some($0) },
            domain: domain, maxBudget: clearing.contains("max_budget") ? .some(nil) : maxBudget.map { .some($0) },
            metadata: metadata, status: status)
        let empty =
            patch.name == nil && patch.alias == nil && patch.domain == nil && patch.maxBudget == nil
            && patch.metadata == nil && status == nil
        if empty { throw CockpitError.badRequest("No update fields provided") }
        return patch
    }
}

/// `POST /v1/accounts/{id}/status`: `active` or `suspended` (trimmed, any case).
public struct AccountStatusChange: Codable, Sendable {
    public var status: String
    public init(_ status: AccountStatus) { self.status = status.rawValue }

    /// The status asked for.
    public func checked() throws -> AccountStatus {
        guard let s = AccountStatus(rawValue: status.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw CockpitError.invalid(field: "status", reason: "must be active or suspended")
        }
        return s
    }
}
