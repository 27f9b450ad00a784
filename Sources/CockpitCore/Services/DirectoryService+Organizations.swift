import Foundation

extension DirectoryService {
    /// Creates an organization; `.conflict` when the name is taken in this account and domain.
    public func createOrganization(
        account: UUID, domain: ProductDomain, name rawName: String, metadata: JSONValue? = nil,
        maxBudget: Double? = nil, description: String? = nil
    ) async throws -> Organization {
        let actor = try context.changing(.writeTree(domain), in: account)
        let name = try Validation.name(rawName)
        let description = try Validation.description(description)
        let metadata = try Validation.metadata(metadata)
        let maxBudget = try Validation.budget(maxBudget)
        let now = context.now()
        let org = Organization(
            id: UUID(), accountID: account, domain: domain, name: name, metadata: metadata, maxBudget: maxBudget,
            createdAt: now, updatedAt: now, description: description, createdBy: actor.name)
        return try await write(account) { tx in
            let orgs = OrganizationRepository(tx)
            if try orgs.find(name: name, domain: domain) != nil {
                throw CockpitError.conflict("\(domain.rawValue) org already exists")
            }
            try orgs.insert(org)
            try audit(
                tx, account, domain, actor, "org.create", "organization", org.id.lowercased, after: .snapshot(org))
            return org
        }
    }

    /// One organization.
    public func organization(account: UUID, domain: ProductDomain, id: UUID) async throws -> Organization {
        try context.reading(.readTree(domain), in: account)
        return try await read(account) { tx in
            guard let org = try OrganizationRepository(tx).get(id, domain: domain) else {
                throw CockpitError.notFound("\(domain.rawValue) org")
            }
            return org
        }
    }

    /// Organizations of one tree in name order.
    public func organizations(
        account: UUID, domain: ProductDomain, page: PageRequest = .first
    ) async throws -> Page<Organization> {
        try context.reading(.readTree(domain), in: account)
        return try await read(account) { try OrganizationRepository($0).list(domain: domain, page: page) }
    }

    /// Renames or changes an organization.
    public func updateOrganization(
        account: UUID, domain: ProductDomain, id: UUID, _ patch: Patch
    ) async throws -> Organization {
        let actor = try context.changing(.writeTree(domain), in: account)
        let patch = try patch.validated()
        let now = context.now()
        return try await write(account) { tx in
            let orgs = OrganizationRepository(tx)
            guard let before = try orgs.get(id, domain: domain) else {
                throw CockpitError.notFound("\(domain.rawValue) org")
            }
            if let name = patch.name, let other = try orgs.find(name: name, domain: domain), other.id != id {
                throw CockpitError.conflict("\(domain.rawValue) org already exists")
            }
            var after = before
            patch.apply(to: &after, at: now)
            try orgs.update(after)
            try audit(
                tx, account, domain, actor, "org.update", "organization", id.lowercased, before: .snapshot(before),
                after: .snapshot(after))
            return after
        }
    }

    /// Deletes an organization with its teams, their memberships, grants and keys.
    public func deleteOrganization(account: UUID, domain: ProductDomain, id: UUID) async throws {
        let actor = try context.changing(.writeTree(domain), in: account)
        try await write(account) { tx in
            let orgs = OrganizationRepository(tx)
            guard let before = try orgs.get(id, domain: domain) else {
                throw CockpitError.notFound("\(domain.rawValue) org")
            }
            try orgs.delete(id, domain: domain)
            try audit(
                tx, account, domain, actor, "org.delete", "organization", id.lowercased, before: .snapshot(before))
        }
    }
}
