import Foundation

extension DirectoryService {
    /// Adds users to an organization of the tree, or changes their role there (LiteLLM's `/organization/member_add`
    /// and `member_update`); all in one transaction, each change audited. 404 for an unknown organization or user.
    public func setOrganizationMembers(
        account: UUID, domain: ProductDomain, orgID: UUID, _ members: [(userID: UUID, role: OrganizationMemberRole)]
    ) async throws -> [OrganizationMembership] {
        let actor = try context.changing(.writeTree(domain), in: account)
        guard !members.isEmpty else {
            throw CockpitError.invalid(field: "member", reason: "must name at least one user")
        }
        let now = context.now()
        return try await write(account) { tx in
            guard try OrganizationRepository(tx).get(orgID, domain: domain) != nil else {
                throw CockpitError.notFound("\(domain.rawValue) org")
            }
            let repo = OrganizationMembershipRepository(tx)
            var saved: [OrganizationMembership] = []
            for (userID, role) in members {
                guard try UserRepository(tx).get(userID, domain: domain) != nil else {
                    throw CockpitError.notFound("\(domain.rawValue) user")
                }
                let before = try repo.get(orgID: orgID, userID: userID, domain: domain)
                let membership = OrganizationMembership(
                    accountID: account, domain: domain, orgID: orgID, userID: userID, role: role,
                    createdAt: before?.createdAt ?? now, updatedAt: now)
                try repo.upsert(membership)
                try audit(
                    tx, account, domain, actor,
                    before == nil ? "organization.member_add" : "organization.member_update",
                    "organization_membership", "\(orgID.lowercased):\(userID.lowercased)",
                    before: try before.map { try .snapshot($0) }, after: .snapshot(membership))
                saved.append(membership)
            }
            return saved
        }
    }

    /// Removes a user from an organization: the membership removed, or nil when the user (of this tree, else 404)
    /// was not a member (removing is idempotent). 404 for an unknown organization.
    public func removeOrganizationMember(
        account: UUID, domain: ProductDomain, orgID: UUID, userID: UUID
    ) async throws -> OrganizationMembership? {
        let actor = try context.changing(.writeTree(domain), in: account)
        return try await write(account) { tx in
            guard try OrganizationRepository(tx).get(orgID, domain: domain) != nil else {
                throw CockpitError.notFound("\(domain.rawValue) org")
            }
            guard try UserRepository(tx).get(userID, domain: domain) != nil else {
                throw CockpitError.notFound("\(domain.rawValue) user")
            }
            let repo = OrganizationMembershipRepository(tx)
            guard let before = try repo.get(orgID: orgID, userID: userID, domain: domain),
                try repo.delete(orgID: orgID, userID: userID, domain: domain)
            else { return nil }
            try audit(
                tx, account, domain, actor, "organization.member_delete", "organization_membership",
                "\(orgID.lowercased):\(userID.lowercased)", before: .snapshot(before))
            return before
        }
    }

    /// The members of an organization, oldest first.
    public func organizationMembers(
        account: UUID, domain: ProductDomain, orgID: UUID
    ) async throws -> [OrganizationMembership] {
        try context.reading(.readTree(domain), in: account)
        return try await read(account) { tx in
            guard try OrganizationRepository(tx).get(orgID, domain: domain) != nil else {
                throw CockpitError.notFound("\(domain.rawValue) org")
            }
            return try OrganizationMembershipRepository(tx).list(orgID: orgID, domain: domain)
        }
    }
}
