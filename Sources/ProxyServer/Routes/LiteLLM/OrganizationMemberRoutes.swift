import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/organization/member_add` (POST), `/organization/member_update` (PATCH, or POST) and
/// `/organization/member_delete` (DELETE, or POST). Members are named by `user_id` or `user_email` (an unknown email
/// becomes a new user of the tree, as LiteLLM creates one); roles are `internal_user` and `internal_user_viewer`.
enum OrganizationMemberRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/organization/member_add") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let org = try b.requiredID("organization_id")
            guard let raw = b["member"], raw != .null else {
                throw CockpitError.invalid(field: "member", reason: "is required")
            }
            var members: [(UUID, OrganizationMemberRole)] = []
            var users: [User] = []
            for item in raw.arrayValue ?? [raw] {
                let user = try await resolve(item, c, account, domain)
                users.append(user)
                members.append((user.id, try role(item["role"]?.stringValue ?? "internal_user")))
            }
            let saved = try await c.directory.setOrganizationMembers(
                account: account, domain: domain, orgID: org, members)
            return try LiteLLMCall.reply([
                "organization_id": .string(org.lowercased),
                "updated_users": .array(users.map { LiteLLMObjects.user($0, nil) }),
                "updated_organization_memberships": .array(saved.map(object)),
            ])
        }
        for method in [HTTPRequest.Method.patch, .post] {
            table.addLiteLLM(method, "/organization/member_update") { request, context, c in
                let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
                let org = try b.requiredID("organization_id")
                let user = try await resolve(named(b), c, account, domain, create: false)
                let saved = try await c.directory.setOrganizationMembers(
                    account: account, domain: domain, orgID: org,
                    [(user.id, try role(try b.string("role") ?? "internal_user"))])
                return try LiteLLMCall.reply(object(saved[0]))
            }
        }
        for method in [HTTPRequest.Method.delete, .post] {
            table.addLiteLLM(method, "/organization/member_delete") { request, context, c in
                let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
                let org = try b.requiredID("organization_id")
                let user = try await resolve(named(b), c, account, domain, create: false)
                let removed = try await c.directory.removeOrganizationMember(
                    account: account, domain: domain, orgID: org, userID: user.id)
                var answer =
                    removed.map(object)?.objectValue
                    ?? ["user_id": .string(user.id.lowercased), "organization_id": .string(org.lowercased)]
                answer["deleted"] = .bool(removed != nil)
                return try LiteLLMCall.reply(.object(answer))
            }
        }
    }

    /// The member a top-level body names (`user_id` or `user_email`).
    static func named(_ b: LiteLLMFields) -> JSONValue {
        .object(
            ["user_id": b["user_id"] ?? .null, "user_email": b["user_email"] ?? .null].filter { $0.value != .null })
    }

    /// A member's role; LiteLLM's `org_admin` is refused by name (cockpit's organization admins are a tree role).
    static func role(_ text: String) throws -> OrganizationMemberRole {
        if text == "org_admin" {
            throw CockpitError.badRequest(
                "not supported: role org_admin (cockpit's organization admins administer every organization of the "
                    + "tree: give the user the org-admin role with /user/update)")
        }
        guard let role = OrganizationMemberRole(rawValue: text) else {
            throw CockpitError.invalid(field: "role", reason: "must be internal_user or internal_user_viewer")
        }
        return role
    }

    /// The user a member entry names: `user_id`, else `user_email` (created when unknown and `create`).
    static func resolve(
        _ item: JSONValue, _ c: Cockpit, _ account: UUID, _ domain: ProductDomain, create: Bool = true
    ) async throws -> User {
        guard let fields = item.objectValue else {
            throw CockpitError.invalid(field: "member", reason: "must be an object or a list of objects")
        }
        if let extra = fields.keys.sorted().first(where: { !["user_id", "user_email", "role"].contains($0) }) {
            throw CockpitError.invalid(field: "member.\(extra)", reason: "is not a field of a member")
        }
        if let text = fields["user_id"]?.stringValue {
            return try await c.directory.user(
                account: account, domain: domain, id: UUID(uuidString: text) ?? .unmatched)
        }
        guard let email = fields["user_email"]?.stringValue else {
            throw CockpitError.invalid(field: "user_id", reason: "or user_email is required")
        }
        if !create,
            let found = try await c.directory.searchUsers(account: account, domain: domain, prefix: email, limit: 5)
                .first(where: { $0.email == email.lowercased() })
        {
            return found
        }
        guard create else { throw CockpitError.notFound("\(domain.rawValue) user") }
        return try await c.directory.upsertUser(account: account, domain: domain, UserInput(email: email)).user
    }

    /// LiteLLM's membership row.
    static func object(_ m: OrganizationMembership) -> JSONValue {
        [
            "user_id": .string(m.userID.lowercased), "organization_id": .string(m.orgID.lowercased),
            "user_role": .string(m.role.rawValue), "created_at": .string(Timestamp.format(m.createdAt)),
            "updated_at": .string(Timestamp.format(m.updatedAt)),
        ]
    }
}
