import CockpitAPI
import CockpitCore
import Foundation

/// The super-admin's administration over `/v1/accounts/{id}/…` and `/v1/super/…`.
extension RemoteBackend {
    func accountPath(_ account: UUID, _ rest: String) -> String { "/v1/accounts/\(account.lowercased)/\(rest)" }

    /// An admin's path segment: the email, percent-encoded where a path needs it.
    static func segment(_ email: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        return email.lowercased().addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    public func admins(account: UUID) async throws -> [AccountAdmin] {
        try decode([AdminView].self, try await get(accountPath(account, "admins"), account: nil)["items"]).map(\.admin)
    }

    /// Adds an admin (the route answers `{"status": "ok"}`, as the original's does), then reads it back.
    public func addAdmin(account: UUID, email: String, password: String?) async throws -> AccountAdmin {
        let list = try await admins(account: account)
        guard !list.contains(where: { $0.email == email.lowercased() }) else {
            throw CockpitError.conflict("\(email.lowercased()) is already an admin of this account")
        }
        _ = try await send(
            "POST", accountPath(account, "admins"), body: AdminCreate(email: email, password: password), account: nil)
        guard let admin = try await admins(account: account).first(where: { $0.email == email.lowercased() }) else {
            throw CockpitError.unavailable("the server did not keep the admin \(email)")
        }
        return admin
    }

    public func setAdminPassword(account: UUID, email: String, password: String?) async throws -> AccountAdmin {
        let path = accountPath(account, "admins/\(Self.segment(email))")
        return try decode(
            AdminChanged.self, try await send("PATCH", path, body: AdminChange(password: password), account: nil)
        ).item.admin
    }

    public func removeAdmin(account: UUID, email: String) async throws {
        _ = try await send("DELETE", accountPath(account, "admins/\(Self.segment(email))"), nil, account: nil)
    }

    public func consoleModelPolicy(account: UUID) async throws -> ConsoleModelPolicy {
        try decode(PolicyAnswer.self, try await get(accountPath(account, "console-model-policy"), account: nil))
            .consoleModelPolicy.policy
    }

    public func setConsoleModelPolicy(account: UUID, _ policy: ConsoleModelPolicy) async throws -> ConsoleModelPolicy {
        let answer = try await send(
            "PUT", accountPath(account, "console-model-policy"), body: PolicyReplace(policy), account: nil)
        return try decode(PolicyAnswer.self, answer).consoleModelPolicy.policy
    }

    public func featurePack(account: UUID) async throws -> FeaturePack {
        try decode(FeaturePackAnswer.self, try await get(accountPath(account, "feature-pack"), account: nil))
            .featurePack
    }

    public func setFeaturePack(account: UUID, _ pack: FeaturePack) async throws -> FeaturePack {
        let answer = try await send(
            "PUT", accountPath(account, "feature-pack"), body: FeaturePackReplace(pack), account: nil)
        return try decode(FeaturePackAnswer.self, answer).featurePack
    }

    public func catalog() async throws -> [ModelDeployment] {
        try decode(
            [ModelDeployment].self,
            try await get("/v1/super/models?limit=\(PageRequest.maxLimit)", account: nil)["items"])
    }

    public func saveCatalogModel(_ input: ModelInput) async throws -> ModelDeployment {
        let answer = try await send("POST", "/v1/super/models/upsert", body: CatalogUpsert(input), account: nil)
        return try decode(ModelDeployment.self, answer["item"])
    }

    public func deleteCatalogModel(id: UUID) async throws {
        _ = try await send("DELETE", "/v1/super/models/\(id.lowercased)", nil, account: nil)
    }

    public func setZitadelConfig(account: UUID, _ c: ZitadelAccountConfig) async throws -> ZitadelAccountConfig {
        let answer = try await send(
            "PUT", accountPath(account, "zitadel/config"), body: ZitadelConfigBody(c), account: nil)
        return ZitadelAccountConfig(metadata: answer["item"])
    }

    public func grantZitadelRoles(account: UUID, user: String, roleKeys: [String]) async throws -> ProvisioningReport {
        let body = UserGrantRequest(user: user, roleKeys: roleKeys)
        return try decode(
            ProvisioningReport.self,
            try await send("POST", accountPath(account, "zitadel/provision/user-grant"), body: body, account: nil)[
                "item"])
    }

    public func ensureZitadelRole(account: UUID, _ role: ZitadelRole) async throws -> ProvisioningReport {
        return try decode(
            ProvisioningReport.self,
            try await send(
                "POST", accountPath(account, "zitadel/provision/project-role"), body: ProjectRoleRequest(role),
                account: nil)["item"])
    }
}
