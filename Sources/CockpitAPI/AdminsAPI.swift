import CockpitCore
import Foundation

/// An admin row as the original writes it (`id`, `account_id`, `user_email`, `role`, `created_at`, `created_by`,
/// `updated_at`), with cockpit's `email` and `has_password` beside.
public struct AdminView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var userEmail: String
    public var role: String
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date
    public var email: String
    public var hasPassword: Bool

    public init(_ a: AccountAdmin) {
        (id, accountID, userEmail, email, role, hasPassword) = (
            a.id, a.accountID, a.email, a.email, a.role, a.hasPassword
        )
        (createdAt, createdBy, updatedAt) = (a.createdAt, a.createdBy, a.updatedAt)
    }

    /// The core's admin.
    public var admin: AccountAdmin {
        AccountAdmin(
            id: id, accountID: accountID, email: userEmail, role: role, hasPassword: hasPassword, createdAt: createdAt,
            createdBy: createdBy, updatedAt: updatedAt)
    }
}

/// `POST /v1/accounts/{id}/admins`: an admin by `user_email` (the original's name; cockpit's `email` is read too),
/// with a password or (without) SSO only, and a role (`account_admin`). An existing admin's role and password are
/// replaced, as in the original.
public struct AdminCreate: Codable, Sendable {
    public var userEmail: String?
    public var email: String?
    public var password: String?
    public var role: String?

    /// The request the cockpit sends: the original's names.
    public init(email: String, password: String?) { (userEmail, self.password) = (email, password) }

    /// The admin's email; required under one of its two names.
    public func checkedEmail() throws -> String {
        guard let email = try WireScope.agreeing(userEmail, email, "user_email", "email") else {
            throw CockpitError.invalid(field: "user_email", reason: "is required")
        }
        return email
    }
}

/// `PATCH /v1/accounts/{id}/admins/{email}`: a new email, a role, a password (`null` removes it: Zitadel sign-in
/// only, cockpit's addition); absent fields stay as they are.
public struct AdminChange: Codable, Sendable, Equatable {
    public var newEmail: String?
    public var role: String?
    public var password: PatchField<String>

    public init(newEmail: String? = nil, role: String? = nil, password: PatchField<String> = .absent) {
        (self.newEmail, self.role, self.password) = (newEmail, role, password)
    }

    /// The request that sets or (nil) removes the password.
    public init(password: String?) { self.init(password: password.map { .value($0) } ?? .null) }
}

/// `PATCH /v1/accounts/{id}/admins/{email}` answers `{"status": "ok", "item": admin}`.
public struct AdminChanged: Codable, Sendable {
    public var status: String
    public var item: AdminView
    public init(_ admin: AccountAdmin) { (status, item) = ("ok", AdminView(admin)) }
}
