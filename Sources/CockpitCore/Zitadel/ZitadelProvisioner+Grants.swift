import Foundation

extension ZitadelProvisioner {
    /// The account's admins, oldest first, as the original walks them.
    func adminsOldestFirst(_ account: UUID) async throws -> [AccountAdmin] {
        try await AdminService(context).list(account: account).sorted {
            ($0.createdAt, $0.email) < ($1.createdAt, $1.email)
        }
    }

    /// The grants step: per admin, role keys from `mappings`, the Zitadel user from the map or (when asked) a search
    /// by email, then the grant; admins without either are reported unresolved. A dry run makes no grant.
    func adminGrants(
        account: UUID, client: ZitadelManagementClient?, project: String?, organization: String?,
        mappings: [String: String], options: ProvisioningOptions
    ) async throws -> AdminGrantResult {
        let admins = try await adminsOldestFirst(account)
        let known = ProvisioningOptions.userIDs(options.userIDByEmail)
        let scoped = client?.on(organization: organization)
        var result = AdminGrantResult(adminsTotal: admins.count)
        for admin in admins {
            let email = admin.email.trimmingCharacters(in: .whitespaces).lowercased()
            let keys = ZitadelRoleMap.roleKeys(for: admin.role, mappings: mappings, defaults: options.defaultRoleKeys)
            let who: [String: JSONValue] = ["email": .string(email), "role": .string(admin.role)]
            guard !keys.isEmpty else {
                result.unresolved.append(.object(who.merging(["reason": "no_role_keys"]) { $1 }))
                continue
            }
            let roleKeys = JSONValue.array(keys.map(JSONValue.string))
            var user = known[email]
            if user == nil, options.resolveUserIDsFromZitadel, let scoped {
                user = try? await scoped.searchUsers(email: email).first?.id
                if let user { result.resolvedUserIDs[email] = user }
            }
            guard let user else {
                result.unresolved.append(
                    .object(who.merging(["reason": "user_id_not_found", "role_keys": roleKeys]) { $1 }))
                continue
            }
            let item = who.merging(["user_id": .string(user), "role_keys": roleKeys]) { $1 }
            let label = "grant \(keys.joined(separator: ",")) to \(email)"
            guard !options.dryRun, let scoped, let project else {
                var held = false
                if let scoped, let project {
                    let grant = try? await scoped.searchUserGrants(user: user, project: project).first
                    held = grant.map { g in keys.allSatisfy(g.roleKeys.contains) } ?? false
                }
                result.steps.append(
                    ProvisioningStep(
                        label: label, status: "skipped", present: held,
                        wire: .object(item.merging(["status": "skipped", "reason": "dry_run"]) { $1 })))
                continue
            }
            do {
                let outcome = try await ensureGrant(scoped, user: user, project: project, roles: keys)
                if outcome.status == "exists" {
                    result.steps.append(Self.existing(label, item, options.skipExisting))
                } else {
                    let answer: JSONValue = ["userGrantId": .string(outcome.id), "outcome": .string(outcome.word)]
                    result.steps.append(
                        ProvisioningStep(
                            label: label, status: "created", extended: outcome.extended,
                            wire: .object(item.merging(["status": "created", "result": answer]) { $1 })))
                }
            } catch  where !(error is CancellationError) {
                result.steps.append(Self.failed(label, item, "\(error)"))
            }
        }
        return result
    }

    /// How a grant ended: a new one, an existing one extended with the missing keys, or one that held them all.
    struct GrantOutcome {
        var id: String
        var word: String
        var status: String { word == "exists" ? "exists" : "created" }
        var extended: Bool { word == "extended" }
    }

    /// A grant that holds `roles`: the existing one (its keys extended to the union), or a new one; after a 409,
    /// searched for again (Zitadel's search may lag its writes) and extended.
    func ensureGrant(
        _ client: ZitadelManagementClient, user: String, project: String, roles: [String]
    ) async throws -> GrantOutcome {
        func extend(_ grant: ZitadelUserGrant) async throws -> GrantOutcome {
            let missing = roles.filter { !grant.roleKeys.contains($0) }
            if missing.isEmpty { return GrantOutcome(id: grant.id, word: "exists") }
            try await client.updateUserGrant(user: user, grant: grant.id, roleKeys: grant.roleKeys + missing)
            return GrantOutcome(id: grant.id, word: "extended")
        }
        if let grant = try await client.searchUserGrants(user: user, project: project).first {
            return try await extend(grant)
        }
        do {
            return GrantOutcome(
                id: try await client.addUserGrant(user: user, project: project, roleKeys: roles), word: "created")
        } catch let e as ZitadelAPIError where e.isAlreadyExists {
            let grant = try await retrySearch { try await client.searchUserGrants(user: user, project: project).first }
            return try await extend(grant)
        }
    }

    /// Repeats a search until it finds something, backing off, for at most `searchAttempts` tries.
    func retrySearch<T>(_ search: () async throws -> T?) async throws -> T {
        for attempt in 0..<searchAttempts {
            if let found = try await search() { return found }
            try await Task.sleep(nanoseconds: UInt64(100_000_000 * (attempt + 1)))
        }
        throw CockpitError.unavailable("Zitadel reported a conflict but the object did not show in its search")
    }
}
