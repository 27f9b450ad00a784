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
        try decode([AccountAdmin].self, try await get(accountPath(account, "admins"), account: nil)["items"])
    }

    public func addAdmin(account: UUID, email: String, password: String?) async throws -> AccountAdmin {
        let body: JSONValue = ["email": .string(email), "password": password.map(JSONValue.string) ?? .null]
        return try decode(
            AccountAdmin.self, try await send("POST", accountPath(account, "admins"), body, account: nil)["item"])
    }

    public func setAdminPassword(account: UUID, email: String, password: String?) async throws -> AccountAdmin {
        let path = accountPath(account, "admins/\(Self.segment(email))")
        return try decode(
            AccountAdmin.self,
            try await send("PATCH", path, ["password": password.map(JSONValue.string) ?? .null], account: nil)["item"])
    }

    public func removeAdmin(account: UUID, email: String) async throws {
        _ = try await send("DELETE", accountPath(account, "admins/\(Self.segment(email))"), nil, account: nil)
    }

    public func consoleModelPolicy(account: UUID) async throws -> ConsoleModelPolicy {
        try decode(
            ConsoleModelPolicy.self, try await get(accountPath(account, "console-model-policy"), account: nil)["item"])
    }

    public func setConsoleModelPolicy(account: UUID, _ policy: ConsoleModelPolicy) async throws -> ConsoleModelPolicy {
        let body: JSONValue = [
            "allow": .array(policy.allow.map(JSONValue.string)), "deny": .array(policy.deny.map(JSONValue.string)),
        ]
        return try decode(
            ConsoleModelPolicy.self,
            try await send("PUT", accountPath(account, "console-model-policy"), body, account: nil)["item"])
    }

    public func featurePack(account: UUID) async throws -> JSONValue {
        try await get(accountPath(account, "feature-pack"), account: nil)["item"] ?? .emptyObject
    }

    public func setFeaturePack(account: UUID, _ pack: JSONValue) async throws -> JSONValue {
        try await send("PUT", accountPath(account, "feature-pack"), pack, account: nil)["item"] ?? .emptyObject
    }

    public func catalog() async throws -> [ModelDeployment] {
        try decode(
            [ModelDeployment].self,
            try await get("/v1/super/models?limit=\(PageRequest.maxLimit)", account: nil)["items"])
    }

    public func saveCatalogModel(_ input: ModelInput) async throws -> ModelDeployment {
        var params: [String: JSONValue] = ["model": .string(input.providerModel)]
        if let base = input.apiBase { params["api_base"] = .string(base) }
        if let key = input.apiKey { params["api_key"] = .string(key) }
        var body: [String: JSONValue] = [
            "model_name": .string(input.modelName), "litellm_params": .object(params),
            "visible_to_all": .bool(input.visibleToAll),
        ]
        if let id = input.id { body["id"] = .string(id.lowercased) }
        return try decode(
            ModelDeployment.self, try await send("POST", "/v1/super/models/upsert", .object(body), account: nil)["item"]
        )
    }

    public func deleteCatalogModel(id: UUID) async throws {
        _ = try await send("DELETE", "/v1/super/models/\(id.lowercased)", nil, account: nil)
    }

    public func setZitadelConfig(account: UUID, _ c: ZitadelAccountConfig) async throws -> ZitadelAccountConfig {
        let body: JSONValue = [
            "enabled": .bool(c.enabled), "issuer": .string(c.issuer), "audience": .string(c.audience),
            "project_id": .string(c.projectID),
            "organization_id": .string(c.organizationID),
            "role_mappings": .object(c.roleMappings.mapValues(JSONValue.string)),
            "account_id_claim": .string(c.accountIDClaim),
        ]
        return ZitadelAccountConfig(
            metadata: try await send("PUT", accountPath(account, "zitadel/config"), body, account: nil)["item"])
    }

    public func grantZitadelRoles(account: UUID, user: String, roleKeys: [String]) async throws -> ProvisioningReport {
        var body: [String: JSONValue] = ["role_keys": .array(roleKeys.map(JSONValue.string))]
        body[user.contains("@") ? "email" : "user_id"] = .string(user)
        return try decode(
            ProvisioningReport.self,
            try await send(
                "POST", accountPath(account, "zitadel/provision/user-grant"), .object(body),
                account: nil)["item"])
    }

    public func ensureZitadelRole(account: UUID, _ role: ZitadelRole) async throws -> ProvisioningReport {
        let body: JSONValue = [
            "key": .string(role.key), "display_name": .string(role.displayName), "group": .string(role.group),
        ]
        return try decode(
            ProvisioningReport.self,
            try await send("POST", accountPath(account, "zitadel/provision/project-role"), body, account: nil)["item"])
    }
}
