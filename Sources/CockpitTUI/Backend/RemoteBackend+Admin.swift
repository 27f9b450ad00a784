import CockpitAPI
import CockpitCore
import Foundation

/// The remote backend's edits, account administration, models and Zitadel, over the same routes an operator's
/// scripts use (`/v1/…`, `/model/*`).
extension RemoteBackend {
    public func rename(account: UUID, domain: ProductDomain, node: NodeID, name: String) async throws {
        let d = domain.rawValue
        switch node {
        case .org(let id):
            _ = try await send(
                "PATCH", "/v1/\(d)/orgs/\(id.lowercased)", body: NodeChange(name: .value(name)), account: account)
        case .team(let id):
            _ = try await send(
                "PATCH", "/v1/\(d)/teams/\(id.lowercased)", body: NodeChange(name: .value(name)), account: account)
        case .member, .more:
            throw CockpitError.invalid(field: "name", reason: "only organizations and teams are renamed")
        }
    }

    public func editMember(
        account: UUID, domain: ProductDomain, team: UUID, user: UUID, name: String?, admin: Bool
    ) async throws {
        let d = domain.rawValue
        if let name {
            _ = try await send(
                "PATCH", "/v1/\(d)/users/\(user.lowercased)", ["display_name": .string(name)], account: account)
        }
        _ = try await send(
            "POST", "/v1/\(d)/teams/\(team.lowercased)/members",
            ["user_id": .string(user.lowercased), "role": .string(admin ? "admin" : "member")], account: account)
    }

    public func createAccount(_ input: NewAccount) async throws -> Account {
        let answer = try await send("POST", "/v1/accounts", body: AccountCreate(input), account: nil)
        return try decode(AccountCreated.self, answer).item.account
    }

    public func updateAccount(_ id: UUID, _ patch: AccountPatch) async throws -> Account {
        let answer = try await send(
            "PATCH", "/v1/accounts/\(id.lowercased)", body: AccountChange(patch), account: nil)
        return try decode(AccountBundleView.self, answer["item"]).account
    }

    public func hardDeleteAccount(_ id: UUID, confirmName: String) async throws {
        let name = confirmName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        _ = try await send(
            "DELETE", "/v1/accounts/\(id.lowercased)?hard_delete=true&confirm_name=\(name)", nil, account: nil)
    }

    public func saveModel(account: UUID, _ input: ModelInput) async throws -> ModelDeployment {
        try decode(
            ModelDeployment.self,
            try await send("POST", "/v1/deployments", body: DeploymentUpsert(input), account: account)["item"])
    }

    public func deleteModel(account: UUID, id: UUID) async throws {
        _ = try await send("DELETE", "/v1/deployments/\(id.lowercased)", nil, account: account)
    }

    public func zitadel(account: UUID) async throws -> ZitadelOverview {
        let status = try await get("/v1/auth/zitadel/status", account: nil)
        let config = ZitadelAccountConfig(
            metadata: try await get("/v1/accounts/\(account.lowercased)/zitadel/config", account: nil)["item"])
        var overview = ZitadelOverview(status: status, config: config)
        do {
            overview.plan = try decode(
                ProvisioningReport.self,
                try await send(
                    "POST", "/v1/accounts/\(account.lowercased)/zitadel/provision/bootstrap",
                    body: BootstrapRequest(dryRun: true, createProject: true), account: nil)["item"])
        } catch {
            overview.planError = (error as? CockpitError)?.message ?? "\(error)"
        }
        return overview
    }

    public func bootstrapZitadel(account: UUID) async throws -> ProvisioningReport {
        try decode(
            ProvisioningReport.self,
            try await send(
                "POST", "/v1/accounts/\(account.lowercased)/zitadel/provision/bootstrap",
                body: BootstrapRequest(dryRun: false, createProject: true),
                account: nil)["item"])
    }
}
